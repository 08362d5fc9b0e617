package dev.genaiaws.bedrock;

/** The core contract over Converse for cohere.command-r-plus-v1:0. */
class ConverseCohereCommandRContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "cohere.command-r-plus-v1:0";
  }
}
