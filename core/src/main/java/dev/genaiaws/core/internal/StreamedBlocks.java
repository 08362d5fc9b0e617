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
import org.jspecify.annotations.Nullable;

/**
 * Assembles a stream's content blocks by index, for stream decoders of APIs that stream blocks
 * (Bedrock Converse, Claude Messages): text, reasoning text with the signature that arrives in a
 * delta of its own, redacted reasoning, tool-input JSON fragments (parsed when the block stops,
 * then emitted as one {@link GenerationEvent.ToolCall}) and citations. Deltas for an index that had
 * no start are accepted. The caller emits text deltas itself; reasoning deltas are emitted here.
 * Stateful, one stream only. Internal.
 */
public final class StreamedBlocks {

  private static final class Pending {
    @Nullable StringBuilder text;
    @Nullable StringBuilder reasoning;
    @Nullable String signature;
    @Nullable ByteArrayOutputStream redacted;
    @Nullable String toolUseId;
    @Nullable String toolName;
    @Nullable StringBuilder toolInput;
    @Nullable List<Citation> citations;
    @Nullable ContentBlock done;

    StringBuilder text() {
      StringBuilder b = text;
      if (b == null) {
        b = new StringBuilder();
        text = b;
      }
      return b;
    }

    StringBuilder reasoning() {
      StringBuilder b = reasoning;
      if (b == null) {
        b = new StringBuilder();
        reasoning = b;
      }
      return b;
    }

    StringBuilder toolInput() {
      StringBuilder b = toolInput;
      if (b == null) {
        b = new StringBuilder();
        toolInput = b;
      }
      return b;
    }

    ByteArrayOutputStream redacted() {
      ByteArrayOutputStream b = redacted;
      if (b == null) {
        b = new ByteArrayOutputStream();
        redacted = b;
      }
      return b;
    }

    List<Citation> citations() {
      List<Citation> c = citations;
      if (c == null) {
        c = new ArrayList<>();
        citations = c;
      }
      return c;
    }
  }

  private final String api;
  private final Map<Integer, Pending> blocks = new TreeMap<>();

  /**
   * @param api named in error messages (e.g. {@code Converse})
   */
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
    p.toolInput();
  }

  /** Text for a block (the caller emits the text delta). */
  public void text(int index, @Nullable String text) {
    if (text == null) {
      return;
    }
    Pending p = at(index);
    p.text().append(text);
  }

  /** A fragment of a tool call's input JSON. */
  public void toolInput(int index, @Nullable String fragment) {
    Pending p = at(index);
    p.toolInput().append(fragment == null ? "" : fragment);
  }

  /** Reasoning text and/or its signature; emits a {@code ReasoningDelta} for what is non-empty. */
  public void reasoning(
      int index,
      @Nullable String text,
      @Nullable String signature,
      Consumer<GenerationEvent> sink) {
    Pending p = at(index);
    StringBuilder reasoning = p.reasoning();
    String t = text == null || text.isEmpty() ? null : text;
    String s = signature == null || signature.isEmpty() ? null : signature;
    if (t != null) {
      reasoning.append(t);
    }
    if (s != null) {
      String before = p.signature;
      p.signature = before == null ? s : before + s;
    }
    if (t != null || s != null) {
      sink.accept(new GenerationEvent.ReasoningDelta(t, s, null));
    }
  }

  /** Redacted reasoning bytes; emits a {@code ReasoningDelta}. */
  public void redacted(int index, byte[] bytes, Consumer<GenerationEvent> sink) {
    Pending p = at(index);
    p.redacted().writeBytes(bytes);
    sink.accept(new GenerationEvent.ReasoningDelta(null, null, bytes.clone()));
  }

  /** A citation of a block's text. */
  public void citation(int index, Citation citation) {
    Pending p = at(index);
    p.citations().add(citation);
  }

  /** A block ends; a tool call is emitted whole. */
  public void stop(int index, Consumer<GenerationEvent> sink) {
    Pending p = at(index);
    ContentBlock done = close(p);
    p.done = done;
    if (done instanceof ToolUseBlock t) {
      sink.accept(new GenerationEvent.ToolCall(t));
    }
  }

  private @Nullable ContentBlock close(Pending p) {
    String toolUseId = p.toolUseId;
    if (toolUseId != null) {
      StringBuilder toolInput = p.toolInput;
      String input = toolInput == null ? "" : toolInput.toString().strip();
      JsonValue json;
      try {
        json = input.isEmpty() ? JsonValue.emptyObject() : JsonValue.parse(input);
      } catch (GenAiException e) {
        throw new CodecException(
            "the streamed input of tool call "
                + p.toolUseId
                + " ("
                + p.toolName
                + ") on "
                + api
                + " is not valid JSON ("
                + input.length()
                + " chars)",
            e);
      }
      String toolName = p.toolName;
      return new ToolUseBlock(toolUseId, toolName == null ? "" : toolName, json);
    }
    ByteArrayOutputStream redacted = p.redacted;
    if (redacted != null) {
      return ReasoningBlock.redacted(redacted.toByteArray());
    }
    StringBuilder reasoning = p.reasoning;
    if (reasoning != null) {
      return ReasoningBlock.of(reasoning.toString(), p.signature);
    }
    StringBuilder text = p.text;
    List<Citation> citations = p.citations;
    if (citations != null) {
      return new CitationsBlock(text == null ? "" : text.toString(), citations);
    }
    return text == null ? null : new TextBlock(text.toString());
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
