package dev.genaiaws.bedrock;

/** The core contract over Converse for meta.llama2-13b-chat-v1. */
class ConverseLlama2ContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "meta.llama2-13b-chat-v1";
  }
}
