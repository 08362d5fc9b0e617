package dev.genaiaws.knowledgebases.internal;

import dev.genaiaws.bedrock.codec.BedrockModelIds;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * Turns what a user calls a model into what {@code RetrieveAndGenerate}'s {@code modelArn} takes:
 * an ARN stays as it is; a cross-region inference profile id ({@code us.}, {@code eu.}, ... the
 * prefixes the Bedrock adapter knows) is sent as it is, which the documented pattern allows; a
 * foundation model id becomes {@code arn:<partition>:bedrock:<region>::foundation-model/<id>} when
 * the region is known. Internal.
 */
public final class ModelArns {
  private static final Pattern MODEL_ARN =
      Pattern.compile(
          "(arn:aws(-[^:]+)?:(bedrock|sagemaker):[a-z0-9-]{1,20}:"
              + "([0-9]{12})?:([a-z-]+/)?)?([a-zA-Z0-9.-]{1,63}){0,2}(([:][a-z0-9-]{1,63}){0,2})?(/[a-z0-9]{1,12})?");

  private ModelArns() {}

  /** The {@code modelArn} for {@code modelId} in {@code region} (may be {@code null}). */
  public static String resolve(String modelId, Region region) {
    if (modelId == null || modelId.isBlank()) {
      throw new InvalidRequestException(
          "a model is needed to generate the answer: set modelId on the request or"
              + " defaultModelId on the client (e.g. anthropic.claude-3-haiku-20240307-v1:0)");
    }
    String arn =
        modelId.startsWith("arn:") || isProfile(modelId) || region == null
            ? modelId
            : "arn:"
                + region.metadata().partition().id()
                + ":bedrock:"
                + region.id()
                + "::foundation-model/"
                + modelId;
    if (arn.length() > 2048 || !MODEL_ARN.matcher(arn).matches()) {
      throw new InvalidRequestException(
          "'"
              + modelId
              + "' is not a model id, inference profile id or model ARN"
              + " RetrieveAndGenerate accepts (e.g. anthropic.claude-3-haiku-20240307-v1:0, "
              + "us.anthropic.claude-3-haiku-20240307-v1:0 or arn:aws:bedrock:...)");
    }
    return arn;
  }

  private static boolean isProfile(String modelId) {
    int dot = modelId.indexOf('.');
    return dot > 0
        && BedrockModelIds.PROFILE_PREFIXES.contains(modelId.substring(0, dot))
        && modelId.indexOf('.', dot + 1) > 0;
  }
}
