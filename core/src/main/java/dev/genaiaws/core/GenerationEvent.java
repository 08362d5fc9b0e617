package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;

/**
 * What a stream delivers: zero or more {@link TextDelta}s as the model writes, then exactly one
 * {@link Completed} with the stop reason and usage. An error ends a stream instead of {@code Completed}.
 */
public sealed interface GenerationEvent permits GenerationEvent.TextDelta, GenerationEvent.Completed {

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
   * The end of a successful stream.
   *
   * @param stopReason why the model stopped, neutral
   * @param rawStopReason the family's own word, or {@code null}
   * @param usage token counts (from the stream's final metrics)
   * @param metadata request id, model id, latency, attempts
   */
  record Completed(StopReason stopReason, String rawStopReason, TokenUsage usage, ResponseMetadata metadata)
      implements GenerationEvent {
    public Completed {
      stopReason = stopReason == null ? StopReason.OTHER : stopReason;
      usage = usage == null ? TokenUsage.none() : usage;
      metadata = metadata == null ? ResponseMetadata.empty() : metadata;
    }

    /** A copy with other metadata. */
    public Completed withMetadata(ResponseMetadata metadata) {
      return new Completed(stopReason, rawStopReason, usage, metadata);
    }
  }
}
