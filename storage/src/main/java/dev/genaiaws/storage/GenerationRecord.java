package dev.genaiaws.storage;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;

/**
 * Everything worth keeping about one generation: which model was asked what, with which parameters,
 * what it answered, what it cost, and your own labels. A {@link GenerationStore} writes it as one
 * JSON object (schema in {@code docs/storage.md}, {@code "schemaVersion": 1}); images are separate
 * objects referenced from {@link #images()}.
 *
 * <pre>{@code
 * GenerationRecord record = GenerationRecord.of(request, response)
 *     .withMetadata(Map.of("topic", "serverless", "author", "blog-bot"));
 * StoredGeneration saved = store.save(record, response.images());
 * }</pre>
 *
 * <p>The prompt (system and messages) is stored: it is your data, and a generation without its
 * prompt cannot be reproduced. Images in the prompt are not stored, only their text. {@code
 * toString()} prints sizes and parameters, never the prompt or the output.
 *
 * @param modelId the model id, profile, ARN or endpoint name the request named; not blank
 * @param system the system prompt, or {@code null}
 * @param messages the conversation's text, in order (never null)
 * @param inferenceConfig the request's generation parameters (never null; empty for the model's
 *     defaults)
 * @param imageConfig the request's image parameters, or {@code null}
 * @param outputText the answer's text (never null; empty for image-only answers)
 * @param stopReason why the model stopped, neutral (never null)
 * @param rawStopReason the family's own stop reason, or {@code null}
 * @param usage token counts (never null)
 * @param requestId the service's request id, or {@code null}
 * @param latency how long the successful call took, or {@code null}
 * @param createdAt when the generation was saved; {@code null} until a store fills it in from its
 *     clock
 * @param metadata your labels, e.g. a topic or a user id (never null)
 * @param images references to the images saved beside the record (never null)
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record GenerationRecord(
    String modelId,
    String system,
    List<PromptMessage> messages,
    InferenceConfig inferenceConfig,
    ImageConfig imageConfig,
    String outputText,
    StopReason stopReason,
    String rawStopReason,
    TokenUsage usage,
    String requestId,
    Duration latency,
    Instant createdAt,
    Map<String, String> metadata,
    List<StoredImage> images) {

  public GenerationRecord {
    if (modelId == null || modelId.isBlank()) {
      throw new InvalidRequestException(
          "modelId must not be blank but was " + (modelId == null ? "null" : "'" + modelId + "'"));
    }
    messages = messages == null ? List.of() : List.copyOf(messages);
    inferenceConfig = inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig;
    outputText = outputText == null ? "" : outputText;
    stopReason = stopReason == null ? StopReason.OTHER : stopReason;
    usage = usage == null ? TokenUsage.none() : usage;
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
        throw new InvalidRequestException(
            "metadata keys must not be empty and values must not be null,"
                + " but key "
                + (e.getKey() == null ? "null" : "'" + e.getKey() + "'")
                + " was not");
      }
    }
    images = images == null ? List.of() : List.copyOf(images);
  }

  /**
   * One turn of the prompt, as text.
   *
   * @param role who spoke
   * @param text what they said (image blocks are left out)
   */
  public record PromptMessage(Role role, String text) {
    public PromptMessage {
      Checks.notNull(role, "role");
      text = text == null ? "" : text;
    }

    @Override
    public String toString() {
      return "PromptMessage[" + role + ", " + text.length() + " chars]";
    }
  }

  /**
   * The record of a call: the request's model id, prompt and parameters, the response's text, stop
   * reason, usage, request id and latency. {@code createdAt} is left for the store to fill in, and
   * image references are added when the store saves the response's images ({@link
   * GenerationStore#save(GenerationRequest, GenerationResponse)} does both).
   */
  public static GenerationRecord of(GenerationRequest request, GenerationResponse response) {
    Checks.notNull(request, "request");
    Checks.notNull(response, "response");
    List<PromptMessage> prompt = new ArrayList<>();
    for (Message m : request.messages()) {
      prompt.add(new PromptMessage(m.role(), m.text()));
    }
    return builder()
        .modelId(request.modelId())
        .system(request.system())
        .messages(prompt)
        .inferenceConfig(request.inferenceConfig())
        .imageConfig(request.imageConfig())
        .outputText(response.text())
        .stopReason(response.stopReason(), response.rawStopReason())
        .usage(response.usage())
        .requestId(response.metadata().requestId())
        .latency(response.metadata().latency())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with these labels added to (and replacing same-named) existing ones. */
  public GenerationRecord withMetadata(Map<String, String> more) {
    Map<String, String> merged = new LinkedHashMap<>(metadata);
    merged.putAll(more);
    return toBuilder().metadata(merged).build();
  }

  /** A copy with another creation time. */
  public GenerationRecord withCreatedAt(Instant createdAt) {
    return toBuilder().createdAt(createdAt).build();
  }

  /** A copy with other image references. */
  public GenerationRecord withImages(List<StoredImage> images) {
    return toBuilder().images(images).build();
  }

  @Override
  public String toString() {
    int chars = messages.stream().mapToInt(m -> m.text().length()).sum();
    return "GenerationRecord[modelId="
        + modelId
        + ", system="
        + (system == null ? "null" : system.length() + " chars")
        + ", messages="
        + messages.size()
        + " ("
        + chars
        + " chars), "
        + inferenceConfig
        + (imageConfig == null ? "" : ", " + imageConfig)
        + ", output="
        + outputText.length()
        + " chars"
        + ", stopReason="
        + stopReason
        + " ("
        + rawStopReason
        + "), "
        + usage
        + ", requestId="
        + requestId
        + ", latency="
        + latency
        + ", createdAt="
        + createdAt
        + ", metadata="
        + metadata.keySet()
        + ", images="
        + images.size()
        + "]";
  }

  /** Builder for {@link GenerationRecord}; only {@code modelId} is required. */
  public static final class Builder {
    private String modelId;
    private String system;
    private List<PromptMessage> messages = List.of();
    private InferenceConfig inferenceConfig = InferenceConfig.empty();
    private ImageConfig imageConfig;
    private String outputText = "";
    private StopReason stopReason = StopReason.OTHER;
    private String rawStopReason;
    private TokenUsage usage = TokenUsage.none();
    private String requestId;
    private Duration latency;
    private Instant createdAt;
    private Map<String, String> metadata = Map.of();
    private List<StoredImage> images = List.of();

    private Builder() {}

    private Builder(GenerationRecord r) {
      modelId = r.modelId;
      system = r.system;
      messages = r.messages;
      inferenceConfig = r.inferenceConfig;
      imageConfig = r.imageConfig;
      outputText = r.outputText;
      stopReason = r.stopReason;
      rawStopReason = r.rawStopReason;
      usage = r.usage;
      requestId = r.requestId;
      latency = r.latency;
      createdAt = r.createdAt;
      metadata = r.metadata;
      images = r.images;
    }

    public Builder modelId(String modelId) {
      this.modelId = modelId;
      return this;
    }

    public Builder system(String system) {
      this.system = system;
      return this;
    }

    public Builder messages(List<PromptMessage> messages) {
      this.messages = messages;
      return this;
    }

    /** Appends one prompt turn. */
    public Builder message(Role role, String text) {
      List<PromptMessage> copy = new ArrayList<>(messages);
      copy.add(new PromptMessage(role, text));
      this.messages = copy;
      return this;
    }

    public Builder inferenceConfig(InferenceConfig inferenceConfig) {
      this.inferenceConfig = inferenceConfig;
      return this;
    }

    public Builder imageConfig(ImageConfig imageConfig) {
      this.imageConfig = imageConfig;
      return this;
    }

    public Builder outputText(String outputText) {
      this.outputText = outputText;
      return this;
    }

    public Builder stopReason(StopReason stopReason, String rawStopReason) {
      this.stopReason = stopReason;
      this.rawStopReason = rawStopReason;
      return this;
    }

    public Builder usage(TokenUsage usage) {
      this.usage = usage;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder images(List<StoredImage> images) {
      this.images = images;
      return this;
    }

    public GenerationRecord build() {
      return new GenerationRecord(
          modelId,
          system,
          messages,
          inferenceConfig,
          imageConfig,
          outputText,
          stopReason,
          rawStopReason,
          usage,
          requestId,
          latency,
          createdAt,
          metadata,
          images);
    }
  }
}
