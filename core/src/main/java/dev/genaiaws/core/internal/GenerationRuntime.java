package dev.genaiaws.core.internal;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.CallCancelledException;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The one implementation of a generation call that every adapter shares: resolve the codec, merge
 * the client's defaults, check parameters, encode, send through the adapter's {@link Transport}
 * under the retry policy, decode, fill in metadata and usage, tell listeners, through a {@link
 * Wire}: the byte-body {@link CodecWire} (a family codec over a transport) or an adapter's typed
 * API. Adapters supply only the transport and a codec registry. Internal.
 */
public final class GenerationRuntime {

  /**
   * How a runtime is set up.
   *
   * @param provider e.g. {@code bedrock}
   * @param codecs the registry to resolve model ids with
   * @param familyOverride a family every request of this client uses unless it names one itself, or
   *     null
   * @param defaults the client's default inference config
   * @param unsupportedParameters what to do with parameters a family cannot express
   * @param retryPolicy the one retry layer
   * @param listeners hooks for logging and metrics
   * @param timeout the default total time of one call, retries included, or null for none
   */
  public record Settings(
      String provider,
      CodecRegistry<ModelCodec> codecs,
      ModelFamily familyOverride,
      InferenceConfig defaults,
      UnsupportedParameterPolicy unsupportedParameters,
      RetryPolicy retryPolicy,
      List<GenerationListener> listeners,
      Duration timeout) {
    public Settings {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(codecs, "codecs");
      defaults = defaults == null ? InferenceConfig.empty() : defaults;
      unsupportedParameters =
          unsupportedParameters == null ? UnsupportedParameterPolicy.FAIL : unsupportedParameters;
      retryPolicy = retryPolicy == null ? RetryPolicy.defaults() : retryPolicy;
      listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }
  }

  /** A request made ready to send: checked and encoded by its wire API, with its deadline. */
  private record Prepared(Wire.Call call, long deadlineNanos, Duration timeout) {
    GenerationRequest request() {
      return call.request();
    }
  }

  private final Settings settings;
  private final Wire wire;
  private final UnaryOperator<GenerationRequest> resolveRequest;
  private final RetryExecutor retry;
  private final Listeners listeners;

  /** A runtime over one byte-body transport, with the family codecs of {@code settings}. */
  public GenerationRuntime(Settings settings, Transport transport) {
    this(settings, new CodecWire(settings, transport));
  }

  /** A runtime over a wire API (or a router between several). */
  public GenerationRuntime(Settings settings, Wire wire) {
    this(settings, wire, UnaryOperator.identity());
  }

  /**
   * A runtime over a wire API whose calls ({@link #generate}, {@link #generateAsync}, {@link
   * #publisher}) first pass each request through {@code resolveRequest} (the client's own step,
   * e.g. looking up an ARN's family); its failure is the call's failure (a failed future for {@code
   * generateAsync}).
   */
  public GenerationRuntime(
      Settings settings, Wire wire, UnaryOperator<GenerationRequest> resolveRequest) {
    this.settings = settings;
    this.wire = wire;
    this.resolveRequest = resolveRequest;
    this.retry = new RetryExecutor(settings.provider(), settings.retryPolicy());
    this.listeners = new Listeners(settings.listeners());
  }

  public Settings settings() {
    return settings;
  }

  public RetryExecutor retryExecutor() {
    return retry;
  }

  /** Resolves the codec for a request: its own family option, else the client's, else the id. */
  public CodecRegistry.Resolution<ModelCodec> resolve(GenerationRequest request) {
    ModelFamily family = request.option(ModelFamily.class).orElse(settings.familyOverride());
    return settings.codecs().resolve(request.modelId(), family);
  }

