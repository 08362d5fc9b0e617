package dev.genaiaws.bedrock;

import dev.genaiaws.core.GenerationRequest;

/**
 * The core contract suite run over the Converse API (forced per request with {@code
 * BedrockApi.CONVERSE}), sync, async and stream; one subclass per family names the model.
 */
abstract class ConverseContractSupport extends BedrockContractSupport {
  @Override
  protected GenerationRequest.Builder customize(GenerationRequest.Builder builder) {
    return builder.option(BedrockApi.CONVERSE);
  }
}
