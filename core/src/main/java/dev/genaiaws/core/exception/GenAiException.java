package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure this SDK reports. It is unchecked: catch it where you can act on it.
 *
 * <p>Two things are worth looking at before anything else:
 *
 * <ul>
 *   <li>{@link #retryable()}: whether sending the same request again may succeed (throttling, a
 *       model that is still loading, a time-out). The client's {@code RetryPolicy} has already
 *       retried such failures; when you see one, the policy's attempts ran out.
 *   <li>{@link #attempts()}: how many times the request was sent before this failure was reported.
 * </ul>
 *
 * <p>Two branches tell who is at fault: {@link GenAiClientException} (the request could not be
 * built or sent, or the answer could not be read) and {@link GenAiServiceException} (the service
 * answered with an error; it carries the HTTP status, the error code and the request id to quote to
 * AWS support).
 *
 * <p>Messages never quote a prompt or a model's output: they say sizes and positions. When the
 * failure is about text the model or its container sent (an unreadable body, a container's
 * in-stream error text), that text is kept apart in {@link #rawContent()}, for those who choose to
 * look at it.
 */
public abstract class GenAiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private volatile int attempts = 1;
  private transient volatile @Nullable String rawContent;

  protected GenAiException(String message, @Nullable Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether the same request may succeed if sent again. */
  public boolean retryable() {
    return retryable;
  }

  /** How many times the request was sent, this failed attempt included (at least 1). */
  public int attempts() {
    return attempts;
  }

  /**
   * Records how many attempts were made before this exception was reported. Called by the retry
   * layer; returns {@code this} so it can be rethrown in one expression.
   */
  public GenAiException withAttempts(int attempts) {
    if (attempts < 1) {
      throw new InvalidRequestException("attempts must be >= 1 but was " + attempts);
    }
    this.attempts = attempts;
    return this;
  }

  /**
   * The text from the model or its container that this failure is about (e.g. the body that could
   * not be parsed), kept out of {@link #getMessage()} and {@code toString()} because it may hold
   * output or echoed prompt text. Empty when there is none; not serialised.
   */
  public java.util.Optional<String> rawContent() {
    return java.util.Optional.ofNullable(rawContent);
  }

  /** Keeps {@code content} as {@link #rawContent()}; returns {@code this}. For the SDK's codecs. */
  public GenAiException withRawContent(@Nullable String content) {
    this.rawContent = content;
    return this;
  }
}
