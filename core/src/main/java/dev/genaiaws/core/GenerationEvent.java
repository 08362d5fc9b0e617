package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a stream delivers: {@link TextDelta}s as the model writes (and {@link ReasoningDelta}s as it
 * thinks, {@link ToolCall}s once each tool call is complete), then exactly one {@link Completed}
 * with the stop reason, usage and, where the wire API reports blocks, the whole answer's content.
 * An error ends a stream instead of {@code Completed}.
 */
public sealed interface GenerationEvent
    permits GenerationEvent.TextDelta,
        GenerationEvent.ReasoningDelta,
        GenerationEvent.ToolCall,
        GenerationEvent.Completed {

  /**
   * A piece of text, in order. Concatenate them to get the whole answer.
   *
   * @param text the new text (never null; may be empty)
   */
  record TextDelta(String text) implements GenerationEvent {
    public TextDelta {
      Checks.notNull(text, "text");
    }

    @Override
    public String toString() {
      return "TextDelta[" + Checks.describe(text) + "]";
    }
  }

  /**
   * A piece of the model's reasoning, in order: text, or (in its own delta) the signature of the
   * reasoning block, or redacted bytes. The whole {@link ReasoningBlock}s, signature included, are
   * in {@link Completed#content()}: pass those back, not the deltas.
   *
   * @param text new reasoning text, or {@code null}
   * @param signature the block's signature, or {@code null}
   * @param redacted redacted reasoning bytes, or {@code null}
   */
  record ReasoningDelta(
      @Nullable String text, @Nullable String signature, byte @Nullable [] redacted)
      implements GenerationEvent {
    @Override
    public String toString() {
      return "ReasoningDelta["
          + Checks.describe(text)
          + (signature == null ? "" : ", signature")
          + (redacted == null ? "" : ", redacted")
          + "]";
    }
  }

  /**
   * A whole tool call, assembled from the stream's input fragments once its block ended.
   *
   * @param toolUse the call
   */
  record ToolCall(ToolUseBlock toolUse) implements GenerationEvent {
    public ToolCall {
      Checks.notNull(toolUse, "toolUse");
    }
  }

  /**
   * The end of a successful stream.
   *
   * @param stopReason why the model stopped, neutral
   * @param rawStopReason the family's own word, or {@code null}
   * @param usage token counts (from the stream's final metrics)
   * @param metadata request id, model id, latency, attempts
   * @param content the whole answer as blocks (reasoning with signatures, text, citations, tool
   *     calls), for wire APIs that stream blocks (Converse); empty where only text deltas are known
   * @param details typed provider-specific facts of the answer (for example a guardrail's verdict),
   *     as on {@link GenerationResponse#detail(Class)}
   */
  record Completed(
      StopReason stopReason,
      @Nullable String rawStopReason,
      TokenUsage usage,
      ResponseMetadata metadata,
      List<ContentBlock> content,
      List<ResponseDetail> details)
      implements GenerationEvent {
    public Completed {
      stopReason = stopReason == null ? StopReason.OTHER : stopReason;
      usage = usage == null ? TokenUsage.none() : usage;
      metadata = metadata == null ? ResponseMetadata.empty() : metadata;
      content = Checks.copyOf(content, "content");
      details = Checks.copyOf(details, "details");
    }

    /** The end of a stream without provider-specific details. */
    public Completed(
        StopReason stopReason,
        @Nullable String rawStopReason,
        TokenUsage usage,
        ResponseMetadata metadata,
        List<ContentBlock> content) {
      this(stopReason, rawStopReason, usage, metadata, content, List.of());
    }

    /** The end of a stream whose blocks are not reported. */
    public Completed(
        StopReason stopReason,
        @Nullable String rawStopReason,
        TokenUsage usage,
        ResponseMetadata metadata) {
      this(stopReason, rawStopReason, usage, metadata, List.of(), List.of());
    }

    /** A copy with other metadata. */
    public Completed withMetadata(ResponseMetadata metadata) {
      return new Completed(stopReason, rawStopReason, usage, metadata, content, details);
    }

    /** A copy with other usage (a run of several calls reports their sum). */
    public Completed withUsage(TokenUsage usage) {
      return new Completed(stopReason, rawStopReason, usage, metadata, content, details);
    }

    /**
     * The stream's answer as one response: its blocks (none where only text deltas were streamed),
     * stop reason, usage, metadata and details.
     */
    public GenerationResponse toResponse() {
      GenerationResponse.Builder b =
          GenerationResponse.builder()
              .content(content)
              .stopReason(stopReason, rawStopReason)
              .usage(usage)
              .metadata(metadata);
      details.forEach(b::detail);
      return b.build();
    }

    /**
     * As {@link #toResponse()}, with {@code streamedText} (the stream's text deltas joined) as the
     * content where the wire API streamed no blocks.
     */
    public GenerationResponse toResponse(String streamedText) {
      GenerationResponse whole = toResponse();
      return content.isEmpty()
          ? whole.toBuilder().content(List.of(new TextBlock(streamedText))).build()
          : whole;
    }
  }
}
