package dev.genaiaws.bedrock;

/** The core contract over Converse for mistral.mistral-large-2407-v1:0. */
class ConverseMistralChatContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "mistral.mistral-large-2407-v1:0";
  }
}
