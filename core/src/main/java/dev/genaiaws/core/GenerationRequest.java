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
import org.jspecify.annotations.Nullable;

/**
 * One call to a model, in the same shape for every family: the model id, an optional system prompt,
 * the conversation, and how to generate.
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
 * <p>The model id may be a base id, a cross-region inference profile id ({@code us.}, {@code eu.},
 * ...), an ARN, or (for SageMaker) an endpoint name. Families that take a plain prompt (Titan,
 * Llama, Mistral 7B, Cohere Command, AI21 J2) have their chat template rendered from {@code system}
 * and {@code messages}: never write {@code [INST]} by hand. For image models the prompt is the last
 * user message.
 *
 * <p>{@code toString()} prints sizes and parameters, never the prompt.
 *
 * @param modelId the model id, profile id, ARN or endpoint name; not blank
 * @param system the system prompt, or {@code null}
 * @param messages the conversation, at least one message
 * @param inferenceConfig generation parameters (never null; empty for the model's defaults)
 * @param imageConfig image parameters, or {@code null} for text models
 * @param options typed provider options keyed by class (see {@link ProviderOptions})
 * @param additionalModelFields extra top-level JSON fields merged into the model's body last; an
 *     escape hatch for fields this SDK has no name for. A key replaces what the codec wrote, except
 *     that a map given for a key whose value is already a JSON object is merged into it (its keys
 *     win); the same rule for every adapter
 * @param timeout the time this call may take in all (attempts and back-off included), or {@code
 *     null} for the client's default
 * @param toolConfig the tools the model may call, or {@code null}
 * @param responseFormat the JSON Schema the answer must follow, or {@code null} for free text
 * @param reasoning the model's reasoning budget or effort, or {@code null} for none
 * @param systemCachePoint a prompt-cache point after the system prompt, or {@code null}
 * @param serviceTier the capacity tier, or {@code null} for the provider's default
 * @param latency the latency profile, or {@code null} for the provider's default
 */