  private Prepared prepare(GenerationRequest request, boolean streaming) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
    Wire.Call call = wire.prepare(resolveRequest.apply(request), streaming);
    Duration timeout = request.timeout() != null ? request.timeout() : settings.timeout();
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    return new Prepared(call, deadline, timeout);
  }

  /**
   * The encoded body a request would be sent with (for tests, debugging and routes with their own
   * size limit, such as asynchronous inference); {@code null} for typed APIs.
   */
  public byte @Nullable [] encode(@Nullable GenerationRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
    return wire.encode(request);
  }

  private Invocation invocation(Prepared p, int attempt) {
    Wire.Call c = p.call();
    return new Invocation(c.request(), c.baseModelId(), c.body(), remaining(p), attempt);
  }

  private @Nullable Duration remaining(Prepared p) {
    if (p.deadlineNanos() == Long.MAX_VALUE) {
      return null;
    }
    long left = p.deadlineNanos() - System.nanoTime();
    return Duration.ofNanos(Math.max(left, 1_000_000L));
  }

  private CallInfo call(String operation, GenerationRequest request, int attempt, long callId) {
    return new CallInfo(
        settings.provider(), operation, request.modelId(), attempt, request, callId);
  }

  public GenerationResponse generate(GenerationRequest request) {
    Prepared p = prepare(request, false);
    long id = Listeners.nextCallId();
    try {
      return retry.execute(
          attempt -> {
            // no call infos, MDC or log guards on the hot path when nothing listens (asked per
            // attempt)
            if (listeners.any()) {
              listeners.onRequest(call("generate", p.request(), attempt, id));
            }
            GenerationResponse response =
                finish(p, p.call().invoke(invocation(p, attempt)), attempt);
            if (listeners.active()) {
              listeners.onResponse(call("generate", p.request(), attempt, id), response);
            }
            return response;
          },
          p.deadlineNanos(),
          (n, e, d) -> listeners.onRetry(call("generate", p.request(), n, id), e, d));
    } catch (GenAiException e) {
      listeners.onError(call("generate", p.request(), e.attempts(), id), e);
      throw e;
    }
  }

  /**
   * Cancelling the returned future cancels the call: the attempt in flight (its HTTP request is
   * aborted), or the back-off before the next attempt, and no further attempt is sent; listeners
   * are told with a {@link CallCancelledException}.
   */
  public CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request) {
    Prepared p;
    try {
      p = prepare(request, false);
    } catch (GenAiException e) {
      return CompletableFuture.failedFuture(e);
    }
    long id = Listeners.nextCallId();
    java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    CompletableFuture<GenerationResponse> f =
        retry.executeAsync(
            attempt -> {
              attempts.set(attempt);
              if (listeners.any()) {
                listeners.onRequest(call("generateAsync", p.request(), attempt, id));
              }
              CompletableFuture<Wire.Answer> sent = p.call().invokeAsync(invocation(p, attempt));
              CompletableFuture<GenerationResponse> decoded =
                  sent.thenApply(answer -> finish(p, answer, attempt));
              var unused =
                  decoded.whenComplete(
                      (r, e) -> {
                        if (decoded.isCancelled()) {
                          sent.cancel(true);
                        }
                      });
              return decoded;
            },
            p.deadlineNanos(),
            (n, e, d) -> listeners.onRetry(call("generateAsync", p.request(), n, id), e, d));
    // The caller's future is our own, not a dependent stage: its cancel must reach f (and so the
    // transport).
    CompletableFuture<GenerationResponse> result = new CompletableFuture<>();
    AtomicBoolean told = new AtomicBoolean();
    var unused =
        f.whenComplete(
            (response, error) -> {
              if (response != null) {
                if (told.compareAndSet(false, true) && listeners.active()) {
                  listeners.onResponse(
                      call("generateAsync", p.request(), response.metadata().attempts(), id),
                      response);
                }
                result.complete(response);
              } else {
                Throwable cause =
                    error instanceof java.util.concurrent.CompletionException
                            && error.getCause() != null
                        ? error.getCause()
                        : error;
                if (cause instanceof GenAiException g && told.compareAndSet(false, true)) {
                  listeners.onError(call("generateAsync", p.request(), g.attempts(), id), g);
                }
                result.completeExceptionally(cause);
              }
            });
    var unusedCancel =
        result.whenComplete(
            (r, e) -> {
              if (result.isCancelled()) {
                f.cancel(true);
                if (told.compareAndSet(false, true)) {
                  int n = attempts.get();
                  CallCancelledException cancelled =
                      new CallCancelledException("the call was cancelled by the caller");
                  listeners.onError(
                      call("generateAsync", p.request(), n, id),
                      n >= 1 ? cancelled.withAttempts(n) : cancelled);
                }
              }
            });
    return result;
  }

  private GenerationResponse finish(Prepared p, Wire.Answer answer, int attempt) {
    ResponseMetadata md =
        new ResponseMetadata(
            answer.requestId(),
            p.request().modelId(),
            answer.latency(),
            attempt,
            answer.attributes());
    return answer.response().withMetadata(md);
  }

  /**
   * A publisher that sends the request once per subscription. Bad input fails here, before anything
   * is sent; transport failures before the first event are retried.
   *
   * <p>The contract of a stream, the same for every family and provider: {@code Completed} is
   * emitted only when the stream ended cleanly, as its last event; an error that arrives after the
   * model's last chunk (an in-stream exception frame, a broken connection) fails the stream
   * instead, and no {@code Completed} is seen. Each subscription ends for the listeners with
   * exactly one of {@code onResponse} (clean end), {@code onError} (failure, or {@link
   * CallCancelledException} when the subscriber cancelled first).
   */
  public Flow.Publisher<GenerationEvent> publisher(GenerationRequest request) {
    Prepared p = prepare(request, true);
    return subscriber -> {
      RetryExecutor.Decisions call = retry.newCall();
      AtomicBoolean told = new AtomicBoolean();
      long id = Listeners.nextCallId();
      RetryingPublisher<GenerationEvent> publisher =
          new RetryingPublisher<>(
              attempt -> attempt(p, attempt, told, id),
              (attempt, error) -> {
                Optional<Duration> wait = call.retryAfter(error, p.deadlineNanos());
                wait.ifPresent(
                    d -> listeners.onRetry(call("stream", p.request(), attempt, id), error, d));
                return wait;
              },
              settings.retryPolicy().sleeper(),
              (error, attempt) -> {
                if (error instanceof GenAiException g && told.compareAndSet(false, true)) {
                  listeners.onError(call("stream", p.request(), attempt, id), g);
                }
              });
      publisher.subscribe(subscriber);
    };
  }

  private Flow.Publisher<GenerationEvent> attempt(
      Prepared p, int attempt, AtomicBoolean told, long id) {
    if (listeners.any()) {
      listeners.onRequest(call("stream", p.request(), attempt, id));
    }
    Invocation inv = invocation(p, attempt);
    return decode(p, attempt, told, id, inv, p.call().stream(inv));
  }

  private <T> Flow.Publisher<GenerationEvent> decode(
      Prepared p, int attempt, AtomicBoolean told, long id, Invocation inv, Wire.Stream<T> stream) {
    Wire.ChunkDecoder<T> decoder = stream.decoder();
    // The decoder's Completed is held back until the stream ends cleanly (see publisher()).
    java.util.concurrent.atomic.AtomicReference<GenerationEvent.Completed> held =
        new java.util.concurrent.atomic.AtomicReference<>();
    EventBridge<GenerationEvent>[] holder = newBridge(1);
    AtomicBoolean started = new AtomicBoolean();
    Consumer<GenerationEvent> sink =
        event -> {
          if (held.get() != null) {
            return; // nothing after the model said it was done
          }
          if (event instanceof GenerationEvent.Completed c) {
            held.set(c);
          } else {
            if (!started.get() && started.compareAndSet(false, true) && listeners.any()) {
              listeners.onFirstToken(call("stream", p.request(), attempt, id));
            }
            holder[0].emit(event);
          }
        };
    Function<Throwable, GenAiException> mapError = wire::mapError;
    holder[0] =
        new EventBridge<>(
            () ->
                stream
                    .chunks()
                    .subscribe(
                        new Flow.Subscriber<T>() {
                          private volatile Flow.@Nullable Subscription upstream;

                          @Override
                          public void onSubscribe(Flow.Subscription s) {
                            upstream = s;
                            holder[0].attach(
                                new EventBridge.Upstream() {
                                  @Override
                                  public void request(long n) {
                                    s.request(n);
                                  }

                                  @Override
                                  public void cancel() {
                                    s.cancel();
                                  }
                                });
                          }

                          @Override
                          public void onNext(T chunk) {
                            try {
                              decoder.decode(chunk, sink);
                            } catch (RuntimeException e) {
                              // A failure on this side: free the connection now, not when the
                              // reader closes or times out.
                              Flow.Subscription s = upstream;
                              if (s != null) {
                                s.cancel();
                              }
                              holder[0].fail(decodeError(p, e));
                              return;
                            }
                            holder[0].itemDone();
                          }

                          @Override
                          public void onError(Throwable t) {
                            holder[0].fail(mapError.apply(t));
                          }

                          @Override
                          public void onComplete() {
                            GenerationEvent.Completed done;
                            try {
                              decoder.finish(sink);
                              GenerationEvent.Completed c = held.get();
                              if (c == null) {
                                c =
                                    new GenerationEvent.Completed(
                                        dev.genaiaws.core.StopReason.OTHER,
                                        null,
                                        dev.genaiaws.core.TokenUsage.none(),
                                        ResponseMetadata.empty());
                              }
                              ResponseMetadata md =
                                  new ResponseMetadata(
                                      inv.requestId(),
                                      p.request().modelId(),
                                      inv.elapsed(),
                                      attempt,
                                      inv.attributes());
                              done = c.withMetadata(md);
                            } catch (RuntimeException e) {
                              holder[0].fail(decodeError(p, e));
                              return;
                            }
                            if (told.compareAndSet(false, true) && listeners.active()) {
                              listeners.onResponse(
                                  call("stream", p.request(), attempt, id), done.toResponse());
                            }
                            holder[0].emit(done);
                            holder[0].complete();
                          }
                        }));
    return holder[0];
  }

  /**
   * A decoder failure: the decoder's own exception, or a {@link CodecException} naming the model.
   */
  private static GenAiException decodeError(Prepared p, RuntimeException e) {
    if (e instanceof GenAiException g) {
      return g;
    }
    return new CodecException(
        "could not read a stream chunk of "
            + p.request().modelId()
            + ": "
            + e.getClass().getSimpleName(),
        e);
  }

  @SuppressWarnings("unchecked")
  private static EventBridge<GenerationEvent>[] newBridge(int n) {
    return (EventBridge<GenerationEvent>[]) new EventBridge<?>[n];
  }

  public void close() {
    wire.close();
  }
}
