package dev.genaiaws.bedrock;

/** The core contract for anthropic.claude-v2:1 on Bedrock. */
class BedrockClaudeTextContractTest extends BedrockContractSupport {
  @Override
  protected String modelId() {
    return "anthropic.claude-v2:1";
  }
}
