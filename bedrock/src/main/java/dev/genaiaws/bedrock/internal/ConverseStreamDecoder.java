package dev.genaiaws.bedrock.internal;

import dev.genaiaws.core.Citation;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.ResponseDetail;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.internal.StreamedBlocks;
import dev.genaiaws.core.internal.Wire;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;

/**
 * Turns one ConverseStream's typed events into neutral events: text deltas as {@code TextDelta}s,
 * reasoning (text, the signature in its own delta, redacted bytes) as {@code ReasoningDelta}s,
 * tool-input fragments assembled into one {@code ToolCall} when their block stops, citations kept
 * with their text ({@link StreamedBlocks}). {@code Completed} follows the {@code metadata} event
 * (or the end of the stream) and carries every block in index order and, on a guarded call, the
 * guardrail's verdict ({@code GuardrailTrace}, from the stop reason and the metadata event's {@code
 * trace.guardrail}), as on {@code converse}. Stateful, one stream only. Internal.
 */
final class ConverseStreamDecoder implements Wire.ChunkDecoder<ConverseStreamOutput> {
  private final StreamedBlocks blocks = new StreamedBlocks("Converse");
  private final boolean guarded;
  private @Nullable String stopReason;
  private @Nullable GuardrailTraceAssessment guardrail;
  private TokenUsage usage = TokenUsage.none();
  private boolean completed;

  /**
   * @param guarded whether the request named a guardrail (its verdict is then reported even without
   *     a trace)
   */
  ConverseStreamDecoder(boolean guarded) {
    this.guarded = guarded;
  }

  private static int index(Integer i) {
    return i == null ? 0 : i;
  }

  @Override
  public void decode(ConverseStreamOutput event, Consumer<GenerationEvent> sink) {
    if (event instanceof ContentBlockStartEvent start) {
      if (start.start() != null && start.start().toolUse() != null) {
        blocks.startToolUse(
            index(start.contentBlockIndex()),
            start.start().toolUse().toolUseId(),
            start.start().toolUse().name());
      }
    } else if (event instanceof ContentBlockDeltaEvent d) {
      delta(index(d.contentBlockIndex()), d.delta(), sink);
    } else if (event instanceof ContentBlockStopEvent stop) {
      blocks.stop(index(stop.contentBlockIndex()), sink);
    } else if (event instanceof MessageStopEvent stop) {
      stopReason = stop.stopReasonAsString();
    } else if (event instanceof ConverseStreamMetadataEvent m) {
      usage = ConverseMapping.usage(m.usage());
      guardrail = m.trace() == null ? null : m.trace().guardrail();
      complete(sink);
    }
  }

  private void delta(int index, ContentBlockDelta d, Consumer<GenerationEvent> sink) {
    if (d == null) {
      return;
    }
    if (d.text() != null) {
      blocks.text(index, d.text());
      sink.accept(new GenerationEvent.TextDelta(d.text()));
    } else if (d.toolUse() != null) {
      blocks.toolInput(index, d.toolUse().input());
    } else if (d.reasoningContent() != null) {
      ReasoningContentBlockDelta r = d.reasoningContent();
      if (r.redactedContent() != null) {
        blocks.redacted(index, r.redactedContent().asByteArray(), sink);
      } else {
        blocks.reasoning(index, r.text(), r.signature(), sink);
      }
    } else if (d.citation() != null) {
      CitationsDelta c = d.citation();
      blocks.citation(
          index,
          new Citation(
              c.title(),
              c.source(),
              c.sourceContent().stream()
                  .map(s -> s.text())
                  .filter(java.util.Objects::nonNull)
                  .toList(),
              ConverseMapping.location(c.location())));
    }
  }

  private void complete(Consumer<GenerationEvent> sink) {
    if (completed) {
      return;
    }
    completed = true;
    StopReason stop = ConverseMapping.STOP_REASONS.apply(stopReason);
    List<ResponseDetail> details =
        guardrail != null || guarded
            ? List.of(
                GuardrailMapping.converseTrace(stop == StopReason.GUARDRAIL_INTERVENED, guardrail))
            : List.of();
    sink.accept(
        new GenerationEvent.Completed(
            stop, stopReason, usage, ResponseMetadata.empty(), blocks.content(), details));
  }

  @Override
  public void finish(Consumer<GenerationEvent> sink) {
    complete(sink);
  }
}
