package dev.genaiaws.core;

import dev.genaiaws.core.exception.GenAiException;
import java.time.Duration;

/**
 * A hook for logging and metrics: told of every attempt, answer, failure and retry of a client's
 * calls. Every method has an empty default, so implement only what you need:
 *
 * <pre>{@code
 * GenerationListener tokens = new GenerationListener() {
 *   public void onResponse(CallInfo call, GenerationResponse r) {
 *     meter.record(call.modelId(), r.usage().totalTokens());
 *   }
 * };
 * }</pre>
 *
 * <p>Listeners run on the calling thread (or the thread that completes an async call), so keep them
 * quick. An exception thrown by a listener is logged and ignored; it never fails the call.
 */
public interface GenerationListener {

  /**
   * Before each attempt is sent. The first attempt ({@code call.attempt() == 1}) is announced on
   * the thread that made the call (for {@code stream}: the thread that subscribed), so a listener
   * can pick up that thread's context (a tracing span, an MDC value) there.
   */
  default void onRequest(CallInfo call) {}

  /**
   * For streams: when the first event with content (text, or anything before {@code Completed})
   * reaches the stream, once per call. Time to first token is the time between {@code onRequest}
   * and this.
   */
  default void onFirstToken(CallInfo call) {}

  /**
   * After a successful call. For streams, after the {@code Completed} event, with a response that
   * carries the stop reason, usage and metadata but no content.
   */
  default void onResponse(CallInfo call, GenerationResponse response) {}

  /**
   * After a successful embedding call ({@code call.operation()} is {@code embed}), once per {@code
   * embed}/{@code embedAsync}, even when the texts went out in several requests.
   */
  default void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {}

  /** After a call failed for good (retries exhausted or not retryable). */
  default void onError(CallInfo call, GenAiException error) {}

  /** After attempt {@code call.attempt()} failed and before waiting {@code delay} to try again. */
  default void onRetry(CallInfo call, GenAiException error, Duration delay) {}
}
