package dev.genaiaws.bedrock;

/** The core contract over Converse for us.amazon.nova-lite-v1:0. */
class ConverseNovaContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "us.amazon.nova-lite-v1:0";
  }
}
