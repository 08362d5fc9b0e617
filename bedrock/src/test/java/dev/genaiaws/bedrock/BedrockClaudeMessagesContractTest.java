package dev.genaiaws.bedrock;

/** The core contract for anthropic.claude-3-haiku-20240307-v1:0 on Bedrock. */
class BedrockClaudeMessagesContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "anthropic.claude-3-haiku-20240307-v1:0";
  }
}
