package dev.genaiaws.bedrock;

/** The core contract for us.meta.llama3-1-8b-instruct-v1:0 on Bedrock. */
class BedrockLlama3ContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "us.meta.llama3-1-8b-instruct-v1:0";
  }
}
