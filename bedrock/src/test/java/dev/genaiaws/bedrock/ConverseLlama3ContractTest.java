package dev.genaiaws.bedrock;

/** The core contract over Converse for us.meta.llama3-1-8b-instruct-v1:0. */
class ConverseLlama3ContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "us.meta.llama3-1-8b-instruct-v1:0";
  }
}
