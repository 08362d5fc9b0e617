package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.ResponseDetail;
import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * The token likelihoods of a Cohere Command answer, attached to the response when the request asked
 * for them with {@link CohereCommandOptions}: read with {@code
 * response.detail(CohereLikelihoods.class)}.
 *
 * <p>Likelihoods are log-likelihoods (0 or less; closer to 0 is more likely). With {@link
 * CohereCommandOptions.ReturnLikelihoods#ALL} the tokens start with the prompt's, and the first
 * token has no likelihood ({@code null}).
 *
 * @param likelihood the answer's overall likelihood as the model reports it ({@code likelihood}),
 *     or {@code null} when absent
 * @param tokens each token and its likelihood, in order ({@code token_likelihoods})
 */
public record CohereLikelihoods(Double likelihood, List<TokenLikelihood> tokens)
    implements ResponseDetail {

  public CohereLikelihoods {
    tokens = Checks.copyOf(tokens, "tokens");
  }

  /**
   * One token and its log-likelihood.
   *
   * @param token the token's text
   * @param likelihood its log-likelihood, or {@code null} for the first token of a prompt
   */
  public record TokenLikelihood(String token, Double likelihood) {
    public TokenLikelihood {
      Checks.notNull(token, "token");
    }

    @Override
    public String toString() {
      return "TokenLikelihood[" + Checks.describe(token) + ", likelihood=" + likelihood + "]";
    }
  }

  @Override
  public String toString() {
    return "CohereLikelihoods[likelihood=" + likelihood + ", " + tokens.size() + " tokens]";
  }
}
