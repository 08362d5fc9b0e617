package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.exception.InvalidRequestException;
import org.jspecify.annotations.NullUnmarked;

/**
 * Re-orders retrieved chunks with a Bedrock reranker model (for example {@code amazon.rerank-v1:0}
 * or {@code cohere.rerank-v3-5:0}) before they are returned or handed to the model.
 *
 * <pre>{@code
 * Reranking rerank = Reranking.of("arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0", 5);
 * }</pre>
 *
 * @param modelArn the reranker model's ARN
 * @param numberOfResults how many reranked results to keep (1..100), or {@code null} for the
 *     service's default
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record Reranking(String modelArn, Integer numberOfResults) {
  public Reranking {
    if (modelArn == null || modelArn.isBlank()) {
      throw new InvalidRequestException(
          "the reranking model ARN must not be blank: give e.g. "
              + "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0");
    }
    if (numberOfResults != null && (numberOfResults < 1 || numberOfResults > 100)) {
      throw new InvalidRequestException(
          "numberOfResults of reranking must be in [1, 100] but was " + numberOfResults);
    }
  }

  /** Rerank with {@code modelArn}, keeping {@code numberOfResults}. */
  public static Reranking of(String modelArn, int numberOfResults) {
    return new Reranking(modelArn, numberOfResults);
  }

  /** Rerank with {@code modelArn}, keeping the service's default number. */
  public static Reranking of(String modelArn) {
    return new Reranking(modelArn, null);
  }
}
