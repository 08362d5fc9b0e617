package dev.genaiaws.core.internal;

import dev.genaiaws.core.exception.GenAiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The only part of a provider adapter that talks to the network: sends encoded bodies and hands
 * back raw answers, with the provider's errors already mapped to {@link GenAiException}s.
 * Everything else (codecs, defaults, validation, retries, listeners, stream decoding) is done once,
 * by {@link GenerationRuntime}. Internal.
 */
public interface Transport extends AutoCloseable {

  /** Sends one attempt and waits. Throws a mapped {@link GenAiException}. */
  RawResponse invoke(Invocation invocation);

  /** Sends one attempt; the future fails with a mapped {@link GenAiException}. */
  CompletableFuture<RawResponse> invokeAsync(Invocation invocation);

  /**
   * Sends one streaming attempt when subscribed. Emits each chunk's bytes (for Bedrock the decoded
   * chunk JSON, for SageMaker a payload part), calls {@link Invocation#streamStarted} before the
   * first, and fails with a mapped {@link GenAiException} (in-stream error events included).
   */
  Flow.Publisher<byte[]> invokeStream(Invocation invocation);

  /**
   * The largest request body the service's operation accepts, in bytes: a bigger body is refused
   * before sending, with {@link #tooLarge} as the message.
   *
   * @param streaming whether the call streams (some services take less on their streaming
   *     operation)
   */
  default long maxRequestBytes(boolean streaming) {
    return Long.MAX_VALUE;
  }

  /** What to tell a caller whose request body of {@code bytes} is over {@link #maxRequestBytes}. */
  default String tooLarge(long bytes, boolean streaming) {
    return "the request body is "
        + bytes
        + " bytes, more than the "
        + maxRequestBytes(streaming)
        + " bytes the service accepts: shorten the prompt or send fewer or smaller images";
  }

  /**
   * Maps anything thrown by the provider's client to our hierarchy (already-mapped ones pass
   * through).
   */
  GenAiException mapError(Throwable error);

  @Override
  void close();
}
