package dev.genaiaws.core.internal;

import dev.genaiaws.core.Citation;
import dev.genaiaws.core.CitationsBlock;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Assembles a stream's content blocks by index, for stream decoders of APIs that stream blocks (Bedrock
 * Converse, Claude Messages): text, reasoning text with the signature that arrives in a delta of its own,
 * redacted reasoning, tool-input JSON fragments (parsed when the block stops, then emitted as one
 * {@link GenerationEvent.ToolCall}) and citations. Deltas for an index that had no start are accepted. The
 * caller emits text deltas itself; reasoning deltas are emitted here. Stateful, one stream only. Internal.
 */
public final class StreamedBlocks {

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

  private final String api;
  private final Map<Integer, Pending> blocks = new TreeMap<>();

  /** @param api named in error messages (e.g. {@code Converse}) */
  public StreamedBlocks(String api) {
    this.api = api;
  }

  private Pending at(int index) {
    return blocks.computeIfAbsent(index, i -> new Pending());
  }

  /** A tool-use block starts. */
  public void startToolUse(int index, String id, String name) {
    Pending p = at(index);
    p.toolUseId = id;
    p.toolName = name;
    if (p.toolInput == null) {
      p.toolInput = new StringBuilder();
    }
  }

  /** Text for a block (the caller emits the text delta). */
  public void text(int index, String text) {
    if (text == null) {
      return;
    }
    Pending p = at(index);
    (p.text == null ? p.text = new StringBuilder() : p.text).append(text);
  }

  /** A fragment of a tool call's input JSON. */
  public void toolInput(int index, String fragment) {
    Pending p = at(index);
    (p.toolInput == null ? p.toolInput = new StringBuilder() : p.toolInput).append(fragment == null ? "" : fragment);
  }

  /** Reasoning text and/or its signature; emits a {@code ReasoningDelta} for what is non-empty. */
  public void reasoning(int index, String text, String signature, Consumer<GenerationEvent> sink) {
    Pending p = at(index);
    if (p.reasoning == null) {
      p.reasoning = new StringBuilder();
    }
    String t = text == null || text.isEmpty() ? null : text;
    String s = signature == null || signature.isEmpty() ? null : signature;
    if (t != null) {
      p.reasoning.append(t);
    }
    if (s != null) {
      p.signature = p.signature == null ? s : p.signature + s;
    }
    if (t != null || s != null) {
      sink.accept(new GenerationEvent.ReasoningDelta(t, s, null));
    }
  }

  /** Redacted reasoning bytes; emits a {@code ReasoningDelta}. */
  public void redacted(int index, byte[] bytes, Consumer<GenerationEvent> sink) {
    Pending p = at(index);
    (p.redacted == null ? p.redacted = new ByteArrayOutputStream() : p.redacted).writeBytes(bytes);
    sink.accept(new GenerationEvent.ReasoningDelta(null, null, bytes.clone()));
  }

  /** A citation of a block's text. */
  public void citation(int index, Citation citation) {
    Pending p = at(index);
    (p.citations == null ? p.citations = new ArrayList<>() : p.citations).add(citation);
  }

  /** A block ends; a tool call is emitted whole. */
  public void stop(int index, Consumer<GenerationEvent> sink) {
    Pending p = at(index);
    p.done = close(p);
    if (p.done instanceof ToolUseBlock t) {
      sink.accept(new GenerationEvent.ToolCall(t));
    }
  }

  private ContentBlock close(Pending p) {
    if (p.toolUseId != null) {
      String input = p.toolInput == null ? "" : p.toolInput.toString().strip();
      JsonValue json;
      try {
        json = input.isEmpty() ? JsonValue.emptyObject() : JsonValue.parse(input);
      } catch (GenAiException e) {
        throw new CodecException("the streamed input of tool call " + p.toolUseId + " (" + p.toolName + ") on "
            + api + " is not valid JSON (" + input.length() + " chars)", e);
      }
      return new ToolUseBlock(p.toolUseId, p.toolName, json);
    }
    if (p.redacted != null) {
      return ReasoningBlock.redacted(p.redacted.toByteArray());
    }
    if (p.reasoning != null) {
      return ReasoningBlock.of(p.reasoning.toString(), p.signature);
    }
    if (p.citations != null) {
      return new CitationsBlock(p.text == null ? "" : p.text.toString(), p.citations);
    }
    return p.text == null ? null : new TextBlock(p.text.toString());
  }

  /** Every block so far, in index order (blocks not stopped yet are closed as they are). */
  public List<ContentBlock> content() {
    List<ContentBlock> out = new ArrayList<>();
    for (Pending p : blocks.values()) {
      ContentBlock b = p.done != null ? p.done : close(p);
      if (b != null) {
        out.add(b);
      }
    }
    return out;
  }
}
