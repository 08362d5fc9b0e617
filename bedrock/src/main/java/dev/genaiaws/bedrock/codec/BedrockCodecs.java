package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;

/**
 * The built-in text codecs, registered under the model id prefixes they serve. The client starts from
 * {@link #textRegistry()} and lays your own {@code codec(...)} registrations over it.
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
    b.register(new ClaudeMessagesCodec(), "anthropic.claude");
    b.register(new ClaudeTextCodec(), "anthropic.claude-v2", "anthropic.claude-instant");
    b.register(new CohereCommandCodec(), "cohere.command");
    b.register(new CohereCommandRCodec(), "cohere.command-r");
    b.register(LlamaCodec.llama2(), "meta.llama2");
    b.register(LlamaCodec.llama3(), "meta.llama3", "meta.llama4");
    b.register(new MistralTextCodec(), "mistral.");
    b.register(new MistralChatCodec(), "mistral.mistral-large-2407");
    return b.build();
  }
}
