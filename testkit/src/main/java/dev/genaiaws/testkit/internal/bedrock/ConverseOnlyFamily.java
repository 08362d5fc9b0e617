package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Models the emulator serves on the Converse API only: DeepSeek ({@code deepseek.}), Qwen ({@code
 * qwen.}), OpenAI open-weight ({@code openai.gpt-oss-}) and Writer ({@code writer.}). Their
 * InvokeModel bodies are not emulated: InvokeModel answers 400 with a message that says so (it is
 * the emulator speaking, not Bedrock), so a test never passes on an invented native format.
 */
final class ConverseOnlyFamily implements ModelFamily {
  @Override
  public String name() {
    return "converse-only";
  }

  @Override
  public boolean streams() {
    return false;
  }

  @Override
  public boolean conversational() {
    return true;
  }

  @Override
  public int maxTokensLimit(String modelId) {
    return 32_768;
  }

  @Override
  public int defaultMaxTokens(String modelId) {
    return 4096;
  }

  @Override
  public String validate(JsonNode body, String modelId, boolean streaming) {
    return "The genai-aws testkit emulates "
        + modelId
        + " on the Converse API only; its InvokeModel body is not "
        + "emulated. Use Converse or ConverseStream.";
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    throw new UnsupportedOperationException(validate(body, modelId, false));
  }
}
