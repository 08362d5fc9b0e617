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
    // ai21: AI21 J2 / Jamba codecs go here (other codec engineer).
    b.register(new TitanTextCodec(), "amazon.titan-text", "amazon.titan-tg1");
    // amazon: Nova codec goes here (other codec engineer).
    b.register(new ClaudeMessagesCodec(), "anthropic.claude");
    // anthropic: Claude Text Completions codec goes here, under "anthropic.claude-v2", "anthropic.claude-instant"
    // (other codec engineer); until then those ids resolve to the Messages codec, which they also accept.
    // cohere: Command / Command R codecs go here (other codec engineer).
    b.register(LlamaCodec.llama2(), "meta.llama2");
    b.register(LlamaCodec.llama3(), "meta.llama3", "meta.llama4");
    // mistral: text / chat codecs go here (other codec engineer).
    return b.build();
  }
}
