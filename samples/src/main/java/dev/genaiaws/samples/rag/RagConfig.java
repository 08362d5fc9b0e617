package dev.genaiaws.samples.rag;

import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.NullUnmarked;

/**
 * The RAG function's settings, from environment variables.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code KB_ID}</td><td>the knowledge base id (required)</td><td>-</td></tr>
 *   <tr><td>{@code KB_MODEL_ID}</td><td>model id, inference profile id or ARN that writes the answers</td>
 *       <td>{@link #DEFAULT_MODEL_ID}</td></tr>
 *   <tr><td>{@code KB_NUMBER_OF_RESULTS}</td><td>passages retrieved per question (1..100)</td><td>the
 *       service's (5)</td></tr>
 *   <tr><td>{@code KB_ENDPOINT}</td><td>endpoint override for local runs and tests (the testkit's
 *       {@code KnowledgeBaseEmulator})</td><td>none: AWS</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>region (set by Lambda)</td><td>the SDK's region chain</td></tr>
 * </table>
 *
 * <p>Credentials come from the SDK's default chain (the function's role on Lambda). Only when
 * {@code KB_ENDPOINT} is set, {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} from the
 * given map are used as static credentials, so tests can pass fake ones.
 *
 * @param knowledgeBaseId the knowledge base
 * @param modelId the model
 * @param numberOfResults passages per question, or {@code null}
 * @param region region name, or {@code null}
 * @param endpoint endpoint override, or {@code null}
 * @param accessKeyId static access key for an overridden endpoint, or {@code null}
 * @param secretAccessKey static secret key for an overridden endpoint, or {@code null}
 * @param retryPolicy the client's retry policy
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record RagConfig(
    String knowledgeBaseId,
    String modelId,
    Integer numberOfResults,
    String region,
    URI endpoint,
    String accessKeyId,
    String secretAccessKey,
    RetryPolicy retryPolicy) {

  /** The model used when {@code KB_MODEL_ID} is not set. */
  public static final String DEFAULT_MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

  /** Checks the values. */
  public RagConfig {
    Objects.requireNonNull(knowledgeBaseId, "KB_ID must be set to the knowledge base id");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
  }

  /** The configuration of the process's environment. */
  public static RagConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The configuration described by {@code env}, with the default retry policy.
   *
   * @throws InvalidRequestException when {@code KB_NUMBER_OF_RESULTS} is not a whole number
   */
  public static RagConfig fromEnvironment(Map<String, String> env) {
    String n = value(env, "KB_NUMBER_OF_RESULTS", null);
    Integer results;
    try {
      results = n == null ? null : Integer.valueOf(n);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "KB_NUMBER_OF_RESULTS must be a whole number but was '" + n + "'", e);
    }
    String endpoint = value(env, "KB_ENDPOINT", null);
    return new RagConfig(
        value(env, "KB_ID", null),
        value(env, "KB_MODEL_ID", DEFAULT_MODEL_ID),
        results,
        value(env, "AWS_REGION", value(env, "AWS_DEFAULT_REGION", null)),
        endpoint == null ? null : URI.create(endpoint),
        value(env, "AWS_ACCESS_KEY_ID", null),
        value(env, "AWS_SECRET_ACCESS_KEY", null),
        RetryPolicy.defaults());
  }

  /** A copy with another retry policy (tests pass one with a recording sleeper). */
  public RagConfig withRetryPolicy(RetryPolicy policy) {
    return new RagConfig(
        knowledgeBaseId,
        modelId,
        numberOfResults,
        region,
        endpoint,
        accessKeyId,
        secretAccessKey,
        policy);
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  @Override
  public String toString() {
    return "RagConfig[knowledgeBaseId="
        + knowledgeBaseId
        + ", modelId="
        + modelId
        + ", numberOfResults="
        + numberOfResults
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + (secretAccessKey == null ? "" : ", static credentials")
        + "]";
  }
}
