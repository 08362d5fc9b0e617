package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
 * @param rawBody the model's JSON body as received (a stream's is {@code null}), for fields this SDK has no
 *     name for
 * @param details typed family-specific data keyed by class (see {@link ResponseDetail}), read with
 *     {@link #detail(Class)}
 */
public record GenerationResponse(List<ContentBlock> content, StopReason stopReason, String rawStopReason,
    TokenUsage usage, ResponseMetadata metadata, String rawBody,
    Map<Class<? extends ResponseDetail>, ResponseDetail> details) {

  public GenerationResponse {
    content = Checks.copyOf(content, "content");
    stopReason = stopReason == null ? StopReason.OTHER : stopReason;
    usage = usage == null ? TokenUsage.none() : usage;
    metadata = metadata == null ? ResponseMetadata.empty() : metadata;
    details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A response without family-specific details. */
  public GenerationResponse(List<ContentBlock> content, StopReason stopReason, String rawStopReason,
      TokenUsage usage, ResponseMetadata metadata, String rawBody) {
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

  /** All text blocks joined, in order; empty when there are none. */
  public String text() {
    return content.stream().filter(TextBlock.class::isInstance).map(b -> ((TextBlock) b).text())
        .collect(Collectors.joining());
  }

  /** The image blocks, in order. */
  public List<ImageBlock> images() {
    return content.stream().filter(ImageBlock.class::isInstance).map(ImageBlock.class::cast).toList();
  }

  /** A copy with other metadata. */
  public GenerationResponse withMetadata(ResponseMetadata metadata) {
    return new GenerationResponse(content, stopReason, rawStopReason, usage, metadata, rawBody, details);
  }

  @Override
  public String toString() {
    return "GenerationResponse[" + content.size() + " blocks, text=" + Checks.describe(text()) + ", images="
        + images().size() + ", stopReason=" + stopReason + " (" + rawStopReason + "), " + usage
        + (details.isEmpty() ? "" : ", details=" + details.keySet().stream().map(Class::getSimpleName).toList())
        + ", requestId=" + metadata.requestId() + "]";
  }

  /** Builder for {@link GenerationResponse}; used by codecs and adapters. */
  public static final class Builder {
    private List<ContentBlock> content = List.of();
    private StopReason stopReason = StopReason.OTHER;
    private String rawStopReason;
    private TokenUsage usage = TokenUsage.none();
    private ResponseMetadata metadata = ResponseMetadata.empty();
    private String rawBody;
    private final Map<Class<? extends ResponseDetail>, ResponseDetail> details = new LinkedHashMap<>();

    private Builder() {}

    private Builder(GenerationResponse r) {
      content = r.content;
      stopReason = r.stopReason;
      rawStopReason = r.rawStopReason;
      usage = r.usage;
      metadata = r.metadata;
      rawBody = r.rawBody;
      details.putAll(r.details);
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

    public Builder stopReason(StopReason stopReason, String raw) {
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

    public Builder rawBody(String rawBody) {
      this.rawBody = rawBody;
      return this;
    }

    /** Attaches a family-specific detail; one per class, a later one replaces an earlier one. */
    public Builder detail(ResponseDetail detail) {
      Checks.notNull(detail, "detail");
      details.put(detail.getClass(), detail);
      return this;
    }

    public GenerationResponse build() {
      return new GenerationResponse(content, stopReason, rawStopReason, usage, metadata, rawBody, details);
    }
  }
}
