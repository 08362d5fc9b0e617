package dev.genaiaws.aws;

import dev.genaiaws.core.exception.InvalidRequestException;

/**
 * The settings every embedding client has on top of {@link ClientBuilderBase}: how many calls of
 * one request may be in flight at once. {@code BedrockEmbeddingClient.Builder} and {@code
 * SageMakerEmbeddingClient.Builder} extend it; you never use this class by name.
 *
 * @param <B> the concrete builder
 */
public abstract class EmbeddingClientBuilderBase<B extends EmbeddingClientBuilderBase<B>>
    extends ClientBuilderBase<B> {
  /** The default number of calls in flight at once. */
  public static final int DEFAULT_MAX_CONCURRENCY = 4;

  private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

  /** For the SDK's client builders only. */
  protected EmbeddingClientBuilderBase() {}

  /**
   * How many calls of one request may be in flight at once (at least 1; default 4). Models that
   * embed one text per call (Titan) are fast on large requests because of this; mind your account's
   * quota.
   */
  public B maxConcurrency(int maxConcurrency) {
    if (maxConcurrency < 1) {
      throw new InvalidRequestException(
          "maxConcurrency must be at least 1 but was " + maxConcurrency);
    }
    this.maxConcurrency = maxConcurrency;
    return self();
  }

  /** The concurrency limit, for the subclass's {@code build()}. */
  protected final int maxConcurrencyLimit() {
    return maxConcurrency;
  }
}
