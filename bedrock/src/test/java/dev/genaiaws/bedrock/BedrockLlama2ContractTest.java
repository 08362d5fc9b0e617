package dev.genaiaws.bedrock;

/** The core contract for meta.llama2-13b-chat-v1 on Bedrock. */
class BedrockLlama2ContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "meta.llama2-13b-chat-v1";
  }
}
