package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The model's reasoning ("thinking") before its answer: readable text with the signature the
 * provider attached, or redacted (encrypted) bytes. Pass reasoning blocks back unchanged and in
 * their place when you continue a conversation, above all before tool results: the service checks
 * the signature, and a changed or reordered block fails the call. Responses and streams give them
 * to you exactly as received.
 *
 * @param text the reasoning text, or {@code null} for a redacted block
 * @param signature the provider's signature over the text, or {@code null}
 * @param redacted the redacted content, or {@code null} for a readable block (copied in and out)
 */
public record ReasoningBlock(
    @Nullable String text, @Nullable String signature, byte @Nullable [] redacted)
    implements ContentBlock {
  public ReasoningBlock {
    if ((text == null) == (redacted == null)) {
      throw new InvalidRequestException(
          "a reasoning block holds either text (with its signature) or redacted "
              + "bytes, exactly one of them");
    }
    if (redacted != null) {
      if (signature != null) {
        throw new InvalidRequestException("a redacted reasoning block has no signature");
      }
      redacted = redacted.clone();
    }
  }

  /** Readable reasoning with its signature (may be {@code null} for models that do not sign). */
  public static ReasoningBlock of(String text, @Nullable String signature) {
    return new ReasoningBlock(text, signature, null);
  }

  /** Redacted reasoning. */
  public static ReasoningBlock redacted(byte[] data) {
    return new ReasoningBlock(null, null, data);
  }

  /** Whether this block is redacted. */
  public boolean isRedacted() {
    return redacted != null;
  }

  @Override
  public byte @Nullable [] redacted() {
    return redacted == null ? null : redacted.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReasoningBlock r
        && Objects.equals(text, r.text)
        && Objects.equals(signature, r.signature)
        && Arrays.equals(redacted, r.redacted);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, signature, Arrays.hashCode(redacted));
  }

  @Override
  public String toString() {
    return "ReasoningBlock["
        + (redacted != null
            ? "redacted, " + redacted.length + " bytes"
            : (text == null ? 0 : text.length()) + " chars" + (signature == null ? "" : ", signed"))
        + "]";
  }
}
