package dev.genaiaws.micrometer;

import static dev.genaiaws.core.telemetry.GenAiConventions.*;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;

/**
 * Micrometer observations of every call of a genai-aws client, for Spring Boot and any other
 * Micrometer user: one {@link Observation} per call (named by {@link
 * DefaultGenAiObservationConvention}, so with the default handlers a timer {@code
 * gen_ai.client.operation} and, with tracing bridged, a span), retries and the first streamed chunk
 * as observation events, and, when given a {@link MeterRegistry}, the token counts as the
 * distribution summary {@code gen_ai.client.token.usage} and time to first chunk as the timer
 * {@code gen_ai.client.operation.time_to_first_chunk}.
 *
 * <pre>{@code
 * import dev.genaiaws.bedrock.BedrockGenerationClient;
 * import dev.genaiaws.micrometer.GenAiObservationListener;
 *
 * var observed = GenAiObservationListener.builder(observationRegistry).meterRegistry(meterRegistry).build();
 * var client = BedrockGenerationClient.builder().listener(observed).build();
 * }</pre>
 *
 * <p>The observation starts when the call's first attempt is sent, on the calling thread, so it
 * nests under the observation current there. Thread-safe; one instance may serve many clients.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class GenAiObservationListener implements GenerationListener {
  private static final DefaultGenAiObservationConvention DEFAULT =
      new DefaultGenAiObservationConvention();

  private final ObservationRegistry registry;
  private final GenAiObservationConvention convention;
  private final MeterRegistry meters;
  private final Map<Long, Observation> open = new ConcurrentHashMap<>();

  private GenAiObservationListener(Builder b) {
    this.registry = b.registry;
    this.convention = b.convention;
    this.meters = b.meters;
  }

  /** A builder over the given observation registry. */
  public static Builder builder(ObservationRegistry registry) {
    return new Builder(registry);
  }

  @Override
  public void onRequest(CallInfo call) {
    if (call.attempt() > 1) {
      Observation o = open.get(call.callId());
      if (o != null) {
        ((GenAiObservationContext) o.getContext()).attempts(call.attempt());
      }
      return;
    }
    Observation o =
        Observation.createNotStarted(
            convention, DEFAULT, () -> new GenAiObservationContext(call), registry);
    o.start();
    open.put(call.callId(), o);
  }

  @Override
  public void onRetry(CallInfo call, GenAiException error, Duration delay) {
    Observation o = open.get(call.callId());
    if (o != null) {
      o.event(Observation.Event.of("gen_ai.client.retry", "retry after " + errorType(error)));
    }
  }

  @Override
  public void onFirstToken(CallInfo call) {
    Observation o = open.get(call.callId());
    if (o == null) {
      return;
    }
    o.event(Observation.Event.of("gen_ai.first_chunk"));
    if (meters != null) {
      Timer.builder(METRIC_TIME_TO_FIRST_CHUNK)
          .description("Time to receive the first chunk of a streamed answer.")
          .tag(OPERATION_NAME, operationName(call))
          .tag(PROVIDER_NAME, providerName(call))
          .tag(REQUEST_MODEL, call.modelId())
          .register(meters)
          .record(System.nanoTime() - startNanos(o), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onResponse(CallInfo call, GenerationResponse response) {
    ResponseMetadata md = response.metadata();
    finish(call, response.usage(), md, response, true);
  }

  @Override
  public void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {
    finish(call, response.usage(), response.metadata(), null, false);
  }

  @Override
  public void onError(CallInfo call, GenAiException error) {
    Observation o = open.remove(call.callId());
    if (o != null) {
      ((GenAiObservationContext) o.getContext()).attempts(Math.max(1, error.attempts()));
      o.error(error);
      o.stop();
    }
  }

  private void finish(
      CallInfo call,
      TokenUsage usage,
      ResponseMetadata md,
      GenerationResponse response,
      boolean output) {
    Observation o = open.remove(call.callId());
    if (o == null) {
      return;
    }
    GenAiObservationContext ctx = (GenAiObservationContext) o.getContext();
    String model = md.modelId() != null ? md.modelId() : call.modelId();
    ctx.succeeded(
        usage,
        response == null ? null : response.stopReason(),
        response == null ? null : response.rawStopReason(),
        md.requestId(),
        model,
        md.attempts());
    if (meters != null && !usage.isEmpty()) {
      tokens(call, model, TOKEN_TYPE_INPUT).record(usage.totalInputTokens());
      if (output) {
        tokens(call, model, TOKEN_TYPE_OUTPUT).record(usage.outputTokens());
      }
    }
    o.stop();
  }

  private DistributionSummary tokens(CallInfo call, String responseModel, String type) {
    return DistributionSummary.builder(METRIC_TOKEN_USAGE)
        .baseUnit("{token}")
        .description("Number of input and output tokens used.")
        .tag(OPERATION_NAME, operationName(call))
        .tag(PROVIDER_NAME, providerName(call))
        .tag(REQUEST_MODEL, call.modelId())
        .tag(RESPONSE_MODEL, responseModel)
        .tag(TOKEN_TYPE, type)
        .register(meters);
  }

  private static long startNanos(Observation o) {
    return ((GenAiObservationContext) o.getContext()).startNanos();
  }

  /** How many calls are being observed right now. */
  public int openObservations() {
    return open.size();
  }

  @Override
  public String toString() {
    return "GenAiObservationListener[open=" + open.size() + "]";
  }

  /** Settings of a {@link GenAiObservationListener}. */
  public static final class Builder {
    private final ObservationRegistry registry;
    private GenAiObservationConvention convention;
    private MeterRegistry meters;

    private Builder(ObservationRegistry registry) {
      if (registry == null) {
        throw new InvalidRequestException(
            "registry must not be null: pass your ObservationRegistry "
                + "(ObservationRegistry.NOOP to switch observations off)");
      }
      this.registry = registry;
    }

    /** A convention of your own, used instead of the default one (and of any global one). */
    public Builder convention(GenAiObservationConvention convention) {
      this.convention = convention;
      return this;
    }

    /**
     * Where to record token usage and time to first chunk ({@code null}, the default: not
     * recorded).
     */
    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    public GenAiObservationListener build() {
      return new GenAiObservationListener(this);
    }
  }
}
