package dev.genaiaws.bedrock.internal;

import dev.genaiaws.core.Citation;
import dev.genaiaws.core.CitationsBlock;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.internal.Wire;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;

/**
 * Turns one ConverseStream's events into neutral events, and assembles the answer's blocks on the way:
 * text deltas as {@code TextDelta}s; reasoning text, signature (which arrives in its own delta) and redacted
 * bytes as {@code ReasoningDelta}s and one {@link ReasoningBlock} per block; tool-input fragments concatenated
 * and parsed when their block stops, then emitted as one {@code ToolCall}; citations kept with their text.
 * Deltas for an index that had no {@code contentBlockStart} are accepted (text and reasoning blocks have
 * none). {@code Completed} carries every block in index order, so a caller can append the answer, signatures
 * included, to the conversation. Stateful, one stream only. Internal.
 */
final class ConverseStreamDecoder implements Wire.ChunkDecoder<ConverseStreamOutput> {

  /** What one content block has accumulated so far. */
  private static final class Pending {
    StringBuilder text;
    StringBuilder reasoning;
    String signature;
    ByteArrayOutputStream redacted;
    String toolUseId;
    String toolName;
    StringBuilder toolInput;
    List<Citation> citations;
    ContentBlock done;
  }

  private final Map<Integer, Pending> blocks = new TreeMap<>();
  private String stopReason;
  private TokenUsage usage = TokenUsage.none();
  private boolean completed;

  private Pending at(Integer index) {
    return blocks.computeIfAbsent(index == null ? 0 : index, i -> new Pending());
  }

  @Override
  public void decode(ConverseStreamOutput event, Consumer<GenerationEvent> sink) {
    if (event instanceof ContentBlockStartEvent start) {
      Pending p = at(start.contentBlockIndex());
      if (start.start() != null && start.start().toolUse() != null) {
        p.toolUseId = start.start().toolUse().toolUseId();
        p.toolName = start.start().toolUse().name();
        p.toolInput = new StringBuilder();
      }
    } else if (event instanceof ContentBlockDeltaEvent d) {
      delta(at(d.contentBlockIndex()), d.delta(), sink);
    } else if (event instanceof ContentBlockStopEvent stop) {
      Pending p = at(stop.contentBlockIndex());
      p.done = close(p);
      if (p.done instanceof ToolUseBlock t) {
        sink.accept(new GenerationEvent.ToolCall(t));
      }
    } else if (event instanceof MessageStopEvent stop) {
      stopReason = stop.stopReasonAsString();
    } else if (event instanceof ConverseStreamMetadataEvent m) {
      usage = ConverseMapping.usage(m.usage());
      complete(sink);
    }
  }

  private void delta(Pending p, ContentBlockDelta d, Consumer<GenerationEvent> sink) {
    if (d == null) {
      return;
    }
    if (d.text() != null) {
      (p.text == null ? p.text = new StringBuilder() : p.text).append(d.text());
      sink.accept(new GenerationEvent.TextDelta(d.text()));
    } else if (d.toolUse() != null) {
      (p.toolInput == null ? p.toolInput = new StringBuilder() : p.toolInput).append(d.toolUse().input());
    } else if (d.reasoningContent() != null) {
      ReasoningContentBlockDelta r = d.reasoningContent();
      if (r.text() != null) {
        (p.reasoning == null ? p.reasoning = new StringBuilder() : p.reasoning).append(r.text());
        sink.accept(new GenerationEvent.ReasoningDelta(r.text(), null, null));
      } else if (r.signature() != null) {
        p.signature = p.signature == null ? r.signature() : p.signature + r.signature();
        sink.accept(new GenerationEvent.ReasoningDelta(null, r.signature(), null));
      } else if (r.redactedContent() != null) {
        byte[] bytes = r.redactedContent().asByteArray();
        (p.redacted == null ? p.redacted = new ByteArrayOutputStream() : p.redacted).writeBytes(bytes);
        sink.accept(new GenerationEvent.ReasoningDelta(null, null, bytes));
      }
    } else if (d.citation() != null) {
      CitationsDelta c = d.citation();
      (p.citations == null ? p.citations = new ArrayList<>() : p.citations).add(new Citation(c.title(), c.source(),
          c.sourceContent().stream().map(s -> s.text()).filter(java.util.Objects::nonNull).toList(),
          ConverseMapping.location(c.location())));
    }
  }

  private static ContentBlock close(Pending p) {
    if (p.toolUseId != null) {
      String input = p.toolInput == null ? "" : p.toolInput.toString().strip();
      JsonValue json;
      try {
        json = input.isEmpty() ? JsonValue.emptyObject() : JsonValue.parse(input);
      } catch (GenAiException e) {
        throw new CodecException("the streamed input of tool call " + p.toolUseId + " (" + p.toolName
            + ") is not valid JSON (" + input.length() + " chars)", e);
      }
      return new ToolUseBlock(p.toolUseId, p.toolName, json);
    }
    if (p.redacted != null) {
      return ReasoningBlock.redacted(p.redacted.toByteArray());
    }
    if (p.reasoning != null || p.signature != null) {
      return ReasoningBlock.of(p.reasoning == null ? "" : p.reasoning.toString(), p.signature);
    }
    String text = p.text == null ? "" : p.text.toString();
    if (p.citations != null) {
      return new CitationsBlock(text, p.citations);
    }
    return p.text == null ? null : new TextBlock(text);
  }

  private void complete(Consumer<GenerationEvent> sink) {
    if (completed) {
      return;
    }
    completed = true;
    List<ContentBlock> content = new ArrayList<>();
    for (Pending p : blocks.values()) {
      ContentBlock b = p.done != null ? p.done : close(p);
      if (b != null) {
        content.add(b);
      }
    }
    sink.accept(new GenerationEvent.Completed(ConverseMapping.STOP_REASONS.apply(stopReason), stopReason, usage,
        null, content));
  }

  @Override
  public void finish(Consumer<GenerationEvent> sink) {
    complete(sink);
  }
}
