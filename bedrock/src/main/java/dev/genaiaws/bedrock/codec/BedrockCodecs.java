package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;

/**
 * The built-in codecs, registered under the model id prefixes they serve. The generation client starts
 * from {@link #textRegistry()} (text and image models: image codecs answer with
 * {@link dev.genaiaws.core.ImageBlock}s) and the embedding client from {@link #embeddingRegistry()}; both
 * lay your own {@code codec(...)} registrations over it.
 *
 * <p>Resolution takes the longest matching prefix, so {@code anthropic.claude-v2} (Text Completions) wins
 * over {@code anthropic.claude} (Messages) for {@code anthropic.claude-v2:1}; profile prefixes
 * ({@code us.}, {@code eu.}, ...) and ARNs are handled by {@link CodecRegistry}.
 */
public final class BedrockCodecs {
  private BedrockCodecs() {}

  /** A registry of every built-in text generation codec. */
  public static CodecRegistry<ModelCodec> textRegistry() {
    CodecRegistry.Builder<ModelCodec> b = CodecRegistry.builder();
    // One line per codec, sorted by provider, so parallel additions merge cleanly.
    b.register(new Jurassic2Codec(), "ai21.j2");
    b.register(new JambaCodec(), "ai21.jamba");
    b.register(new TitanTextCodec(), "amazon.titan-text", "amazon.titan-tg1");
    b.register(new NovaCodec(), "amazon.nova-"); // image models (nova-canvas) register longer prefixes
    b.register(new TitanImageCodec(), "amazon.titan-image-generator", "amazon.nova-canvas");
    b.register(new ClaudeMessagesCodec(), "anthropic.claude");
    b.register(new ClaudeTextCodec(), "anthropic.claude-v2", "anthropic.claude-instant");
    b.register(new CohereCommandCodec(), "cohere.command");
    b.register(new CohereCommandRCodec(), "cohere.command-r");
    b.register(LlamaCodec.llama2(), "meta.llama2");
    b.register(LlamaCodec.llama3(), "meta.llama3", "meta.llama4");
    b.register(new MistralTextCodec(), "mistral.");
    b.register(new MistralChatCodec(), "mistral.mistral-large-2407");
    b.register(new StabilitySd3Codec(), "stability.sd3", "stability.stable-image-core", "stability.stable-image-ultra");
    b.register(new StabilitySdxlCodec(), "stability.stable-diffusion-xl");
    return b.build();
  }

  /**
   * A registry of every built-in embedding codec: Titan Text Embeddings v1/v2
   * ({@code amazon.titan-embed-text}, {@code amazon.titan-embed-g1-text}) and Cohere Embed v3
   * ({@code cohere.embed-english}, {@code cohere.embed-multilingual}).
   */
  public static CodecRegistry<EmbeddingCodec> embeddingRegistry() {
    CodecRegistry.Builder<EmbeddingCodec> b = CodecRegistry.builder();
    b.register(new TitanEmbedCodec(), "amazon.titan-embed-text", "amazon.titan-embed-g1-text");
    b.register(new CohereEmbedCodec(), "cohere.embed-english", "cohere.embed-multilingual");
    return b.build();
  }
}
