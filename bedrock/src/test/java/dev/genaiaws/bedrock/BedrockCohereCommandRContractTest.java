package dev.genaiaws.bedrock;

/** The core contract for cohere.command-r-plus-v1:0 on Bedrock. */
class BedrockCohereCommandRContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "cohere.command-r-plus-v1:0";
  }
}
