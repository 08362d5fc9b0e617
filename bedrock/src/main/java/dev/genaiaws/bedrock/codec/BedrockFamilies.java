package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.codec.ModelFamily;

/**
 * The model families the Bedrock adapter speaks, as {@link ModelFamily} constants. Attach one to a
 * request when the model id cannot tell the family (provisioned throughput, imported models,
 * application inference profiles):
 *
 * <pre>{@code
 * client.generate(r -> r.modelId(provisionedArn).option(BedrockFamilies.META_LLAMA3).user("Hi"));
 * }</pre>
 */
public final class BedrockFamilies {
  private BedrockFamilies() {}

  /** Amazon Titan Text (Lite, Express, Premier). */
  public static final ModelFamily AMAZON_TITAN_TEXT = ModelFamily.of("amazon.titan-text");

  /** Amazon Nova text models (messages-v1). */
  public static final ModelFamily AMAZON_NOVA = ModelFamily.of("amazon.nova");

  /** Anthropic Claude through the Messages API (Claude 3 and later; Instant/v2 accept it too). */
  public static final ModelFamily ANTHROPIC_CLAUDE_MESSAGES =
      ModelFamily.of("anthropic.claude-messages");

  /** Anthropic Claude legacy Text Completions (claude-v2, claude-instant-v1). */
  public static final ModelFamily ANTHROPIC_CLAUDE_TEXT = ModelFamily.of("anthropic.claude-text");

  /** Meta Llama 2 chat (its [INST] template). */
  public static final ModelFamily META_LLAMA2 = ModelFamily.of("meta.llama2");

  /** Meta Llama 3 and later (the header-token template). */
  public static final ModelFamily META_LLAMA3 = ModelFamily.of("meta.llama3");

  /** Mistral 7B / Mixtral / Small / Large 2402 through the prompt API. */
  public static final ModelFamily MISTRAL_TEXT = ModelFamily.of("mistral.text");

  /** Mistral Large 2407+ through the chat (messages) API. */
  public static final ModelFamily MISTRAL_CHAT = ModelFamily.of("mistral.chat");

  /** Cohere Command and Command Light (legacy generate). */
  public static final ModelFamily COHERE_COMMAND = ModelFamily.of("cohere.command");

  /** Cohere Command R and R+ (chat). */
  public static final ModelFamily COHERE_COMMAND_R = ModelFamily.of("cohere.command-r");

  /** AI21 Jurassic-2 Mid and Ultra. */
  public static final ModelFamily AI21_J2 = ModelFamily.of("ai21.j2");

  /** AI21 Jamba (chat). */
  public static final ModelFamily AI21_JAMBA = ModelFamily.of("ai21.jamba");

  /** Amazon Titan Text Embeddings v1 and v2. */
  public static final ModelFamily AMAZON_TITAN_EMBED = ModelFamily.of("amazon.titan-embed-text");

  /** Cohere Embed v3 (English, Multilingual). */
  public static final ModelFamily COHERE_EMBED = ModelFamily.of("cohere.embed");

  /** Amazon Titan Image Generator v1/v2 and Nova Canvas. */
  public static final ModelFamily AMAZON_TITAN_IMAGE = ModelFamily.of("amazon.titan-image");

  /** Stability AI SDXL 1.0 (text_prompts API). */
  public static final ModelFamily STABILITY_SDXL = ModelFamily.of("stability.sdxl");

  /** Stability SD3 / SD3.5 / Stable Image Core and Ultra. */
  public static final ModelFamily STABILITY_SD3 = ModelFamily.of("stability.sd3");
}
