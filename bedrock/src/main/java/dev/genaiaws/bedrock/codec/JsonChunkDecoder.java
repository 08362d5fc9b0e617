package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.StreamDecoder;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Base of the Bedrock stream decoders: each chunk is one JSON object. Subclasses read the family's
 * fields in {@link #onChunk}, emit text with {@link #text}, and record the stop reason and counts
 * as they arrive; the {@code Completed} event is emitted once, when the chunk with the invocation
 * metrics arrives or at the end of the stream, with the usage from the metrics where present (they
 * cover the whole stream).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public abstract class JsonChunkDecoder implements StreamDecoder {
  /** The key Bedrock adds to the last chunk of every stream. */
  static final String INVOCATION_METRICS = "amazon-bedrock-invocationMetrics";

  private final String family;
  private final StopReasonMap stopReasons;
  private String rawStopReason;
  private int inputTokens;
  private int outputTokens;
  private boolean completed;

  protected JsonChunkDecoder(String family, StopReasonMap stopReasons) {
    this.family = family;
    this.stopReasons = stopReasons;
  }

  /** Reads one decoded chunk. */
  protected abstract void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink);

  @Override
  public final void decode(byte[] bytes, Consumer<GenerationEvent> sink) {
    if (completed) {
      return;
    }
    JsonNode chunk = CodecJson.read(bytes, family);
    onChunk(chunk, sink);
    TokenUsage metrics = invocationMetrics(chunk);
    if (metrics != null) {
      inputTokens = metrics.inputTokens() != 0 ? metrics.inputTokens() : inputTokens;
      outputTokens = metrics.outputTokens() != 0 ? metrics.outputTokens() : outputTokens;
      complete(sink);
    }
  }

  @Override
  public final void finish(Consumer<GenerationEvent> sink) {
    complete(sink);
  }

  /** Emits a text delta (empty text is skipped). */
  protected final void text(String text, Consumer<GenerationEvent> sink) {
    if (text != null && !text.isEmpty()) {
      sink.accept(new GenerationEvent.TextDelta(text));
    }
  }

  /** Records the family's stop reason (the last non-null one wins). */
  protected final void stopReason(String raw) {
    if (raw != null) {
      rawStopReason = raw;
    }
  }

  /** Records the input token count if known (non-zero). */
  protected final void inputTokens(int n) {
    if (n > 0) {
      inputTokens = n;
    }
  }

  /** Records the output token count if known (non-zero); cumulative counts just overwrite. */
  protected final void outputTokens(int n) {
    if (n > 0) {
      outputTokens = n;
    }
  }

  /**
   * The answer's whole blocks, for the {@code Completed} event, when the family streams blocks
   * (Claude Messages with tools or reasoning); empty by default.
   */
  protected List<ContentBlock> content() {
    return List.of();
  }

  private void complete(Consumer<GenerationEvent> sink) {
    if (completed) {
      return;
    }
    completed = true;
    StopReason reason = stopReasons.apply(rawStopReason);
    sink.accept(
        new GenerationEvent.Completed(
            reason, rawStopReason, new TokenUsage(inputTokens, outputTokens), null, content()));
  }

  /**
   * The usage in a chunk's {@code amazon-bedrock-invocationMetrics}, or {@code null} when absent.
   */
  static TokenUsage invocationMetrics(JsonNode chunk) {
    JsonNode m = chunk == null ? null : chunk.get(INVOCATION_METRICS);
    if (m == null || !m.isObject()) {
      return null;
    }
    return new TokenUsage(
        CodecJson.intOr0(m, "inputTokenCount"), CodecJson.intOr0(m, "outputTokenCount"));
  }
}
