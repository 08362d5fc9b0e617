package dev.genaiaws.core.resilience;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.Sleeper;
import dev.genaiaws.core.exception.CallCancelledException;
import dev.genaiaws.core.exception.CallTimeoutException;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.QuotaExceededException;
import dev.genaiaws.core.internal.Listeners;
import dev.genaiaws.core.internal.RetryingPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GenerationClient} over other clients that adds what one client cannot do alone: a
 * <b>total time-out</b> that bounds a call in all (every attempt, back-off and fallback, and a
 * stream's whole delivery, not only its first byte), and <b>fallbacks</b>: an ordered list of
 * {@link FallbackTarget}s (another model, another region's client) tried when the one before failed
 * with a throttling / unavailable class of error after its own retries.
 *
 * <pre>{@code
 * import dev.genaiaws.core.resilience.FallbackTarget;
 * import dev.genaiaws.core.resilience.ResilientGenerationClient;
 *
 * GenerationClient client = ResilientGenerationClient.builder()
 *     .target(FallbackTarget.of("us-east-1", eastClient))
 *     .target(FallbackTarget.of("us-west-2", westClient))
 *     .target(FallbackTarget.of("haiku", eastClient, "anthropic.claude-3-haiku-20240307-v1:0"))
 *     .totalTimeout(Duration.ofSeconds(30))
 *     .build();
 * GenerationResponse r = client.generate(request);
 * r.metadata().attribute(ResilientGenerationClient.TARGET_ATTRIBUTE); // "us-west-2" if the east was throttled
 * }</pre>
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Each target's client retries under its own {@code RetryPolicy} first; the next target is
 *       tried only when that failure is one {@link Builder#fallbackOn fallbackOn} accepts (default:
 *       retryable errors such as throttling, 5xx, models not ready, broken connections, and quota
 *       exceeded), while time is left. A cancel, a time-out of this client or a bad request never
 *       falls back.
 *   <li>A stream falls back only before its first event: text already delivered is never replayed,
 *       by the same target or another.
 *   <li>When the total time-out passes, the call fails with {@link CallTimeoutException}, whatever
 *       it was doing: waiting for an answer, backing off, or in the middle of a stream (which then
 *       ends with that error after the text it delivered; a stream whose {@code Completed} was
 *       delivered is not touched). Each target's call is also sent with the time left as its
 *       request {@code timeout}, so its retries stop in time. A request's own {@code timeout}
 *       replaces the total time-out for that call.
 *   <li>The answer's {@link ResponseMetadata#modelId()} is the model id that answered and its
 *       attribute {@value #TARGET_ATTRIBUTE} the name of the target (also on a stream's {@code
 *       Completed}).
 *   <li>The listeners given here see one call: {@code onRequest} before each target is tried
 *       (attempt = target number, provider = the target's name, model id = what that target is
 *       asked), {@code onRetry} with a zero delay before a fallback, then exactly one of {@code
 *       onResponse} / {@code onError}. Listeners of the targets' own clients keep seeing each HTTP
 *       attempt.
 *   <li>Waiting (the time-out's timer) goes through the {@link Sleeper}, the time left is read from
 *       the {@link InstantSource}: tests inject both and never sleep.
 * </ul>
 *
 * <p>{@link #close()} does not close the targets' clients: they were passed in; close them
 * yourself.
 */
public final class ResilientGenerationClient implements GenerationClient {
  /** The {@link ResponseMetadata} attribute naming the {@link FallbackTarget} that answered. */
  public static final String TARGET_ATTRIBUTE = "genai.fallback.target";

  private static final Sleeper NO_WAIT =
      new Sleeper() {
        @Override
        public void sleep(Duration duration) {}

        @Override
        public CompletableFuture<Void> delay(Duration duration) {
          return CompletableFuture.completedFuture(null);
        }
      };

  private final List<FallbackTarget> targets;
  private final @Nullable Duration totalTimeout;
  private final Predicate<GenAiException> fallbackOn;
  private final Sleeper sleeper;
  private final InstantSource clock;
  private final Listeners listeners;

  private ResilientGenerationClient(Builder b) {
    if (b.targets.isEmpty()) {
      throw new InvalidRequestException(
          "a ResilientGenerationClient needs at least one target: add the primary"
              + " client with target(FallbackTarget.of(name, client)), then its fallbacks in order");
    }
    Set<String> names = new HashSet<>();
    for (FallbackTarget t : b.targets) {
      if (!names.add(t.name())) {
        throw new InvalidRequestException(
            "two fallback targets are named '"
                + t.name()
                + "': give each its own"
                + " name (listeners and ResponseMetadata tell them apart by it)");
      }
    }
    if (b.totalTimeout != null && (b.totalTimeout.isNegative() || b.totalTimeout.isZero())) {
      throw new InvalidRequestException(
          "totalTimeout must be positive but was "
              + b.totalTimeout
              + ": pass null for no total time-out");
    }
    if (b.fallbackOn == null || b.sleeper == null || b.clock == null) {
      throw new InvalidRequestException("fallbackOn, sleeper and clock must not be null");
    }
    this.targets = List.copyOf(b.targets);
    this.totalTimeout = b.totalTimeout;
    this.fallbackOn = b.fallbackOn;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.listeners = new Listeners(b.listeners);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default of {@link Builder#fallbackOn}: retryable errors, and quota exceeded (quotas are per
   * region).
   */
  public static boolean unavailable(GenAiException error) {
    return error.retryable() || error instanceof QuotaExceededException;
  }

  /** The targets, primary first. */
  public List<FallbackTarget> targets() {
    return targets;
  }

  /** The total time-out of one call, or {@code null} for none. */
  public @Nullable Duration totalTimeout() {
    return totalTimeout;
  }

  @Override
  public GenerationResponse generate(GenerationRequest request) {
    CompletableFuture<GenerationResponse> f = start(request, "generate");
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new GenAiClientException(
          "interrupted while waiting for the answer; the call was cancelled", e, false);
    } catch (ExecutionException e) {
      throw asGenAi(e.getCause() == null ? e : e.getCause());
    } catch (CancellationException e) {
      throw new CallCancelledException("the call was cancelled");
    }
  }

  @Override
  public CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request) {
    try {
      return start(request, "generateAsync");
    } catch (GenAiException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public Flow.Publisher<GenerationEvent> publisher(GenerationRequest request) {
    checkNotNull(request);
    // Bad input fails here, as with any client: the primary checks it (nothing is sent before a
    // subscriber).
    targets.get(0).client().publisher(forTarget(request, targets.get(0), budget(request)));
    return subscriber -> {
      Call call = new Call(request, "stream");
      RetryingPublisher<GenerationEvent> chain =
          new RetryingPublisher<>(
              n -> {
                FallbackTarget t = targets.get(n - 1);
                call.current = n - 1;
                listeners.onRequest(call.info(n - 1));
                return t.client().publisher(forTarget(request, t, call.remaining()));
              },
              (n, error) -> {
                if (!call.fallsBack(n - 1, error)) {
                  return Optional.empty();
                }
                listeners.onRetry(call.info(n - 1), error, Duration.ZERO);
                return Optional.of(Duration.ZERO);
              },
              NO_WAIT,
              (error, n) -> {
                if (error instanceof GenAiException g) {
                  call.reportError(Math.max(n, 1) - 1, g);
                }
              });
      new BoundedStream(call, subscriber).start(chain);
    };
  }

  /** Does not close the targets' clients (they were passed in). */
  @Override
  public void close() {}

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    targets.forEach(t -> names.add(t.name()));
    return "ResilientGenerationClient[targets=" + names + ", totalTimeout=" + totalTimeout + "]";
  }

  // ---- the call ----

  private static void checkNotNull(GenerationRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
  }

  private @Nullable Duration budget(GenerationRequest request) {
    return request.timeout() != null ? request.timeout() : totalTimeout;
  }

  private static GenerationRequest forTarget(
      GenerationRequest request, FallbackTarget target, @Nullable Duration timeLeft) {
    if (target.modelId() == null && timeLeft == null) {
      return request;
    }
    GenerationRequest.Builder b = request.toBuilder().modelId(target.modelIdFor(request.modelId()));
    if (timeLeft != null) {
      b.timeout(timeLeft);
    }
    return b.build();
  }

  private CompletableFuture<GenerationResponse> start(GenerationRequest request, String operation) {
    checkNotNull(request);
    Call call = new Call(request, operation);
    CompletableFuture<GenerationResponse> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    CompletableFuture<Void> timer =
        call.timer(
            () -> {
              CallTimeoutException e = call.timeoutError();
              if (call.reportError(call.current, e)) {
                result.completeExceptionally(e);
                cancel(inFlight);
              }
            });
    var unused =
        result.whenComplete(
            (r, e) -> {
              timer.cancel(false);
              if (result.isCancelled()) {
                cancel(inFlight);
                call.reportError(
                    call.current,
                    new CallCancelledException("the call was cancelled by the caller"));
              }
            });
    attempt(call, 0, result, inFlight);
    return result;
  }

  private static void cancel(AtomicReference<CompletableFuture<?>> inFlight) {
    CompletableFuture<?> f = inFlight.getAndSet(null);
    if (f != null) {
      f.cancel(true);
    }
  }

  private void attempt(
      Call call,
      int index,
      CompletableFuture<GenerationResponse> result,
      AtomicReference<CompletableFuture<?>> inFlight) {
    if (result.isDone()) {
      return;
    }
    FallbackTarget target = targets.get(index);
    call.current = index;
    listeners.onRequest(call.info(index));
    CompletableFuture<GenerationResponse> f;
    try {
      f = target.client().generateAsync(forTarget(call.request, target, call.remaining()));
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    inFlight.set(f);
    if (result.isDone()) {
      f.cancel(true);
      return;
    }
    var unused =
        f.whenComplete(
            (response, error) -> {
              if (result.isDone()) {
                return;
              }
              if (error == null) {
                GenerationResponse answered =
                    response.withMetadata(call.tag(response.metadata(), index));
                if (call.reportResponse(
                    index, answered)) { // listeners first, as for every client's calls
                  result.complete(answered);
                }
                return;
              }
              GenAiException g = asGenAi(error);
              if (call.fallsBack(index, g)) {
                listeners.onRetry(call.info(index), g, Duration.ZERO);
                attempt(call, index + 1, result, inFlight);
              } else if (call.reportError(index, g)) {
                result.completeExceptionally(g);
              }
            });
  }

  private static GenAiException asGenAi(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof GenAiException g) {
      return g;
    }
    if (t instanceof CancellationException) {
      return new CallCancelledException("the call was cancelled");
    }
    return new GenAiClientException(
        "a fallback target failed outside the SDK's exceptions: " + t.getClass().getName(),
        t,
        false);
  }

  /**
   * One logical call: its budget, the target being tried, and the one outcome its listeners hear.
   */
  private final class Call {
    final GenerationRequest request;
    final String operation;
    final long id = Listeners.nextCallId();
    final Instant start = clock.instant();
    final @Nullable Duration budget;
    final AtomicBoolean told = new AtomicBoolean();
    volatile boolean expired;
    volatile int current;

    Call(GenerationRequest request, String operation) {
      this.request = request;
      this.operation = operation;
      this.budget = budget(request);
    }

    CallInfo info(int index) {
      FallbackTarget t = targets.get(index);
      return new CallInfo(
          t.name(), operation, t.modelIdFor(request.modelId()), index + 1, request, id);
    }

    /** The time left (at least 1 ms), or {@code null} without a budget. */
    @Nullable Duration remaining() {
      if (budget == null) {
        return null;
      }
      Duration left = budget.minus(Duration.between(start, clock.instant()));
      return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    boolean timeLeft() {
      return budget == null
          || (!expired && Duration.between(start, clock.instant()).compareTo(budget) < 0);
    }

    boolean fallsBack(int index, GenAiException error) {
      return index + 1 < targets.size()
          && timeLeft()
          && !(error instanceof CallCancelledException)
          && !(error instanceof CallTimeoutException)
          && !(error instanceof InvalidRequestException)
          && fallbackOn.test(error);
    }

    /**
     * Starts the budget's timer (a future that never ends without a budget); {@code onExpiry} runs
     * once.
     */
    CompletableFuture<Void> timer(Runnable onExpiry) {
      Duration left = remaining();
      if (left == null) {
        return new CompletableFuture<>();
      }
      CompletableFuture<Void> t = sleeper.delay(left);
      var unused =
          t.whenComplete(
              (v, e) -> {
                if (e == null) {
                  expired = true;
                  onExpiry.run();
                }
              });
      return t;
    }

    CallTimeoutException timeoutError() {
      return new CallTimeoutException(
          "the call took longer than its total time-out of "
              + budget
              + " (attempts, back-off, fallbacks and a stream's delivery included) and was abandoned: raise the"
              + " total time-out (or the request's timeout), lower maxTokens, or add a faster fallback",
          budget,
          null);
    }

    ResponseMetadata tag(ResponseMetadata md, int index) {
      ResponseMetadata m = md == null ? ResponseMetadata.empty() : md;
      Map<String, String> attributes = new LinkedHashMap<>(m.attributes());
      attributes.put(TARGET_ATTRIBUTE, targets.get(index).name());
      String model =
          m.modelId() != null ? m.modelId() : targets.get(index).modelIdFor(request.modelId());
      return new ResponseMetadata(m.requestId(), model, m.latency(), m.attempts(), attributes);
    }

    /**
     * Tells the listeners of the success unless the call has had its outcome; says whether it told
     * them.
     */
    boolean reportResponse(int index, GenerationResponse response) {
      if (!told.compareAndSet(false, true)) {
        return false;
      }
      listeners.onResponse(info(index), response);
      return true;
    }

    /**
     * Tells the listeners of the failure unless the call has had its outcome; says whether it told
     * them.
     */
    boolean reportError(int index, GenAiException error) {
      if (!told.compareAndSet(false, true)) {
        return false;
      }
      listeners.onError(info(index), error);
      return true;
    }
  }

  /**
   * The stream a subscriber sees: the fallback chain's events, the answering target named on {@code
   * Completed}, and the total time-out, which ends the stream with a {@link CallTimeoutException}
   * unless {@code Completed} was delivered first. Signals to the subscriber are serialised.
   */
  private final class BoundedStream implements Flow.Subscriber<GenerationEvent>, Flow.Subscription {
    private final Call call;
    private final Flow.Subscriber<? super GenerationEvent> downstream;
    private final Object signals = new Object();
    private volatile Flow.@Nullable Subscription upstream;
    private volatile @Nullable CompletableFuture<Void> timer;
    private boolean terminated;
    private boolean completedDelivered;
    private boolean firstToken;

    BoundedStream(Call call, Flow.Subscriber<? super GenerationEvent> downstream) {
      this.call = call;
      this.downstream = downstream;
    }

    void start(Flow.Publisher<GenerationEvent> chain) {
      chain.subscribe(
          this); // gives the subscriber its subscription before any timer can end the stream
      CompletableFuture<Void> t = call.timer(this::expire);
      timer = t;
      synchronized (signals) {
        if (terminated || completedDelivered) {
          t.cancel(false); // ended already: keep no timer (it would hold the stream until it fires)
        }
      }
    }

    private void expire() {
      CallTimeoutException e = call.timeoutError();
      synchronized (signals) {
        if (terminated || completedDelivered) {
          return;
        }
        terminated = true;
        call.reportError(call.current, e);
      }
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
      synchronized (signals) {
        downstream.onError(e);
      }
    }

    private void stopTimer() {
      CompletableFuture<Void> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      upstream = s;
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(GenerationEvent event) {
      synchronized (signals) {
        if (terminated || completedDelivered) {
          return;
        }
        int index = Math.max(call.current, 0);
        if (event instanceof GenerationEvent.Completed c) {
          GenerationEvent.Completed tagged = c.withMetadata(call.tag(c.metadata(), index));
          completedDelivered = true;
          stopTimer();
          call.reportResponse(index, tagged.toResponse());
          downstream.onNext(tagged);
          return;
        }
        if (!firstToken) {
          firstToken = true;
          listeners.onFirstToken(call.info(index));
        }
        downstream.onNext(event);
      }
    }

    @Override
    public void onError(Throwable t) {
      synchronized (signals) {
        if (terminated) {
          return;
        }
        terminated = true;
        stopTimer();
        downstream.onError(t);
      }
    }

    @Override
    public void onComplete() {
      synchronized (signals) {
        if (terminated) {
          return;
        }
        terminated = true;
        stopTimer();
        downstream.onComplete();
      }
    }

    @Override
    public void request(long n) {
      Flow.Subscription s = upstream;
      if (s != null) {
        s.request(n);
      }
    }

    @Override
    public void cancel() {
      synchronized (signals) {
        terminated = true;
      }
      stopTimer();
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
    }
  }

  /** Builder for {@link ResilientGenerationClient}. */
  public static final class Builder {
    private final List<FallbackTarget> targets = new ArrayList<>();
    private final List<GenerationListener> listeners = new ArrayList<>();
    private @Nullable Duration totalTimeout;
    private Predicate<GenAiException> fallbackOn = ResilientGenerationClient::unavailable;
    private Sleeper sleeper = Sleeper.system();
    private InstantSource clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a target; the first added is the primary, the others are tried in the order added. */
    public Builder target(FallbackTarget target) {
      if (target == null) {
        throw new InvalidRequestException("target must not be null");
      }
      targets.add(target);
      return this;
    }

    /** Adds several targets in order. */
    public Builder targets(List<FallbackTarget> targets) {
      targets.forEach(this::target);
      return this;
    }

    /**
     * The time one call may take in all: every target, attempt and back-off, and a stream's whole
     * delivery. {@code null} (the default) for none: then each target's own time-outs apply.
     */
    public Builder totalTimeout(Duration totalTimeout) {
      this.totalTimeout = totalTimeout;
      return this;
    }

    /**
     * Which failures (after the target's own retries) move on to the next target; default {@link
     * ResilientGenerationClient#unavailable}. Cancels, this client's time-outs and invalid requests
     * never do.
     */
    public Builder fallbackOn(Predicate<GenAiException> fallbackOn) {
      this.fallbackOn = fallbackOn;
      return this;
    }

    /** Told of each call as one: see the class description. */
    public Builder listener(GenerationListener listener) {
      if (listener == null) {
        throw new InvalidRequestException("listener must not be null");
      }
      listeners.add(listener);
      return this;
    }

    /**
     * Runs the total time-out's timer ({@link Sleeper#delay}); tests pass one they complete by
     * hand.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Where the time left is read from (for each target's request time-out); tests pass a fixed
     * one.
     */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public ResilientGenerationClient build() {
      return new ResilientGenerationClient(this);
    }
  }
}
