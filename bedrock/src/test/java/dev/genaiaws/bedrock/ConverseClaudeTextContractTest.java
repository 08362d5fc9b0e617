package dev.genaiaws.bedrock;

/** The core contract over Converse for anthropic.claude-v2:1. */
class ConverseClaudeTextContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "anthropic.claude-v2:1";
  }
}
