package dev.genaiaws.bedrock.internal;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.UnknownModelException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileModel;

/**
 * Finds the family behind an application inference profile ARN by asking the Bedrock control plane
 * ({@code GetInferenceProfile}) once per ARN and resolving the first model of the profile. Answers are
 * cached for the life of the client; failures are not, so a later call may succeed. The
 * {@link BedrockClient} is the caller's: never closed here. Internal; loaded only when configured, since
 * the control-plane SDK is an optional dependency.
 */
public final class InferenceProfileResolver {
  private static final Pattern APPLICATION_PROFILE =
      Pattern.compile("arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\\d*:application-inference-profile/.+");

  private final BedrockClient bedrock;
  private final Map<String, ModelFamily> cache = new ConcurrentHashMap<>();

  public InferenceProfileResolver(BedrockClient bedrock) {
    this.bedrock = bedrock;
  }

  /** Whether the id is an application inference profile ARN (the only kind this looks up). */
  public static boolean isApplicationProfile(String modelId) {
    return modelId != null && APPLICATION_PROFILE.matcher(modelId.toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * The family of the first model in the profile, or empty when {@code modelId} is not an application
   * inference profile ARN.
   *
   * @throws GenAiException when the lookup fails or the model is not a known family
   */
  public Optional<ModelFamily> familyOf(String modelId, CodecRegistry<ModelCodec> codecs) {
    if (!isApplicationProfile(modelId)) {
      return Optional.empty();
    }
    return Optional.of(cache.computeIfAbsent(modelId, id -> lookUp(id, codecs)));
  }

  private ModelFamily lookUp(String arn, CodecRegistry<ModelCodec> codecs) {
    GetInferenceProfileResponse profile;
    try {
      profile = bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier(arn));
    } catch (RuntimeException e) {
      GenAiException mapped = BedrockErrors.map(e, arn);
      throw new GenAiClientException("could not look up the models of inference profile " + arn + " ("
          + mapped.getMessage() + "); allow bedrock:GetInferenceProfile, or name the family on the request with"
          + " .option(BedrockFamilies.<FAMILY>)", mapped, mapped.retryable());
    }
    if (profile.models() == null || profile.models().isEmpty()) {
      throw new UnknownModelException(arn, codecs.families().stream().map(ModelFamily::name).toList(),
          "the inference profile lists no models; name the family on the request");
    }
    InferenceProfileModel first = profile.models().get(0);
    return codecs.resolve(first.modelArn()).codec().family();
  }
}
