package dev.genaiaws.testkit.internal.bedrock;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the reasoning the emulator produces and verifies what clients send back, as Bedrock does:
 * the {@code signature} of a {@code reasoningText} "is a hash of all the messages in the
 * conversation and is a safeguard against tampering ... If any of the messages are changed, the
 * response throws an error" (Bedrock user guide, conversation-inference-call). The emulator binds
 * the signature to the reasoning text alone (HMAC-SHA256 under a fixed key), so a changed text or
 * signature is caught and a replay into another emulator instance still verifies. Redacted
 * reasoning is opaque bytes that the emulator can recognise as its own.
 */
final class ReasoningSeals {
  private static final byte[] KEY =
      "genai-aws testkit reasoning seal v1".getBytes(StandardCharsets.UTF_8);

  private ReasoningSeals() {}

  /** The signature of a reasoning text: base64 of two chained HMACs (88 characters). */
  static String sign(String text) {
    byte[] first = hmac(("text\0" + text).getBytes(StandardCharsets.UTF_8));
    byte[] second = hmac(first);
    byte[] both = Arrays.copyOf(first, 64);
    System.arraycopy(second, 0, both, 32, 32);
    return Base64.getEncoder().encodeToString(both);
  }

  /** Whether {@code signature} is the one {@link #sign} gives for {@code text}. */
  static boolean verify(String text, String signature) {
    return MessageDigest.isEqual(
        sign(text).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether {@code signature} has the shape of one the real service issued: base64 of a protobuf
   * envelope (its first byte, field 2 length-delimited, encodes as {@code E}), longer than the
   * emulator's own 88 characters. The emulator cannot check those offline, and a conversation
   * replayed from a real capture carries them, so they are accepted; an 88-character signature is
   * always checked.
   */
  static boolean issuedByService(String signature) {
    return signature.length() > 88 && signature.charAt(0) == 'E' && isBase64(signature);
  }

  /**
   * Whether redacted reasoning bytes are the real service's: base64 text of a protobuf envelope.
   */
  static boolean redactedByService(byte[] data) {
    return data.length > 64
        && data[0] == 'E'
        && isBase64(new String(data, StandardCharsets.US_ASCII));
  }

  private static boolean isBase64(String s) {
    try {
      Base64.getDecoder().decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Opaque redacted-reasoning bytes for a hidden reasoning text: a digest and its seal. */
  static byte[] redact(String hiddenText) {
    byte[] digest = sha256(hiddenText.getBytes(StandardCharsets.UTF_8));
    byte[] out = Arrays.copyOf(digest, 64);
    System.arraycopy(hmac(digest), 0, out, 32, 32);
    return out;
  }

  /** Whether {@code bytes} came from {@link #redact}. */
  static boolean verifyRedacted(byte[] bytes) {
    if (bytes.length != 64) {
      return false;
    }
    return MessageDigest.isEqual(hmac(Arrays.copyOf(bytes, 32)), Arrays.copyOfRange(bytes, 32, 64));
  }

  private static byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
