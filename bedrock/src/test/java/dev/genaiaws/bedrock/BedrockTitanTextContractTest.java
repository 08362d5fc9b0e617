package dev.genaiaws.bedrock;

/** The core contract for amazon.titan-text-express-v1 on Bedrock. */
class BedrockTitanTextContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "amazon.titan-text-express-v1";
  }
}
