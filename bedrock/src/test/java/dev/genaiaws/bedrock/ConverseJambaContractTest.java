package dev.genaiaws.bedrock;

/** The core contract over Converse for ai21.jamba-1-5-mini-v1:0. */
class ConverseJambaContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "ai21.jamba-1-5-mini-v1:0";
  }
}
