package dev.genaiaws.core.internal;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Calls listeners, logging and swallowing what they throw so a listener never fails a call, and
 * writes the one structured DEBUG line per finished call (logger {@value #CALL_LOGGER}; no prompt
 * or output text). While the line is written and while listeners hear of the outcome, the request
 * id is in the MDC under {@value #MDC_REQUEST_ID}. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class Listeners {
  /** The logger of the per-call line. */
  public static final String CALL_LOGGER = "dev.genaiaws.calls";

  /** The MDC key holding the service's request id while a call's outcome is logged and reported. */
  public static final String MDC_REQUEST_ID = "genai.request_id";

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private static final Logger CALLS = LoggerFactory.getLogger(CALL_LOGGER);
  private static final AtomicLong CALL_IDS = new AtomicLong();

  private final List<GenerationListener> listeners;

  public Listeners(List<GenerationListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Whether anything hears of calls: a listener, or the per-call DEBUG line. When not, the runtime
   * skips the per-call reporting work (call infos, MDC) on its hot path; asked per call, so
   * enabling DEBUG at run time takes effect on the next call.
   */
  public boolean active() {
    return !listeners.isEmpty() || CALLS.isDebugEnabled();
  }

  /** Whether any listener is registered (listener-only events such as onRequest and onRetry). */
  public boolean any() {
    return !listeners.isEmpty();
  }

  /** A new call id, unique in this JVM. */
  public static long nextCallId() {
    return CALL_IDS.incrementAndGet();
  }

  /**
   * Runs a synchronous call under {@code retries} and reports it: {@code onRequest} before each
   * attempt, {@code onRetry} before each wait, then exactly one of {@code onResponse} (with what
   * {@code report} makes of the result, its metadata given the attempt count) or {@code onError}.
   * For clients whose calls are not model generations (knowledge-base queries, job submissions) but
   * should still be traced and measured. No retry is started whose wait would end after {@code
   * deadlineNanos} ({@link System#nanoTime()} based; {@link Long#MAX_VALUE} for none).
   */
  public <T> T observe(
      CallInfo call,
      RetryExecutor retries,
      long deadlineNanos,
      java.util.function.IntFunction<T> attempt,
      java.util.function.Function<? super T, GenerationResponse> report,
      RetryExecutor.RetryObserver observer) {
    int[] last = {1};
    T result;
    try {
      result =
          retries.execute(
              n -> {
                last[0] = n;
                onRequest(call.withAttempt(n));
                return attempt.apply(n);
              },
              deadlineNanos,
              (n, e, wait) -> {
                onRetry(call.withAttempt(n), e, wait);
                observer.beforeRetry(n, e, wait);
              });
    } catch (GenAiException e) {
      onError(call.withAttempt(e.attempts() > 0 ? e.attempts() : last[0]), e);
      throw e;
    }
    GenerationResponse response = report.apply(result);
    onResponse(
        call.withAttempt(last[0]),
        response.withMetadata(response.metadata().withAttempts(last[0])));
    return result;
  }

  /**
   * Runs a call of one attempt (its own client retries, if any, are below us) and reports it:
   * {@code onRequest}, then exactly one of {@code onResponse} (with what {@code report} makes of
   * the result) or {@code onError}. A failure that is not a {@link GenAiException} is reported as a
   * {@link GenAiClientException} and rethrown as it is.
   */
  public <T> T observeOnce(
      CallInfo call,
      java.util.function.Supplier<T> work,
      java.util.function.Function<? super T, GenerationResponse> report) {
    onRequest(call);
    T result;
    try {
      result = work.get();
    } catch (GenAiException e) {
      onError(call, e);
      throw e;
    } catch (RuntimeException e) {
      onError(
          call,
          new GenAiClientException(
              call.operation() + " failed: " + e.getClass().getSimpleName(), e, false));
      throw e;
    }
    onResponse(call, report.apply(result));
    return result;
  }

  public void onRequest(CallInfo call) {
    each(l -> l.onRequest(call));
  }

  public void onFirstToken(CallInfo call) {
    each(l -> l.onFirstToken(call));
  }

  public void onResponse(CallInfo call, GenerationResponse response) {
    ResponseMetadata md = response.metadata();
    withRequestId(
        md.requestId(),
        () -> {
          if (CALLS.isDebugEnabled()) {
            CALLS.debug(
                "call ok provider={} operation={} model={} attempts={} latency_ms={} input_tokens={} "
                    + "output_tokens={} stop_reason={} request_id={}",
                call.provider(),
                call.operation(),
                call.modelId(),
                md.attempts(),
                millis(md.latency()),
                response.usage().inputTokens(),
                response.usage().outputTokens(),
                response.stopReason(),
                md.requestId());
          }
          each(l -> l.onResponse(call, response));
        });
  }

  public void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {
    ResponseMetadata md = response.metadata();
    withRequestId(
        md.requestId(),
        () -> {
          if (CALLS.isDebugEnabled()) {
            TokenUsage usage = response.usage();
            CALLS.debug(
                "call ok provider={} operation={} model={} attempts={} latency_ms={} input_tokens={} "
                    + "vectors={} request_id={}",
                call.provider(),
                call.operation(),
                call.modelId(),
                md.attempts(),
                millis(md.latency()),
                usage.inputTokens(),
                response.size(),
                md.requestId());
          }
          each(l -> l.onEmbeddingResponse(call, response));
        });
  }

  public void onError(CallInfo call, GenAiException error) {
    String requestId = error instanceof GenAiServiceException s ? s.requestId() : null;
    withRequestId(
        requestId,
        () -> {
          if (CALLS.isDebugEnabled()) {
            CALLS.debug(
                "call failed provider={} operation={} model={} attempts={} error={} retryable={} "
                    + "request_id={}",
                call.provider(),
                call.operation(),
                call.modelId(),
                error.attempts(),
                error.getClass().getSimpleName(),
                error.retryable(),
                requestId);
          }
          each(l -> l.onError(call, error));
        });
  }

  public void onRetry(CallInfo call, GenAiException error, Duration delay) {
    each(l -> l.onRetry(call, error, delay));
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }

  private static void withRequestId(String requestId, Runnable action) {
    if (requestId == null) {
      action.run();
      return;
    }
    String previous = MDC.get(MDC_REQUEST_ID);
    MDC.put(MDC_REQUEST_ID, requestId);
    try {
      action.run();
    } finally {
      if (previous == null) {
        MDC.remove(MDC_REQUEST_ID);
      } else {
        MDC.put(MDC_REQUEST_ID, previous);
      }
    }
  }

  private void each(Consumer<GenerationListener> action) {
    for (GenerationListener l : listeners) {
      try {
        action.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("listener {} threw {}; ignored", l.getClass().getName(), e.toString());
      }
    }
  }
}