public record GenerationRequest(
    String modelId,
    String system,
    List<Message> messages,
    InferenceConfig inferenceConfig,
    ImageConfig imageConfig,
    Map<Class<? extends ProviderOptions>, ProviderOptions> options,
    Map<String, Object> additionalModelFields,
    Duration timeout,
    ToolConfig toolConfig,
    ResponseFormat responseFormat,
    Reasoning reasoning,
    CachePointBlock systemCachePoint,
    ServiceTier serviceTier,
    Latency latency) {

  /**
   * A sanity bound on the length of a model id (a name, profile, ARN or endpoint name), so that
   * garbage is refused before any work; each provider's own, tighter rules are checked by its
   * adapter or its service.
   */
  public static final int MAX_MODEL_ID_LENGTH = 2048;

  public GenerationRequest {
    Checks.notBlank(modelId, "modelId");
    if (modelId.length() > MAX_MODEL_ID_LENGTH) {
      throw new InvalidRequestException(
          "modelId must be at most "
              + MAX_MODEL_ID_LENGTH
              + " characters but was "
              + modelId.length());
    }
    if (!modelId.strip().equals(modelId)) {
      throw new InvalidRequestException(
          "modelId must not start or end with white space but was '" + modelId + "'");
    }
    messages = Checks.copyOf(messages, "messages");
    if (messages.isEmpty()) {
      throw new InvalidRequestException(
          "messages must hold at least one message: add one with user(\"...\")");
    }
    for (int i = 0; i < messages.size(); i++) {
      List<ContentBlock> content = messages.get(i).content();
      // Bedrock refuses empty text, and a message of blank text only; a blank block beside other
      // content (a
      // "\n" between a document and a cache point) is accepted: see bedrock's
      // converse/cache-points.request.json,
      // a recorded request, which we follow over the stricter reading of the documentation.
      boolean hasContent = false; // a loop, not a stream: every request is checked
      for (ContentBlock b : content) {
        if (!(b instanceof TextBlock tb ? tb.text().isBlank() : b instanceof CachePointBlock)) {
          hasContent = true;
          break;
        }
      }
      for (int j = 0; j < content.size(); j++) {
        if (content.get(j) instanceof TextBlock t
            && (t.text().isEmpty() || (t.text().isBlank() && !hasContent))) {
          throw new InvalidRequestException(
              "messages["
                  + i
                  + "].content["
                  + j
                  + "] is "
                  + (t.text().isEmpty() ? "empty" : "blank")
                  + " text, which the models refuse: give it text or"
                  + " leave the block out");
        }
      }
    }
    inferenceConfig = inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig;
    options =
        options == null || options.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    for (Map.Entry<Class<? extends ProviderOptions>, ProviderOptions> e : options.entrySet()) {
      if (!e.getKey().isInstance(e.getValue())) {
        throw new InvalidRequestException(
            "option keyed by "
                + e.getKey().getName()
                + " holds a "
                + e.getValue().getClass().getName());
      }
    }
    additionalModelFields =
        additionalModelFields == null || additionalModelFields.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(additionalModelFields));
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new InvalidRequestException("timeout must be positive but was " + timeout);
    }
    if (reasoning != null && toolConfig != null && toolConfig.choice().forced()) {
      throw new InvalidRequestException(
          "a forced tool choice ("
              + toolConfig.choice().mode()
              + ") cannot be combined with reasoning: use ToolChoice.auto() or turn reasoning off");
    }
    if (systemCachePoint != null && (system == null || system.isBlank())) {
      throw new InvalidRequestException("a system cache point needs a system prompt to follow");
    }
    int cachePoints =
        (systemCachePoint == null ? 0 : 1)
            + (toolConfig != null && toolConfig.cachePoint() != null ? 1 : 0);
    boolean toolBlocks = false;
    for (Message m : messages) {
      for (ContentBlock b : m.content()) {
        if (b instanceof CachePointBlock) {
          cachePoints++;
        } else if (b instanceof ToolUseBlock || b instanceof ToolResultBlock) {
          toolBlocks = true;
        }
      }
    }
    if (cachePoints > CachePointBlock.MAX_PER_REQUEST) {
      throw new InvalidRequestException(
          "a request may carry at most "
              + CachePointBlock.MAX_PER_REQUEST
              + " cache points but has "
              + cachePoints
              + ": keep the ones after the longest stable prefixes");
    }
    if (toolBlocks && toolConfig == null) {
      throw new InvalidRequestException(
          "the conversation holds tool calls or results but the request has no "
              + "tools: send the same toolConfig on every call of a tool conversation");
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

  /**
   * The text of the last user message: the prompt of image models. Empty when no user message has
   * text.
   */
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
    return new GenerationRequest(
        modelId,
        system,
        messages,
        config,
        imageConfig,
        options,
        additionalModelFields,
        timeout,
        toolConfig,
        responseFormat,
        reasoning,
        systemCachePoint,
        serviceTier,
        latency);
  }

  /**
   * Whether the request uses only what every text family's own API can express: text and image
   * blocks, no tools, structured output, reasoning, documents or cache points. (Service tier and
   * latency are call settings, not body content.) Adapters with a second, richer wire API (Bedrock
   * Converse) route other requests there.
   */
  public boolean isPlain() {
    return firstRichFeature() == null;
  }

  /**
   * The first feature of this request outside {@link #isPlain()}, named for error messages (e.g.
   * {@code "tools"}), or {@code null} when the request is plain.
   */
  public @Nullable String firstRichFeature() {
    if (toolConfig != null) {
      return "tools";
    }
    if (responseFormat != null) {
      return "responseFormat";
    }
    if (reasoning != null) {
      return "reasoning";
    }
    if (systemCachePoint != null) {
      return "systemCachePoint";
    }
    for (Message m : messages) {
      for (ContentBlock b : m.content()) {
        if (!(b instanceof TextBlock || b instanceof ImageBlock)) {
          return b.getClass().getSimpleName();
        }
      }
    }
    return null;
  }

  @Override
  public String toString() {
    int chars = messages.stream().mapToInt(m -> m.text().length()).sum();
    return "GenerationRequest[modelId="
        + modelId
        + ", system="
        + Checks.describe(system)
        + ", messages="
        + messages.size()
        + " ("
        + chars
        + " chars), "
        + inferenceConfig
        + (imageConfig == null ? "" : ", " + imageConfig)
        + (options.isEmpty()
            ? ""
            : ", options=" + options.keySet().stream().map(Class::getSimpleName).toList())
        + (additionalModelFields.isEmpty()
            ? ""
            : ", additionalModelFields=" + additionalModelFields.keySet())
        + (timeout == null ? "" : ", timeout=" + timeout)
        + (toolConfig == null
            ? ""
            : ", tools=" + toolConfig.tools().size() + " (" + toolConfig.choice().mode() + ")")
        + (responseFormat == null ? "" : ", " + responseFormat)
        + (reasoning == null ? "" : ", " + reasoning)
        + (serviceTier == null ? "" : ", serviceTier=" + serviceTier)
        + (latency == null ? "" : ", latency=" + latency)
        + "]";
  }

  /**
   * Builder for {@link GenerationRequest}. Messages are appended in the order the methods are
   * called.
   */
  public static final class Builder {
    private @Nullable String modelId;
    private @Nullable String system;
    private final List<Message> messages = new ArrayList<>();
    private InferenceConfig inferenceConfig = InferenceConfig.empty();
    private @Nullable ImageConfig imageConfig;
    private final Map<Class<? extends ProviderOptions>, ProviderOptions> options =
        new LinkedHashMap<>();
    private Map<String, Object> additionalModelFields = Map.of();
    private @Nullable Duration timeout;
    private @Nullable ToolConfig toolConfig;
    private @Nullable ResponseFormat responseFormat;
    private @Nullable Reasoning reasoning;
    private @Nullable CachePointBlock systemCachePoint;
    private @Nullable ServiceTier serviceTier;
    private @Nullable Latency latency;

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
      toolConfig = r.toolConfig;
      responseFormat = r.responseFormat;
      reasoning = r.reasoning;
      systemCachePoint = r.systemCachePoint;
      serviceTier = r.serviceTier;
      latency = r.latency;
    }

    /** The model id, inference profile id, ARN, or SageMaker endpoint name. */
    public Builder modelId(@Nullable String modelId) {
      this.modelId = modelId;
      return this;
    }

    /** The system prompt: instructions that frame the whole conversation. */
    public Builder system(@Nullable String system) {
      this.system = system;
      return this;
    }

    /** Replaces the conversation. */
    public Builder messages(@Nullable List<Message> messages) {
      if (messages == null) {
        throw new InvalidRequestException(
            "messages must not be null: pass a list such as"
                + " List.of(Message.user(\"...\")), or add turns with user(\"...\")");
      }
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /** Appends one message. */
    public Builder message(@Nullable Message message) {
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

    public Builder inferenceConfig(@Nullable InferenceConfig inferenceConfig) {
      this.inferenceConfig = inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig;
      return this;
    }

    /** Edits the inference config in place: {@code .inferenceConfig(c -> c.maxTokens(512))}. */
    public Builder inferenceConfig(Consumer<InferenceConfig.Builder> spec) {
      InferenceConfig.Builder b =
          (inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig).toBuilder();
      spec.accept(b);
      this.inferenceConfig = b.build();
      return this;
    }

    public Builder imageConfig(@Nullable ImageConfig imageConfig) {
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
     * Extra top-level JSON fields merged into the model's request body last, for model fields this
     * SDK has no name for. Values must be JSON-serialisable (strings, numbers, booleans, lists,
     * maps).
     */
    public Builder additionalModelFields(@Nullable Map<String, Object> fields) {
      this.additionalModelFields = fields == null ? Map.of() : fields;
      return this;
    }

    /** The total time this call may take, retries included. */
    public Builder timeout(@Nullable Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The tools the model may call; send the same ones on every call of a tool conversation. */
    public Builder toolConfig(ToolConfig toolConfig) {
      this.toolConfig = toolConfig;
      return this;
    }

    /** The tools the model may call, the model choosing freely. */
    public Builder tools(ToolSpec... tools) {
      this.toolConfig = tools.length == 0 ? null : ToolConfig.of(tools);
      return this;
    }

    /** How the model chooses among the tools (set the tools first). */
    public Builder toolChoice(ToolChoice choice) {
      if (toolConfig == null) {
        throw new InvalidRequestException("set the tools before the tool choice");
      }
      this.toolConfig = toolConfig.withChoice(choice);
      return this;
    }

    /**
     * The JSON Schema the answer must follow; read it back with {@link
     * GenerationResponse#as(Class)}.
     */
    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    /** Turns on reasoning with a budget or effort. */
    public Builder reasoning(Reasoning reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /** A prompt-cache point after the system prompt. */
    public Builder systemCachePoint(CachePointBlock cachePoint) {
      this.systemCachePoint = cachePoint;
      return this;
    }

    /** The capacity tier to run on. */
    public Builder serviceTier(ServiceTier serviceTier) {
      this.serviceTier = serviceTier;
      return this;
    }

    /** The latency profile ({@link Latency#OPTIMIZED} for latency-optimised inference). */
    public Builder latency(Latency latency) {
      this.latency = latency;
      return this;
    }

    // the record's constructor validates what the builder holds (null included)
    @SuppressWarnings("NullAway")
    public GenerationRequest build() {
      return new GenerationRequest(
          modelId,
          system,
          messages,
          inferenceConfig,
          imageConfig,
          options,
          additionalModelFields,
          timeout,
          toolConfig,
          responseFormat,
          reasoning,
          systemCachePoint,
          serviceTier,
          latency);
    }
  }
}
