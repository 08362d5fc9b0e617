package dev.genaiaws.core.internal;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Calls listeners, logging and swallowing what they throw so a listener never fails a call, and writes the
 * one structured DEBUG line per finished call (logger {@value #CALL_LOGGER}; no prompt or output text). While
 * the line is written and while listeners hear of the outcome, the request id is in the MDC under
 * {@value #MDC_REQUEST_ID}. Internal.
 */
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

  /** A new call id, unique in this JVM. */
  public static long nextCallId() {
    return CALL_IDS.incrementAndGet();
  }

  public void onRequest(CallInfo call) {
    each(l -> l.onRequest(call));
  }

  public void onFirstToken(CallInfo call) {
    each(l -> l.onFirstToken(call));
  }

  public void onResponse(CallInfo call, GenerationResponse response) {
    ResponseMetadata md = response.metadata();
    withRequestId(md.requestId(), () -> {
      if (CALLS.isDebugEnabled()) {
        CALLS.debug("call ok provider={} operation={} model={} attempts={} latency_ms={} input_tokens={} "
                + "output_tokens={} stop_reason={} request_id={}", call.provider(), call.operation(),
            call.modelId(), md.attempts(), millis(md.latency()), response.usage().inputTokens(),
            response.usage().outputTokens(), response.stopReason(), md.requestId());
      }
      each(l -> l.onResponse(call, response));
    });
  }

  public void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {
    ResponseMetadata md = response.metadata();
    withRequestId(md.requestId(), () -> {
      if (CALLS.isDebugEnabled()) {
        TokenUsage usage = response.usage();
        CALLS.debug("call ok provider={} operation={} model={} attempts={} latency_ms={} input_tokens={} "
                + "vectors={} request_id={}", call.provider(), call.operation(), call.modelId(), md.attempts(),
            millis(md.latency()), usage.inputTokens(), response.size(), md.requestId());
      }
      each(l -> l.onEmbeddingResponse(call, response));
    });
  }

  public void onError(CallInfo call, GenAiException error) {
    String requestId = error instanceof GenAiServiceException s ? s.requestId() : null;
    withRequestId(requestId, () -> {
      if (CALLS.isDebugEnabled()) {
        CALLS.debug("call failed provider={} operation={} model={} attempts={} error={} retryable={} "
                + "request_id={}", call.provider(), call.operation(), call.modelId(), error.attempts(),
            error.getClass().getSimpleName(), error.retryable(), requestId);
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
