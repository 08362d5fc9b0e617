package dev.genaiaws.cost;

import dev.genaiaws.bedrock.codec.BedrockModelIds;
import org.jspecify.annotations.NullUnmarked;

/**
 * Where a Bedrock call was served, which changes its price for newer models: in the caller's
 * Region, through a geographic cross-Region inference profile ({@code us.}, {@code eu.}, {@code
 * apac.}, …) or through a global one ({@code global.}).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public enum EndpointKind {
  /** A base model id or ARN, served in the Region called. */
  IN_REGION,
  /** A geographic cross-Region inference profile such as {@code us.amazon.nova-lite-v1:0}. */
  GEOGRAPHIC,
  /** The global cross-Region inference profile, {@code global.…}. */
  GLOBAL;

  /** The endpoint kind a model id implies. */
  public static EndpointKind of(String modelId) {
    String prefix = profilePrefix(modelId);
    if (prefix == null) {
      return IN_REGION;
    }
    return "global".equals(prefix) ? GLOBAL : GEOGRAPHIC;
  }

  /** The model id without a cross-Region profile prefix. */
  public static String baseModelId(String modelId) {
    String prefix = profilePrefix(modelId);
    return prefix == null ? modelId : modelId.substring(prefix.length() + 1);
  }

  private static String profilePrefix(String modelId) {
    int dot = modelId.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String head = modelId.substring(0, dot);
    return BedrockModelIds.PROFILE_PREFIXES.contains(head) ? head : null;
  }
}
