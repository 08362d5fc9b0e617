package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * The model or a guardrail refused the prompt or filtered the output. {@link #reason()} holds the
 * model's own words (for example {@code "Filter reason: prompt"} or {@code CONTENT_FILTERED}). Not
 * retryable with the same prompt.
 */
public class ContentBlockedException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String reason;

  public ContentBlockedException(
      String message, @Nullable String reason, ServiceErrorDetails details) {
    super(message, details, null, false);
    this.reason = reason;
  }

  /** The reason the model gave, as it gave it. */
  public @Nullable String reason() {
    return reason;
  }
}
