package dev.genaiaws.bedrock;

/** The core contract for cohere.command-text-v14 on Bedrock. */
class BedrockCohereCommandContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "cohere.command-text-v14";
  }
}
