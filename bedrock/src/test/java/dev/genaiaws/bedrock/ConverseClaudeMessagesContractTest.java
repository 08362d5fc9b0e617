package dev.genaiaws.bedrock;

/** The core contract over Converse for anthropic.claude-3-haiku-20240307-v1:0. */
class ConverseClaudeMessagesContractTest extends ConverseContractSupport {
  @Override
  protected String modelId() {
    return "anthropic.claude-3-haiku-20240307-v1:0";
  }
}
