package dev.genaiaws.bedrock;

/** The core contract for mistral.mistral-large-2407-v1:0 on Bedrock. */
class BedrockMistralChatContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "mistral.mistral-large-2407-v1:0";
  }
}
