package dev.genaiaws.bedrock;

/** The core contract for mistral.mistral-7b-instruct-v0:2 on Bedrock. */
class BedrockMistralTextContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "mistral.mistral-7b-instruct-v0:2";
  }
}
