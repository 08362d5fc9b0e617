package dev.genaiaws.bedrock;

/** The core contract over Converse for cohere.command-text-v14. */
class ConverseCohereCommandContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "cohere.command-text-v14";
  }
}
