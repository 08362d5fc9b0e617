package dev.genaiaws.batch.internal;

import dev.genaiaws.bedrock.codec.BedrockModelIds;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.regions.Region;

/**
 * Suggests a cross-Region inference profile when Bedrock refuses a batch job for a base model id:
 * most models run batch inference only through a profile ({@code us.}, {@code eu.}, {@code apac.}
 * ... prefixed ids). Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ProfileHint {
  private ProfileHint() {}

  /**
   * A hint for a validation failure of {@code CreateModelInvocationJob}, or {@code null} when the
   * model id already is a profile or an ARN (nothing to suggest).
   */
  public static String forValidation(String modelId, Region region, String message) {
    String profile = suggest(modelId, region);
    if (profile == null) {
      return null;
    }
    return "if this model runs batch inference only through a cross-Region inference profile, submit the job"
        + " with modelId '"
        + profile
        + "'";
  }

  /**
   * The profile id for a base model id in a Region, or {@code null} when the id is already one or
   * an ARN.
   */
  public static String suggest(String modelId, Region region) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.startsWith("arn:")) {
      return null;
    }
    for (String prefix : BedrockModelIds.PROFILE_PREFIXES) {
      if (id.startsWith(prefix + ".")) {
        return null;
      }
    }
    return geo(region) + "." + modelId;
  }

  private static String geo(Region region) {
    String r = region == null ? "us-east-1" : region.id();
    if (r.startsWith("us-gov")) {
      return "us-gov";
    }
    if (r.startsWith("eu-")) {
      return "eu";
    }
    if (r.startsWith("ap-northeast-1")) {
      return "jp";
    }
    if (r.startsWith("ap-southeast-2") || r.startsWith("ap-southeast-4")) {
      return "au";
    }
    if (r.startsWith("ap-")) {
      return "apac";
    }
    return "us";
  }
}
