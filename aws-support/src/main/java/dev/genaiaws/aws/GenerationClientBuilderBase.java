package dev.genaiaws.aws;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.function.Consumer;

/**
 * The settings every generation client has on top of {@link ClientBuilderBase}: default inference
 * parameters and what to do with a parameter a model cannot express. {@code
 * BedrockGenerationClient.Builder} and {@code SageMakerGenerationClient.Builder} extend it; you
 * never use this class by name.
 *
 * @param <B> the concrete builder
 */
public abstract class GenerationClientBuilderBase<B extends GenerationClientBuilderBase<B>>
    extends ClientBuilderBase<B> {
  private InferenceConfig defaults = InferenceConfig.empty();
  private UnsupportedParameterPolicy unsupportedParameters = UnsupportedParameterPolicy.FAIL;

  /** For the SDK's client builders only. */
  protected GenerationClientBuilderBase() {}

  /** Inference parameters every request starts from; a request's own values win. */
  public B defaultInferenceConfig(InferenceConfig defaults) {
    this.defaults = defaults == null ? InferenceConfig.empty() : defaults;
    return self();
  }

  /**
   * Edits the default inference config in place: {@code .defaultInferenceConfig(c ->
   * c.maxTokens(1024))}.
   */
  public B defaultInferenceConfig(Consumer<InferenceConfig.Builder> spec) {
    if (spec == null) {
      throw new InvalidRequestException("spec must not be null");
    }
    InferenceConfig.Builder b = defaults.toBuilder();
    spec.accept(b);
    this.defaults = b.build();
    return self();
  }

  /** What to do with a parameter a model cannot express: fail (default) or drop it. */
  public B unsupportedParameters(UnsupportedParameterPolicy policy) {
    if (policy == null) {
      throw new InvalidRequestException(
          "policy must not be null: UnsupportedParameterPolicy.FAIL or DROP");
    }
    this.unsupportedParameters = policy;
    return self();
  }

  /** The default inference parameters, for the subclass's {@code build()}. */
  protected final InferenceConfig inferenceDefaults() {
    return defaults;
  }

  /** The unsupported-parameter policy, for the subclass's {@code build()}. */
  protected final UnsupportedParameterPolicy unsupportedParameterPolicy() {
    return unsupportedParameters;
  }
}
