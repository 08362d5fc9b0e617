package dev.genaiaws.bedrock;

/** The core contract over Converse for mistral.mistral-7b-instruct-v0:2. */
class ConverseMistralTextContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "mistral.mistral-7b-instruct-v0:2";
  }
}
