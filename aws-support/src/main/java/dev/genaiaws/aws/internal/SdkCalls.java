package dev.genaiaws.aws.internal;

import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.internal.StreamCall;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.FlowAdapters;
import software.amazon.awssdk.awscore.eventstream.EventStreamResponseHandler;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Running one SDK call and turning its answer or failure into ours: sync, async, or an event stream
 * bridged into a {@link StreamCall} (every streaming API of the adapters starts through {@link
 * #stream}). Internal.
 */
public final class SdkCalls {
  private SdkCalls() {}

  /** Runs a sync SDK call; its failure is mapped, its answer converted. */
  public static <R, T> T sync(
      Supplier<R> call, Function<R, T> convert, Function<Throwable, GenAiException> errors) {
    R response;
    try {
      response = call.get();
    } catch (RuntimeException e) {
      throw errors.apply(e);
    }
    return convert.apply(response);
  }

  /**
   * Runs an async SDK call. The result fails with the mapped exception (also when the call cannot
   * even be started, or the answer cannot be converted), and cancelling the result aborts the HTTP
   * call.
   */
  public static <R, T> CompletableFuture<T> async(
      Supplier<CompletableFuture<R>> call,
      Function<R, T> convert,
      Function<Throwable, GenAiException> errors) {
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<R> sdk;
    try {
      sdk = call.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(errors.apply(e));
      return result;
    }
    var unused =
        sdk.whenComplete(
            (response, error) -> {
              if (error != null) {
                result.completeExceptionally(errors.apply(error));
                return;
              }
              try {
                result.complete(convert.apply(response));
              } catch (RuntimeException e) {
                result.completeExceptionally(errors.apply(e));
              }
            });
    var unusedCancel =
        result.whenComplete(
            (r, e) -> {
              if (result.isCancelled()) {
                sdk.cancel(true);
              }
            });
    return result;
  }

  /** The bytes of an SDK body or payload without copying (nobody mutates them), empty for none. */
  public static byte[] bytes(@Nullable SdkBytes body) {
    return body == null ? new byte[0] : body.asByteArrayUnsafe();
  }

  /**
   * Starts an SDK event-stream call that feeds {@code downstream}: one {@link StreamCall} receives
   * the SDK's events, the handler reports the response to {@code onResponse} before the first
   * event, and failures go through {@code errors}.
   *
   * @param downstream who receives the payloads
   * @param payload an event's payload, or {@code null} for events to skip
   * @param errors maps failures, knowing whether the response had started
   * @param handler the SDK's response-handler builder for the operation
   * @param onResponse told of the response (request id, attributes) before any event
   * @param launch starts the SDK call with the built handler
   */
  public static <R, E, T, B extends EventStreamResponseHandler.Builder<R, E, B>> void stream(
      Flow.Subscriber<? super T> downstream,
      Function<? super E, ? extends T> payload,
      StreamCall.ErrorMapper errors,
      B handler,
      Consumer<R> onResponse,
      Function<B, CompletableFuture<?>> launch) {
    StreamCall<E, T> call = new StreamCall<>(downstream, payload, errors);
    call.start(
        () ->
            launch.apply(
                handler
                    .onResponse(
                        response -> {
                          onResponse.accept(response);
                          call.responseArrived();
                        })
                    .onError(call::fail)
                    .subscriber(() -> FlowAdapters.toSubscriber(call))));
  }
}
