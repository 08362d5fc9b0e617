package dev.genaiaws.core.internal;

import dev.genaiaws.core.exception.GenAiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The only part of a provider adapter that talks to the network: sends encoded bodies and hands back raw
 * answers, with the provider's errors already mapped to {@link GenAiException}s. Everything else (codecs,
 * defaults, validation, retries, listeners, stream decoding) is done once, by {@link GenerationRuntime}.
 * Internal.
 */
public interface Transport extends AutoCloseable {

  /** Sends one attempt and waits. Throws a mapped {@link GenAiException}. */
  RawResponse invoke(Invocation invocation);

  /** Sends one attempt; the future fails with a mapped {@link GenAiException}. */
  CompletableFuture<RawResponse> invokeAsync(Invocation invocation);

  /**
   * Sends one streaming attempt when subscribed. Emits each chunk's bytes (for Bedrock the decoded chunk
   * JSON, for SageMaker a payload part), calls {@link Invocation#streamStarted} before the first, and fails
   * with a mapped {@link GenAiException} (in-stream error events included).
   */
  Flow.Publisher<byte[]> invokeStream(Invocation invocation);

  /** Maps anything thrown by the provider's client to our hierarchy (already-mapped ones pass through). */
  GenAiException mapError(Throwable error);

  @Override
  void close();
}
