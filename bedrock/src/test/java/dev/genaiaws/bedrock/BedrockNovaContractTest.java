package dev.genaiaws.bedrock;

/** The core contract for us.amazon.nova-lite-v1:0 on Bedrock. */
class BedrockNovaContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "us.amazon.nova-lite-v1:0";
  }
}
