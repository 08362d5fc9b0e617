package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.ProviderOptions;
import dev.genaiaws.core.internal.Checks;

/**
 * Cohere Command settings the neutral {@link dev.genaiaws.core.GenerationRequest} has no name for.
 * Attach to a request with {@code .option(...)} and read the answer's likelihoods as {@link
 * CohereLikelihoods}:
 *
 * <pre>{@code
 * GenerationResponse r = client.generate(req -> req
 *     .modelId("cohere.command-text-v14")
 *     .user("Name a fruit.")
 *     .option(CohereCommandOptions.returnLikelihoods(CohereCommandOptions.ReturnLikelihoods.GENERATION)));
 * CohereLikelihoods l = r.detail(CohereLikelihoods.class).orElseThrow();
 * l.tokens().forEach(t -> System.out.println(t.token() + " " + t.likelihood()));
 * }</pre>
 *
 * <p>Likelihoods are decoded from non-streamed answers ({@code generate}, {@code generateAsync}); a
 * stream with likelihoods asked for is refused before it is sent.
 *
 * @param returnLikelihoods which token likelihoods the answer carries (sent as {@code
 *     return_likelihoods}); the model's default is {@link ReturnLikelihoods#NONE}
 */
public record CohereCommandOptions(ReturnLikelihoods returnLikelihoods) implements ProviderOptions {

  /** Which token likelihoods Cohere Command returns. */
  public enum ReturnLikelihoods {
    /** Only for the generated tokens. */
    GENERATION,
    /** For every token, the prompt's included (the very first token has none). */
    ALL,
    /** None (the model's default). */
    NONE
  }

  public CohereCommandOptions {
    Checks.notNull(returnLikelihoods, "returnLikelihoods");
  }

  /** Options asking for the given likelihoods. */
  public static CohereCommandOptions returnLikelihoods(ReturnLikelihoods returnLikelihoods) {
    return new CohereCommandOptions(returnLikelihoods);
  }
}
