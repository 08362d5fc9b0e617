package dev.genaiaws.bedrock;

/** The core contract over Converse for amazon.titan-text-express-v1. */
class ConverseTitanTextContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "amazon.titan-text-express-v1";
  }
}
