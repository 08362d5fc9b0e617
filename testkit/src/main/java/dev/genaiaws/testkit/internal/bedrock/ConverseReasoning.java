package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;

/** When the emulated model reasons, and how much. */
final class ConverseReasoning {
  /**
   * Anthropic's documented test string: a request containing it makes Claude return redacted
   * thinking (Claude docs, extended thinking, "Thinking redaction").
   */
  static final String REDACT_TRIGGER =
      "ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_46C9A13E193C177646C7398A98432ECCCE4C1253";

  private ConverseReasoning() {}

  /**
   * Whether reasoning is on: Claude 3.7 / 4 with {@code additionalModelRequestFields.thinking}
   * {@code {"type":"enabled","budget_tokens":N}} or {@code {"type":"adaptive"}} (user guide,
   * claude-messages-extended-thinking).
   */
  static boolean enabled(JsonNode body, String modelId) {
    if (ConverseModels.unsignedReasoning(modelId)) {
      return true;
    }
    String type =
        body.path("additionalModelRequestFields").path("thinking").path("type").asText("");
    return ConverseModels.claudeThinking(modelId)
        && (type.equals("enabled") || type.equals("adaptive"));
  }

  /** The reasoning token budget ({@code budget_tokens}, or 4096 for adaptive thinking). */
  static int budget(JsonNode body) {
    return body.path("additionalModelRequestFields")
        .path("thinking")
        .path("budget_tokens")
        .asInt(4096);
  }
}
