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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/**
 * Finds the family behind ARNs whose text does not tell it, by asking the Bedrock control plane
 * once per ARN and following the answer to a foundation model:
 *
 * <ul>
 *   <li>application inference profile: {@code GetInferenceProfile}, the profile's first model;
 *   <li>provisioned throughput ({@code provisioned-model/…}): {@code
 *       GetProvisionedModelThroughput}, its {@code modelArn} (a foundation or custom model,
 *       followed in turn);
 *   <li>custom model ({@code custom-model/…}): its base model when the ARN names a known one
 *       ({@code custom-model/<base model id>/<id>}, no call), else {@code GetCustomModel}, its
 *       {@code baseModelArn};
 *   <li>custom model deployment ({@code custom-model-deployment/…}): {@code
 *       GetCustomModelDeployment}, its {@code modelArn} (a custom model, followed in turn).
 * </ul>
 *
 * <p>Answers are cached for the life of the client, for every ARN on the way (a provisioned ARN and
 * the custom model behind it are each asked once); failures are not, so a later call may succeed.
 * The {@link BedrockClient} is the caller's: never closed here. Internal; loaded only when
 * configured, since the control-plane SDK is an optional dependency.
 */
public final class ModelArnResolver {
  private static final Pattern LOOKED_UP =
      Pattern.compile(
          "arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\\d*:(application-inference-profile|provisioned-model|custom-model"
              + "|custom-model-deployment)/.+");

  /**
   * Chains are at most PT → custom model → foundation model; more means a loop in a broken answer.
   */
  private static final int MAX_HOPS = 4;

  private final BedrockClient bedrock;
  private final Map<String, ModelFamily> cache = new ConcurrentHashMap<>();

  public ModelArnResolver(BedrockClient bedrock) {
    this.bedrock = bedrock;
  }

  /** The kind of ARN this looks up ({@code provisioned-model}, ...), or empty for any other id. */
  static Optional<String> kind(String modelId) {
    if (modelId == null) {
      return Optional.empty();
    }
    Matcher m = LOOKED_UP.matcher(modelId.toLowerCase(Locale.ROOT));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether the id is an ARN this resolver looks up through the control plane. */
  public static boolean isLookedUp(String modelId) {
    return kind(modelId).isPresent();
  }

  /**
   * The family behind the ARN, or empty when {@code modelId} is not an ARN this looks up.
   *
   * @throws GenAiException when the lookup fails or the model is not a known family
   */
  public Optional<ModelFamily> familyOf(String modelId, CodecRegistry<ModelCodec> codecs) {
    if (!isLookedUp(modelId)) {
      return Optional.empty();
    }
    return Optional.of(resolve(modelId, codecs, 0));
  }

  private ModelFamily resolve(String arn, CodecRegistry<ModelCodec> codecs, int hops) {
    ModelFamily known = cache.get(arn);
    if (known != null) {
      return known;
    }
    Optional<String> kind = kind(arn);
    if (kind.isEmpty()) {
      return codecs.resolve(arn).codec().family();
    }
    if (kind.get().equals("custom-model")) {
      Optional<ModelFamily> named = namedBase(arn, codecs);
      if (named.isPresent()) {
        return named.get();
      }
    }
    if (hops >= MAX_HOPS) {
      throw new UnknownModelException(
          arn,
          families(codecs),
          "the control plane's answers for this ARN lead round in a loop; name the family on the request");
    }
    String next = next(arn, kind.get(), codecs);
    ModelFamily family = resolve(next, codecs, hops + 1);
    cache.put(arn, family);
    return family;
  }

  /**
   * A custom-model ARN that names a known base model ({@code custom-model/<base>/<id>}) needs no
   * call.
   */
  private static Optional<ModelFamily> namedBase(String arn, CodecRegistry<ModelCodec> codecs) {
    try {
      return Optional.of(codecs.resolve(arn).codec().family());
    } catch (UnknownModelException e) {
      return Optional.empty();
    }
  }

  /** One control-plane call: the model id or ARN behind {@code arn}. */
  private String next(String arn, String kind, CodecRegistry<ModelCodec> codecs) {
    String operation =
        switch (kind) {
          case "application-inference-profile" -> "GetInferenceProfile";
          case "provisioned-model" -> "GetProvisionedModelThroughput";
          case "custom-model" -> "GetCustomModel";
          default -> "GetCustomModelDeployment";
        };
    String next;
    try {
      next =
          switch (kind) {
            case "application-inference-profile" -> {
              var profile = bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier(arn));
              if (profile.models() == null || profile.models().isEmpty()) {
                throw new UnknownModelException(
                    arn,
                    families(codecs),
                    "the inference profile lists no models; name the family on the request");
              }
              yield profile.models().get(0).modelArn();
            }
            case "provisioned-model" ->
                bedrock.getProvisionedModelThroughput(r -> r.provisionedModelId(arn)).modelArn();
            case "custom-model" ->
                bedrock.getCustomModel(r -> r.modelIdentifier(arn)).baseModelArn();
            default ->
                bedrock
                    .getCustomModelDeployment(r -> r.customModelDeploymentIdentifier(arn))
                    .modelArn();
          };
    } catch (GenAiException e) {
      throw e;
    } catch (RuntimeException e) {
      GenAiException mapped = BedrockErrors.map(e, arn);
      throw new GenAiClientException(
          "could not look up the model behind "
              + arn
              + " ("
              + mapped.getMessage()
              + "); allow bedrock:"
              + operation
              + ", or name the family on the request with"
              + " .option(BedrockFamilies.<FAMILY>)",
          mapped,
          mapped.retryable());
    }
    if (next == null || next.isBlank()) {
      throw new UnknownModelException(
          arn,
          families(codecs),
          operation + " named no model behind it; name the family on the request");
    }
    return next;
  }

  private static java.util.List<String> families(CodecRegistry<ModelCodec> codecs) {
    return codecs.families().stream().map(ModelFamily::name).toList();
  }
}
