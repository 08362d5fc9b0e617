package dev.genaiaws.core;

import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.StructuredOutputException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.JsonRecords;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the model answered, in the same shape for every family.
 *
 * <pre>{@code
 * GenerationResponse r = client.generate(request);
 * System.out.println(r.text());                        // all text blocks joined
 * if (r.stopReason() == StopReason.LENGTH) { ... }     // cut off by maxTokens
 * System.out.println(r.usage().outputTokens());
 * r.images().forEach(img -> save(img.bytes()));         // image models
 * }</pre>
 *
 * <p>{@code toString()} prints sizes, the stop reason and usage, never the text.
 *
 * @param content the answer's blocks, in order
 * @param stopReason why the model stopped, neutral
 * @param rawStopReason the family's own stop reason, e.g. {@code end_turn}, or {@code null}
 * @param usage token counts
 * @param metadata request id, model id, latency, attempts
 * @param rawBody the model's JSON body as received (a stream's is {@code null}), for fields this
 *     SDK has no name for
 * @param details typed family-specific data keyed by class (see {@link ResponseDetail}), read with
 *     {@link #detail(Class)}
 */
public record GenerationResponse(
    List<ContentBlock> content,
    StopReason stopReason,
    String rawStopReason,
    TokenUsage usage,
    ResponseMetadata metadata,
    String rawBody,
    Map<Class<? extends ResponseDetail>, ResponseDetail> details) {

  public GenerationResponse {
    content = Checks.copyOf(content, "content");
    stopReason = stopReason == null ? StopReason.OTHER : stopReason;
    usage = usage == null ? TokenUsage.none() : usage;
    metadata = metadata == null ? ResponseMetadata.empty() : metadata;
    details =
        details == null || details.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A response without family-specific details. */
  public GenerationResponse(
      List<ContentBlock> content,
      StopReason stopReason,
      String rawStopReason,
      TokenUsage usage,
      ResponseMetadata metadata,
      String rawBody) {
    this(content, stopReason, rawStopReason, usage, metadata, rawBody, Map.of());
  }

  /** The family-specific detail of the given class, if the codec attached one. */
  public <T extends ResponseDetail> Optional<T> detail(Class<T> type) {
    return Optional.ofNullable(type.cast(details.get(type)));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * All text blocks (and cited text) joined, in order; empty when there are none. Reasoning is not
   * included.
   */
  public String text() {
    return Message.textOf(content);
  }

  /**
   * The tool calls the model asks for, in order (non-empty when the stop reason is {@code
   * TOOL_USE}).
   */
  public List<ToolUseBlock> toolUses() {
    return content.stream()
        .filter(ToolUseBlock.class::isInstance)
        .map(ToolUseBlock.class::cast)
        .toList();
  }

  /** The reasoning blocks, in order. */
  public List<ReasoningBlock> reasoning() {
    return content.stream()
        .filter(ReasoningBlock.class::isInstance)
        .map(ReasoningBlock.class::cast)
        .toList();
  }

  /** The citations of all cited spans, in order. */
  public List<Citation> citations() {
    return content.stream()
        .filter(CitationsBlock.class::isInstance)
        .flatMap(b -> ((CitationsBlock) b).citations().stream())
        .toList();
  }

  /**
   * This answer as an assistant message, every block kept in order (reasoning with its signature,
   * text, tool calls): append it to the conversation to continue it.
   */
  public Message message() {
    return new Message(Role.ASSISTANT, content.isEmpty() ? List.of(new TextBlock("")) : content);
  }

  /**
   * The answer's text parsed as JSON: for structured output ({@code responseFormat}). A JSON value
   * wrapped in a Markdown code fence is accepted.
   *
   * @throws StructuredOutputException when the text is not JSON
   */
  public JsonValue json() {
    String text = text().strip();
    if (text.startsWith("```")) {
      int firstLine = text.indexOf('\n');
      int end = text.lastIndexOf("```");
      if (firstLine > 0 && end > firstLine) {
        text = text.substring(firstLine + 1, end).strip();
      }
    }
    try {
      return JsonValue.parse(text);
    } catch (GenAiException e) {
      throw new StructuredOutputException(
          "the answer is not JSON ("
              + e.getMessage()
              + ", stop reason "
              + stopReason
              + "): ask for structured output with responseFormat",
          e);
    }
  }

  /**
   * The answer read as a record (or other type {@link JsonValue} binds to), for structured output:
   *
   * <pre>{@code
   * Invoice invoice = client.generate(req -> req.modelId(model).user(text)
   *     .responseFormat(ResponseFormat.of(Invoice.class))).as(Invoice.class);
   * }</pre>
   *
   * @throws StructuredOutputException when the text is not JSON or does not fit the type (the
   *     message names the JSON path and what was expected)
   */
  public <T> T as(Class<T> type) {
    JsonValue json = json();
    try {
      return JsonRecords.bind(json, type);
    } catch (GenAiException e) {
      throw new StructuredOutputException(
          "the answer does not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** The image blocks, in order. */
  public List<ImageBlock> images() {
    return content.stream()
        .filter(ImageBlock.class::isInstance)
        .map(ImageBlock.class::cast)
        .toList();
  }

  /** A copy with other metadata. */
  public GenerationResponse withMetadata(ResponseMetadata metadata) {
    return new GenerationResponse(
        content, stopReason, rawStopReason, usage, metadata, rawBody, details);
  }

  @Override
  public String toString() {
    return "GenerationResponse["
        + content.size()
        + " blocks, text="
        + Checks.describe(text())
        + ", images="
        + images().size()
        + (toolUses().isEmpty() ? "" : ", toolUses=" + toolUses().size())
        + ", stopReason="
        + stopReason
        + " ("
        + rawStopReason
        + "), "
        + usage
        + (details.isEmpty()
            ? ""
            : ", details=" + details.keySet().stream().map(Class::getSimpleName).toList())
        + ", requestId="
        + metadata.requestId()
        + "]";
  }

  /** Builder for {@link GenerationResponse}; used by codecs and adapters. */
  public static final class Builder {
    private List<ContentBlock> content = List.of();
    private StopReason stopReason = StopReason.OTHER;
    private @Nullable String rawStopReason;
    private TokenUsage usage = TokenUsage.none();
    private ResponseMetadata metadata = ResponseMetadata.empty();
    private @Nullable String rawBody;

    /** Made at the first detail: most answers have none. */
    private @Nullable Map<Class<? extends ResponseDetail>, ResponseDetail> details;

    private Builder() {}

    private Builder(GenerationResponse r) {
      content = r.content;
      stopReason = r.stopReason;
      rawStopReason = r.rawStopReason;
      usage = r.usage;
      metadata = r.metadata;
      rawBody = r.rawBody;
      if (!r.details.isEmpty()) {
        details = new LinkedHashMap<>(r.details);
      }
    }

    public Builder content(List<ContentBlock> content) {
      this.content = content;
      return this;
    }

    /** Sets the content to one text block. */
    public Builder text(String text) {
      this.content = List.of(new TextBlock(text));
      return this;
    }

    public Builder stopReason(StopReason stopReason, @Nullable String raw) {
      this.stopReason = stopReason;
      this.rawStopReason = raw;
      return this;
    }

    public Builder usage(TokenUsage usage) {
      this.usage = usage;
      return this;
    }

    public Builder metadata(ResponseMetadata metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder rawBody(@Nullable String rawBody) {
      this.rawBody = rawBody;
      return this;
    }

    /** Attaches a family-specific detail; one per class, a later one replaces an earlier one. */
    public Builder detail(ResponseDetail detail) {
      Checks.notNull(detail, "detail");
      if (details == null) {
        details = new LinkedHashMap<>();
      }
      details.put(detail.getClass(), detail);
      return this;
    }

    // the record's constructor validates what the builder holds (null included)
    @SuppressWarnings("NullAway")
    public GenerationResponse build() {
      return new GenerationResponse(
          content, stopReason, rawStopReason, usage, metadata, rawBody, details);
    }
  }
}
