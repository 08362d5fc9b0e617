package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.ProviderOptions;
import dev.genaiaws.core.internal.Checks;

/**
 * Cohere Embed settings the neutral {@link dev.genaiaws.core.EmbeddingRequest} has no name for.
 * Attach to a request with {@code .option(...)}:
 *
 * <pre>{@code
 * embeddings.embed(e -> e.modelId("cohere.embed-english-v3")
 *     .texts(chunks)
 *     .inputType(EmbeddingInputType.SEARCH_DOCUMENT)
 *     .option(CohereEmbedOptions.truncate(CohereEmbedOptions.Truncate.END)));
 * }</pre>
 *
 * @param truncate what the model does with a text longer than its token limit (512 tokens); the
 *     model's default is {@link Truncate#NONE} (fail)
 */
public record CohereEmbedOptions(Truncate truncate) implements ProviderOptions {

  /** What Cohere Embed does with a text over its token limit. */
  public enum Truncate {
    /** Fail the call (the model's default). */
    NONE,
    /** Drop the start of the text and keep the end. */
    START,
    /** Drop the end of the text and keep the start. */
    END
  }

  public CohereEmbedOptions {
    Checks.notNull(truncate, "truncate");
  }

  /** Options with the given truncation. */
  public static CohereEmbedOptions truncate(Truncate truncate) {
    return new CohereEmbedOptions(truncate);
  }
}
