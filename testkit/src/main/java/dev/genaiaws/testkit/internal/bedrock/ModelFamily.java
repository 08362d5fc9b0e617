package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The wire contract of one Bedrock model family: how its request body is validated and how its
 * InvokeModel body and stream chunks look. Implementations are stateless.
 */
public interface ModelFamily {

  /** A short name used in messages, e.g. {@code claude-messages}. */
  String name();

  /** Whether InvokeModelWithResponseStream works for this family. */
  boolean streams();

  /** Whether the Converse API works for this family (text generation families). */
  default boolean conversational() {
    return false;
  }

  /** The largest max-tokens value the model accepts (for Converse). */
  default int maxTokensLimit(String modelId) {
    return 4096;
  }

  /** The default max tokens (for Converse). */
  default int defaultMaxTokens(String modelId) {
    return 512;
  }

  /**
   * Checks the body; returns {@code null} when valid, otherwise the whole ValidationException
   * message as the service words it.
   */
  String validate(JsonNode body, String modelId, boolean streaming);

  /** The prompt of a valid body, for text families; {@code null} for the others. */
  default Prompt promptOf(JsonNode body, String modelId) {
    return null;
  }

  /** Answers InvokeModel for a valid body. */
  Invocation invoke(JsonNode body, String modelId);

  /**
   * Answers InvokeModelWithResponseStream for a valid body: the chunk objects in order (the
   * emulator adds {@code amazon-bedrock-invocationMetrics} to the last one).
   */
  default Streamed stream(JsonNode body, String modelId) {
    throw new UnsupportedOperationException(name() + " does not stream");
  }

  /**
   * An InvokeModel answer.
   *
   * @param body the response JSON
   * @param inputTokens the input token count header value
   * @param outputTokens the output token count header value, {@code null} to omit the header
   */
  record Invocation(ObjectNode body, Integer inputTokens, Integer outputTokens) {}

  /**
   * A streamed answer.
   *
   * @param chunks the model chunk objects, in order
   * @param inputTokens input tokens for the invocation metrics
   * @param outputTokens output tokens for the invocation metrics
   */
  record Streamed(List<ObjectNode> chunks, int inputTokens, int outputTokens) {}
}
