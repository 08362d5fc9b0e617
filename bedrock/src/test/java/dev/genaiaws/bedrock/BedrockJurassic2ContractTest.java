package dev.genaiaws.bedrock;

/**
 * The core contract for ai21.j2-mid-v1 on Bedrock. The model cannot stream: the stream tests check
 * it is refused before sending.
 */
class BedrockJurassic2ContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "ai21.j2-mid-v1";
  }

  @Override
  protected boolean streams() {
    return false;
  }
}
