package dev.genaiaws.core.internal;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.exception.GenAiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One wire API a {@link GenerationRuntime} sends requests through: how a request is checked and
 * encoded, sent, and read back. {@link CodecWire} is the byte-body one (a family codec over a
 * {@link Transport}: Bedrock InvokeModel, SageMaker); an adapter with a typed API (Bedrock
 * Converse) supplies its own, and a client with two APIs routes per request. The runtime keeps
 * everything around it (defaults, deadlines, retries, listeners, metadata, the
 * retry-before-first-event rule) in one place. Internal.
 */
public interface Wire extends AutoCloseable {

  /**
   * Resolves, merges the defaults, checks and encodes a request. Everything that can be refused
   * before sending is refused here.
   *
   * @param streaming whether the call will be streamed
   * @throws GenAiException (an {@code InvalidRequestException} or subclass) for bad input
   */
  Call prepare(GenerationRequest request, boolean streaming);

  /**
   * The encoded body a request would be sent with, checked as by {@link #prepare} except for the
   * operation's size limit; for a typed API its JSON body as the SDK would write it (Converse, for
   * batch records), or {@code null} when it has none.
   */
  default byte @Nullable [] encode(GenerationRequest request) {
    return prepare(request, false).body();
  }

  /** Maps anything thrown by the provider's client to our hierarchy. */
  GenAiException mapError(Throwable error);

  @Override
  void close();

  /** A request made ready to send through one wire API; sent once per attempt. */
  interface Call {
    /** The request as sent (defaults merged, parameters checked). */
    GenerationRequest request();

    /** What the model id resolved to. */
    String baseModelId();

    /** The encoded body for byte-body APIs (for debugging and tests), or {@code null}. */
    byte @Nullable [] body();

    /** Sends one attempt and decodes the answer; metadata is filled by the runtime. */
    Answer invoke(Invocation invocation);

    /** As {@link #invoke}, asynchronously. */
    CompletableFuture<Answer> invokeAsync(Invocation invocation);

    /** One streamed attempt: the chunks (sent when subscribed) and a fresh decoder for them. */
    Stream<?> stream(Invocation invocation);
  }

  /**
   * {@code sent} mapped by {@code read}, for {@link Call#invokeAsync}: cancelling the result
   * cancels {@code sent}, since a dependent stage's cancel must reach the HTTP call.
   */
  static <T, R> CompletableFuture<R> thenRead(
      CompletableFuture<T> sent, Function<? super T, ? extends R> read) {
    CompletableFuture<R> result = sent.thenApply(read);
    var unused =
        result.whenComplete(
            (r, e) -> {
              if (result.isCancelled()) {
                sent.cancel(true);
              }
            });
    return result;
  }

  /**
   * A decoded answer and the facts of the attempt.
   *
   * @param response the decoded response (metadata still empty)
   * @param requestId the service's request id, or {@code null}
   * @param latency the attempt's wall time
   * @param attributes provider-specific facts
   */
  record Answer(
      GenerationResponse response,
      String requestId,
      Duration latency,
      Map<String, String> attributes) {}

  /**
   * One streamed attempt's chunks and their decoder.
   *
   * @param chunks the provider's chunks: subscribing sends the call; fails with mapped exceptions
   * @param decoder turns the chunks into events (stateful, this stream only)
   * @param <T> the chunk type (bytes for byte-body APIs, SDK events for typed ones)
   */
  record Stream<T>(Flow.Publisher<T> chunks, ChunkDecoder<T> decoder) {}

  /**
   * Turns one stream's chunks into events; emits exactly one {@code Completed}, at the latest from
   * {@link #finish}.
   *
   * @param <T> the chunk type
   */
  interface ChunkDecoder<T> {
    void decode(T chunk, Consumer<GenerationEvent> sink);

    void finish(Consumer<GenerationEvent> sink);
  }
}
