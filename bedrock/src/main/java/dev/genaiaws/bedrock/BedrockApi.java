package dev.genaiaws.bedrock;

import dev.genaiaws.core.ProviderOptions;

/**
 * Which Bedrock Runtime API a call goes through. Set it per client ({@code
 * BedrockGenerationClient.builder() .api(...)}) or per request ({@code
 * .option(BedrockApi.CONVERSE)}; the request's wins).
 *
 * <pre>{@code
 * client.generate(req -> req.modelId("deepseek.r1-v1:0").user("Hi"));           // AUTO: Converse (no codec)
 * client.generate(req -> req.modelId(claude).user("Hi").option(BedrockApi.CONVERSE));  // forced
 * }</pre>
 */
public enum BedrockApi implements ProviderOptions {
  /**
   * {@code InvokeModel}: the family codec writes the model's own JSON. Refuses requests the
   * family's API cannot express (tools on Llama, documents, ...) before sending.
   */
  INVOKE_MODEL,
  /**
   * {@code Converse} / {@code ConverseStream}: one message shape for every text model, tools and
   * all.
   */
  CONVERSE,
  /**
   * The default: InvokeModel where a family codec knows the model and can express the request,
   * Converse otherwise, so models no codec knows (DeepSeek, Qwen, gpt-oss, newer versions) work
   * too.
   */
  AUTO
}
