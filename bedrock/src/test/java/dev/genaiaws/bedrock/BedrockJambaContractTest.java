package dev.genaiaws.bedrock;

/** The core contract for ai21.jamba-1-5-mini-v1:0 on Bedrock. */
class BedrockJambaContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "ai21.jamba-1-5-mini-v1:0";
  }
}
