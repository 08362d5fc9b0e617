package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One call to a model, in the same shape for every family: the model id, an optional system prompt, the
 * conversation, and how to generate.
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.builder()
 *     .modelId("anthropic.claude-3-haiku-20240307-v1:0")
 *     .system("You write short technical blogs.")
 *     .user("Write 200 words on serverless GenAI")
 *     .inferenceConfig(c -> c.maxTokens(512).temperature(0.5))
 *     .build();
 * }</pre>
 *
 * <p>The model id may be a base id, a cross-region inference profile id ({@code us.}, {@code eu.}, ...), an
 * ARN, or (for SageMaker) an endpoint name. Families that take a plain prompt (Titan, Llama, Mistral 7B,
 * Cohere Command, AI21 J2) have their chat template rendered from {@code system} and {@code messages}: never
 * write {@code [INST]} by hand. For image models the prompt is the last user message.
 *
 * <p>{@code toString()} prints sizes and parameters, never the prompt.
 *
 * @param modelId the model id, profile id, ARN or endpoint name; not blank
 * @param system the system prompt, or {@code null}
 * @param messages the conversation, at least one message
 * @param inferenceConfig generation parameters (never null; empty for the model's defaults)
 * @param imageConfig image parameters, or {@code null} for text models
 * @param options typed provider options keyed by class (see {@link ProviderOptions})
 * @param additionalModelFields extra top-level JSON fields merged into the model's body last; an escape
 *     hatch for fields this SDK has no name for
 * @param timeout the time this call may take in all (attempts and back-off included), or {@code null} for
 *     the client's default
 */
public record GenerationRequest(String modelId, String system, List<Message> messages,
    InferenceConfig inferenceConfig, ImageConfig imageConfig,
    Map<Class<? extends ProviderOptions>, ProviderOptions> options, Map<String, Object> additionalModelFields,
    Duration timeout) {

  /** Longest model id Bedrock accepts. */
  public static final int MAX_MODEL_ID_LENGTH = 2048;

  public GenerationRequest {
    Checks.notBlank(modelId, "modelId");
    if (modelId.length() > MAX_MODEL_ID_LENGTH) {
      throw new InvalidRequestException("modelId must be at most " + MAX_MODEL_ID_LENGTH
          + " characters but was " + modelId.length());
    }
    if (!modelId.strip().equals(modelId)) {
      throw new InvalidRequestException("modelId must not start or end with white space but was '"
          + modelId + "'");
    }
    messages = Checks.copyOf(messages, "messages");
    if (messages.isEmpty()) {
      throw new InvalidRequestException(
          "messages must hold at least one message: add one with user(\"...\")");
    }
    for (int i = 0; i < messages.size(); i++) {
      List<ContentBlock> content = messages.get(i).content();
      for (int j = 0; j < content.size(); j++) {
        if (content.get(j) instanceof TextBlock t && t.text().isBlank()) {
          throw new InvalidRequestException("messages[" + i + "].content[" + j + "] is "
              + (t.text().isEmpty() ? "empty" : "blank") + " text, which the models refuse: give it text or"
              + " leave the block out");
        }
      }
    }
    inferenceConfig = inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig;
    options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    for (Map.Entry<Class<? extends ProviderOptions>, ProviderOptions> e : options.entrySet()) {
      if (!e.getKey().isInstance(e.getValue())) {
        throw new InvalidRequestException("option keyed by " + e.getKey().getName() + " holds a "
            + e.getValue().getClass().getName());
      }
    }
    additionalModelFields = additionalModelFields == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(additionalModelFields));
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new InvalidRequestException("timeout must be positive but was " + timeout);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The provider option of the given class, if one was attached. */
  public <T extends ProviderOptions> Optional<T> option(Class<T> type) {
    return Optional.ofNullable(type.cast(options.get(type)));
  }

  /** The text of the last user message: the prompt of image models. Empty when no user message has text. */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).text();
      }
    }
    return "";
  }

  /** Whether any message carries an image. */
  public boolean hasImages() {
    return messages.stream().anyMatch(Message::hasImages);
  }

  /** The same request with another inference config (used to apply client defaults). */
  public GenerationRequest withInferenceConfig(InferenceConfig config) {
    return new GenerationRequest(modelId, system, messages, config, imageConfig, options,
        additionalModelFields, timeout);
  }

  @Override
  public String toString() {
    int chars = messages.stream().mapToInt(m -> m.text().length()).sum();
    return "GenerationRequest[modelId=" + modelId + ", system=" + Checks.describe(system) + ", messages="
        + messages.size() + " (" + chars + " chars), " + inferenceConfig
        + (imageConfig == null ? "" : ", " + imageConfig)
        + (options.isEmpty() ? "" : ", options=" + options.keySet().stream().map(Class::getSimpleName).toList())
        + (additionalModelFields.isEmpty() ? "" : ", additionalModelFields=" + additionalModelFields.keySet())
        + (timeout == null ? "" : ", timeout=" + timeout) + "]";
  }

  /** Builder for {@link GenerationRequest}. Messages are appended in the order the methods are called. */
  public static final class Builder {
    private String modelId;
    private String system;
    private final List<Message> messages = new ArrayList<>();
    private InferenceConfig inferenceConfig = InferenceConfig.empty();
    private ImageConfig imageConfig;
    private final Map<Class<? extends ProviderOptions>, ProviderOptions> options = new LinkedHashMap<>();
    private Map<String, Object> additionalModelFields = Map.of();
    private Duration timeout;

    private Builder() {}

    private Builder(GenerationRequest r) {
      modelId = r.modelId;
      system = r.system;
      messages.addAll(r.messages);
      inferenceConfig = r.inferenceConfig;
      imageConfig = r.imageConfig;
      options.putAll(r.options);
      additionalModelFields = r.additionalModelFields;
      timeout = r.timeout;
    }

    /** The model id, inference profile id, ARN, or SageMaker endpoint name. */
    public Builder modelId(String modelId) {
      this.modelId = modelId;
      return this;
    }

    /** The system prompt: instructions that frame the whole conversation. */
    public Builder system(String system) {
      this.system = system;
      return this;
    }

    /** Replaces the conversation. */
    public Builder messages(List<Message> messages) {
      if (messages == null) {
        throw new InvalidRequestException("messages must not be null: pass a list such as"
            + " List.of(Message.user(\"...\")), or add turns with user(\"...\")");
      }
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /** Appends one message. */
    public Builder message(Message message) {
      this.messages.add(message);
      return this;
    }

    /** Appends a user turn with text. */
    public Builder user(String text) {
      return message(Message.user(text));
    }

    /** Appends a user turn with several blocks, e.g. text and an image. */
    public Builder user(ContentBlock... blocks) {
      return message(Message.user(blocks));
    }

    /** Appends an assistant turn (an earlier answer of the model). */
    public Builder assistant(String text) {
      return message(Message.assistant(text));
    }

    public Builder inferenceConfig(InferenceConfig inferenceConfig) {
      this.inferenceConfig = inferenceConfig;
      return this;
    }

    /** Edits the inference config in place: {@code .inferenceConfig(c -> c.maxTokens(512))}. */
    public Builder inferenceConfig(Consumer<InferenceConfig.Builder> spec) {
      InferenceConfig.Builder b = (inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig)
          .toBuilder();
      spec.accept(b);
      this.inferenceConfig = b.build();
      return this;
    }

    public Builder imageConfig(ImageConfig imageConfig) {
      this.imageConfig = imageConfig;
      return this;
    }

    /** Edits the image config in place: {@code .imageConfig(i -> i.size(1024, 1024))}. */
    public Builder imageConfig(Consumer<ImageConfig.Builder> spec) {
      ImageConfig.Builder b = (imageConfig == null ? ImageConfig.empty() : imageConfig).toBuilder();
      spec.accept(b);
      this.imageConfig = b.build();
      return this;
    }

    /** Attaches a typed provider option; one per class, a later one replaces an earlier one. */
    public Builder option(ProviderOptions option) {
      Checks.notNull(option, "option");
      options.put(option.getClass(), option);
      return this;
    }

    /**
     * Extra top-level JSON fields merged into the model's request body last, for model fields this SDK
     * has no name for. Values must be JSON-serialisable (strings, numbers, booleans, lists, maps).
     */
    public Builder additionalModelFields(Map<String, Object> fields) {
      this.additionalModelFields = fields == null ? Map.of() : fields;
      return this;
    }

    /** The total time this call may take, retries included. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public GenerationRequest build() {
      return new GenerationRequest(modelId, system, messages, inferenceConfig, imageConfig, options,
          additionalModelFields, timeout);
    }
  }
}
