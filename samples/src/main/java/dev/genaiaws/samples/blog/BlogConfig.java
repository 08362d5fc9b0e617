package dev.genaiaws.samples.blog;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * How the blog Lambda function is set up, read from its environment variables:
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code BLOG_MODEL_ID}</td><td>Bedrock model id, inference profile id or ARN</td>
 *       <td>{@value #DEFAULT_MODEL_ID}</td></tr>
 *   <tr><td>{@code BLOG_BUCKET}</td><td>S3 bucket the posts are saved to</td>
 *       <td>none: posts go to the folder {@code BLOG_DIR} instead</td></tr>
 *   <tr><td>{@code BLOG_PREFIX}</td><td>key prefix in the bucket or folder</td><td>{@code blogs}</td></tr>
 *   <tr><td>{@code BLOG_DIR}</td><td>local folder used when there is no bucket</td>
 *       <td>{@code /tmp/generations}</td></tr>
 *   <tr><td>{@code BLOG_MAX_TOKENS}, {@code BLOG_TEMPERATURE}, {@code BLOG_TOP_P}</td>
 *       <td>generation parameters</td><td>512, the model's default, the model's default</td></tr>
 *   <tr><td>{@code BLOG_SYSTEM}</td><td>system prompt</td><td>{@link BlogWriter#DEFAULT_SYSTEM}</td></tr>
 *   <tr><td>{@code BLOG_BEDROCK_ENDPOINT}, {@code BLOG_S3_ENDPOINT}</td>
 *       <td>endpoint overrides for local runs and tests (e.g. the testkit emulator, S3Mock); S3 then uses
 *       path-style addressing</td><td>none: AWS</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>region (set by Lambda)</td><td>the SDK's region chain</td></tr>
 * </table>
 *
 * <p>Credentials come from the SDK's default chain (the function's role on Lambda). Only when an
 * endpoint override is set, {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} from the
 * given map are used as static credentials, so tests can pass fake ones without touching the
 * process environment.
 *
 * @param modelId model id, profile or ARN
 * @param bucket S3 bucket, or {@code null} to save to {@code directory}
 * @param prefix key prefix
 * @param directory folder used when {@code bucket} is {@code null}
 * @param inferenceConfig generation parameters
 * @param system system prompt, or {@code null} for the default
 * @param region region name, or {@code null} for the SDK's chain
 * @param bedrockEndpoint Bedrock Runtime endpoint override, or {@code null}
 * @param s3Endpoint S3 endpoint override, or {@code null}
 * @param accessKeyId static access key for overridden endpoints, or {@code null}
 * @param secretAccessKey static secret key for overridden endpoints, or {@code null}
 * @param retryPolicy the generation client's retry policy
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record BlogConfig(
    String modelId,
    String bucket,
    String prefix,
    Path directory,
    InferenceConfig inferenceConfig,
    String system,
    String region,
    URI bedrockEndpoint,
    URI s3Endpoint,
    String accessKeyId,
    String secretAccessKey,
    RetryPolicy retryPolicy) {

  /**
   * The model used when {@code BLOG_MODEL_ID} is not set: Llama 3 8B Instruct, on demand in most
   * regions.
   */
  public static final String DEFAULT_MODEL_ID = "meta.llama3-8b-instruct-v1:0";

  /** Checks the values; see the class description for defaults. */
  public BlogConfig {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(inferenceConfig, "inferenceConfig");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
  }

  /** The configuration of the process's environment ({@link System#getenv()}). */
  public static BlogConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The configuration described by {@code env}, with the default retry policy.
   *
   * @throws InvalidRequestException naming the variable whose value is not a number
   */
  public static BlogConfig fromEnvironment(Map<String, String> env) {
    InferenceConfig inference =
        InferenceConfig.builder()
            .maxTokens(integer(env, "BLOG_MAX_TOKENS", 512))
            .temperature(decimal(env, "BLOG_TEMPERATURE"))
            .topP(decimal(env, "BLOG_TOP_P"))
            .build();
    return new BlogConfig(
        value(env, "BLOG_MODEL_ID", DEFAULT_MODEL_ID),
        value(env, "BLOG_BUCKET", null),
        value(env, "BLOG_PREFIX", "blogs"),
        Path.of(value(env, "BLOG_DIR", "/tmp/generations")),
        inference,
        value(env, "BLOG_SYSTEM", null),
        value(env, "AWS_REGION", value(env, "AWS_DEFAULT_REGION", null)),
        uri(env, "BLOG_BEDROCK_ENDPOINT"),
        uri(env, "BLOG_S3_ENDPOINT"),
        value(env, "AWS_ACCESS_KEY_ID", null),
        value(env, "AWS_SECRET_ACCESS_KEY", null),
        RetryPolicy.defaults());
  }

  /** A copy with another retry policy (tests pass one with a recording sleeper). */
  public BlogConfig withRetryPolicy(RetryPolicy policy) {
    return new BlogConfig(
        modelId,
        bucket,
        prefix,
        directory,
        inferenceConfig,
        system,
        region,
        bedrockEndpoint,
        s3Endpoint,
        accessKeyId,
        secretAccessKey,
        policy);
  }

  private static String value(Map<String, String> env, String name, @Nullable String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  private static Integer integer(Map<String, String> env, String name, Integer fallback) {
    String v = value(env, name, null);
    try {
      return v == null ? fallback : Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(name + " must be a whole number but was '" + v + "'", e);
    }
  }

  private static @Nullable Double decimal(Map<String, String> env, String name) {
    String v = value(env, name, null);
    try {
      return v == null ? null : Double.valueOf(v);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(name + " must be a number but was '" + v + "'", e);
    }
  }

  private static @Nullable URI uri(Map<String, String> env, String name) {
    String v = value(env, name, null);
    return v == null ? null : URI.create(v);
  }

  @Override
  public String toString() {
    return "BlogConfig[model="
        + modelId
        + ", bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", "
        + inferenceConfig
        + ", region="
        + region
        + ", bedrockEndpoint="
        + bedrockEndpoint
        + ", s3Endpoint="
        + s3Endpoint
        + (secretAccessKey == null ? "" : ", static credentials")
        + "]";
  }
}
