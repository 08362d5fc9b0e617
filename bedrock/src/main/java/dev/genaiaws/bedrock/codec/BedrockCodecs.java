package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;

/**
 * The built-in codecs, registered under the model id prefixes they serve. The generation client
 * starts from {@link #textRegistry()} (text and image models: image codecs answer with {@link
 * dev.genaiaws.core.ImageBlock}s) and the embedding client from {@link #embeddingRegistry()}; both
 * lay your own {@code codec(...)} registrations over it.
 *
 * <p>Resolution takes the longest matching prefix, so {@code anthropic.claude-v2} (Text
 * Completions) wins over {@code anthropic.claude} (Messages) for {@code anthropic.claude-v2:1};
 * profile prefixes ({@code us.}, {@code eu.}, ...) and ARNs are read by {@link BedrockModelIds},
 * which both registries are given.
 */
public final class BedrockCodecs {
  private BedrockCodecs() {}

  /** A registry of every built-in text generation codec. */
  public static CodecRegistry<ModelCodec> textRegistry() {
    CodecRegistry.Builder<ModelCodec> b =
        CodecRegistry.<ModelCodec>builder().modelIds(BedrockModelIds.INSTANCE);
    // One line per codec, sorted by provider. Each codec is created on first use, so a client loads
    // only the
    // codecs of the models it calls (shorter cold starts); lambdas rather than method references,
    // so that a
    // codec's class is not even loaded before then.
    b.register(BedrockFamilies.AI21_J2, () -> new Jurassic2Codec(), "ai21.j2");
    b.register(BedrockFamilies.AI21_JAMBA, () -> new JambaCodec(), "ai21.jamba");
    b.register(
        BedrockFamilies.AMAZON_TITAN_TEXT,
        () -> new TitanTextCodec(),
        "amazon.titan-text",
        "amazon.titan-tg1");
    // amazon.nova- covers future Nova text models; image models (nova-canvas) register longer
    // prefixes
    b.register(BedrockFamilies.AMAZON_NOVA, () -> new NovaCodec(), "amazon.nova-");
    b.register(
        BedrockFamilies.AMAZON_TITAN_IMAGE,
        () -> new TitanImageCodec(),
        "amazon.titan-image-generator",
        "amazon.nova-canvas");
    b.register(
        BedrockFamilies.ANTHROPIC_CLAUDE_MESSAGES,
        () -> new ClaudeMessagesCodec(),
        "anthropic.claude");
    b.register(
        BedrockFamilies.ANTHROPIC_CLAUDE_TEXT,
        () -> new ClaudeTextCodec(),
        "anthropic.claude-v2",
        "anthropic.claude-instant");
    b.register(BedrockFamilies.COHERE_COMMAND, () -> new CohereCommandCodec(), "cohere.command");
    b.register(
        BedrockFamilies.COHERE_COMMAND_R, () -> new CohereCommandRCodec(), "cohere.command-r");
    b.register(BedrockFamilies.META_LLAMA2, () -> LlamaCodec.llama2(), "meta.llama2");
    b.register(
        BedrockFamilies.META_LLAMA3, () -> LlamaCodec.llama3(), "meta.llama3", "meta.llama4");
    b.register(BedrockFamilies.MISTRAL_TEXT, () -> new MistralTextCodec(), "mistral.");
    b.register(
        BedrockFamilies.MISTRAL_CHAT, () -> new MistralChatCodec(), "mistral.mistral-large-2407");
    b.register(
        BedrockFamilies.STABILITY_SD3,
        () -> new StabilitySd3Codec(),
        "stability.sd3",
        "stability.stable-image-core",
        "stability.stable-image-ultra");
    b.register(
        BedrockFamilies.STABILITY_SDXL,
        () -> new StabilitySdxlCodec(),
        "stability.stable-diffusion-xl");
    return b.build();
  }

  /**
   * A registry of every built-in embedding codec: Titan Text Embeddings v1/v2 ({@code
   * amazon.titan-embed-text}, {@code amazon.titan-embed-g1-text}) and Cohere Embed v3 ({@code
   * cohere.embed-english}, {@code cohere.embed-multilingual}).
   */
  public static CodecRegistry<EmbeddingCodec> embeddingRegistry() {
    CodecRegistry.Builder<EmbeddingCodec> b =
        CodecRegistry.<EmbeddingCodec>builder().modelIds(BedrockModelIds.INSTANCE);
    b.register(
        BedrockFamilies.AMAZON_TITAN_EMBED,
        () -> new TitanEmbedCodec(),
        "amazon.titan-embed-text",
        "amazon.titan-embed-g1-text");
    b.register(
        BedrockFamilies.COHERE_EMBED,
        () -> new CohereEmbedCodec(),
        "cohere.embed-english",
        "cohere.embed-multilingual");
    return b.build();
  }
}
