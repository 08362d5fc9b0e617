package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.codec.ModelIdResolver;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bedrock's rules for what a model id points at, given to the codec registries of {@link
 * BedrockCodecs} (core's {@code CodecRegistry} knows no provider's ids). Every shape of id Bedrock
 * accepts resolves the same way:
 *
 * <ul>
 *   <li>base ids, including versions never seen before (matched by the family's prefix);
 *   <li>cross-region inference profiles: {@code us.}, {@code eu.}, {@code apac.}, {@code jp.},
 *       {@code au.}, {@code us-gov.}, {@code global.}, {@code ca.} and any future short geography
 *       prefix: the id is tried as it is, then without the prefix;
 *   <li>ARNs of foundation models, system inference profiles and custom models (whose ARN names the
 *       base model) resolve to the model inside;
 *   <li>ARNs that do not name a model (provisioned throughput, imported models, application
 *       inference profiles, prompt routers) need the family named explicitly, or the client's
 *       {@code modelLookup}.
 * </ul>
 */
public final class BedrockModelIds implements ModelIdResolver {
  /** The cross-region inference profile prefixes Bedrock documents. */
  public static final List<String> PROFILE_PREFIXES =
      List.of("us", "eu", "apac", "jp", "au", "us-gov", "global", "ca");

  /** The one instance; stateless. */
  public static final BedrockModelIds INSTANCE = new BedrockModelIds();

  private static final Pattern GEO = Pattern.compile("[a-z]{2,6}(-[a-z]{2,4})?");
  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:(bedrock|sagemaker):[a-z0-9-]*:\\d*:([a-z-]+)/(.+)",
          Pattern.CASE_INSENSITIVE);

  private BedrockModelIds() {}

  @Override
  public Target target(String id) {
    if (!id.regionMatches(true, 0, "arn:", 0, 4)) {
      return withoutProfile(
          id); // a model or profile id: no need to run the ARN pattern on every call
    }
    Matcher m = ARN.matcher(id);
    if (!m.matches()) {
      return withoutProfile(id);
    }
    String type = m.group(2).toLowerCase(Locale.ROOT);
    String resource = m.group(3);
    switch (type) {
      case "foundation-model":
      case "inference-profile":
        return withoutProfile(resource);
      case "custom-model":
        {
          // arn:...:custom-model/<base model id>/<custom id>
          int slash = resource.lastIndexOf('/');
          return slash > 0 ? withoutProfile(resource.substring(0, slash)) : opaque(type);
        }
      default:
        return opaque(type);
    }
  }

  private static Target opaque(String type) {
    return Target.opaque("an ARN of type '" + type + "' does not say which model it runs");
  }

  /** The id as it is, then without a geography prefix such as {@code us.} when it has one. */
  private static Target withoutProfile(String id) {
    int dot = id.indexOf('.');
    if (dot > 0 && GEO.matcher(id.substring(0, dot).toLowerCase(Locale.ROOT)).matches()) {
      return Target.of(id, id.substring(dot + 1));
    }
    return Target.of(id);
  }

  /** The id without a documented cross-region profile prefix ({@code us.}, {@code eu.}, ...). */
  public static String withoutProfilePrefix(String modelId) {
    int dot = modelId.indexOf('.');
    return dot > 0 && PROFILE_PREFIXES.contains(modelId.substring(0, dot).toLowerCase(Locale.ROOT))
        ? modelId.substring(dot + 1)
        : modelId;
  }

  @Override
  public String toString() {
    return "BedrockModelIds";
  }
}
