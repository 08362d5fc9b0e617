package dev.genaiaws.opentelemetry;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.opentelemetry.internal.CallTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;

/**
 * Traces and metrics for every call of a genai-aws client, following the OpenTelemetry semantic
 * conventions for generative AI: one {@code CLIENT} span per call named {@code "{operation}
 * {model}"} (for example {@code chat anthropic.claude-3-haiku-20240307-v1:0}), with {@code
 * gen_ai.*} attributes for the operation, provider, request parameters, stop reason and token
 * counts, and the metrics {@code gen_ai.client.operation.duration}, {@code
 * gen_ai.client.token.usage} and, for streams, {@code gen_ai.client.operation.time_to_first_chunk}.
 *
 * <pre>{@code
 * import dev.genaiaws.bedrock.BedrockGenerationClient;
 * import dev.genaiaws.opentelemetry.GenAiTelemetry;
 * import io.opentelemetry.api.GlobalOpenTelemetry;
 *
 * GenAiTelemetry telemetry = GenAiTelemetry.create(GlobalOpenTelemetry.get());
 * try (var client = BedrockGenerationClient.builder().listener(telemetry).build()) {
 *   client.generate(req -> req.modelId("amazon.nova-lite-v1:0").user("Hello"));
 * }
 * }</pre>
 *
 * <p>A call's span is started when its first attempt is sent, on the thread that made the call, so
 * it becomes a child of whatever span is current there, also for {@code generateAsync} and streams
 * whose answers arrive on other threads. It ends when the call succeeds or fails for good: retries
 * are <em>events</em> on that one span ({@code gen_ai.client.retry}), not spans of their own.
 *
 * <p>Prompts and answers are not recorded unless {@link Builder#captureContent(boolean)} is
 * switched on (or the environment variable {@code
 * OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} is {@code true}); then the span carries
 * {@code gen_ai.system_instructions}, {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages} as JSON. One instance can serve many clients; it is thread-safe.
 */
public final class GenAiTelemetry implements GenerationListener {
  /** The instrumentation scope name of the tracer and the meter. */
  public static final String INSTRUMENTATION_NAME = "dev.genaiaws";

  private final CallTelemetry calls;

  private GenAiTelemetry(Builder b) {
    this.calls = new CallTelemetry(b.openTelemetry, b.captureContent);
  }

  /** Telemetry with the defaults (no content captured unless the environment variable says so). */
  public static GenAiTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /**
   * A builder over the given OpenTelemetry instance (for example {@code
   * GlobalOpenTelemetry.get()}).
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  @Override
  public void onRequest(CallInfo call) {
    calls.onRequest(call);
  }

  @Override
  public void onFirstToken(CallInfo call) {
    calls.onFirstToken(call);
  }

  @Override
  public void onResponse(CallInfo call, GenerationResponse response) {
    calls.onResponse(call, response);
  }

  @Override
  public void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {
    calls.onEmbeddingResponse(call, response);
  }

  @Override
  public void onError(CallInfo call, GenAiException error) {
    calls.onError(call, error);
  }

  @Override
  public void onRetry(CallInfo call, GenAiException error, Duration delay) {
    calls.onRetry(call, error, delay);
  }

  /** How many calls have a span open right now (started, not yet ended). */
  public int openSpans() {
    return calls.open();
  }

  @Override
  public String toString() {
    return "GenAiTelemetry[openSpans=" + openSpans() + "]";
  }

  /** Settings of a {@link GenAiTelemetry}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean captureContent =
        Boolean.parseBoolean(System.getenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"));

    private Builder(OpenTelemetry openTelemetry) {
      if (openTelemetry == null) {
        throw new InvalidRequestException(
            "openTelemetry must not be null: pass GlobalOpenTelemetry.get() or your OpenTelemetry SDK instance");
      }
      this.openTelemetry = openTelemetry;
    }

    /**
     * Whether spans record the prompt and the answer text ({@code false} by default: they may hold
     * personal or confidential data). Streamed answers are not recorded, only their stop reason and
     * usage.
     */
    public Builder captureContent(boolean captureContent) {
      this.captureContent = captureContent;
      return this;
    }

    public GenAiTelemetry build() {
      return new GenAiTelemetry(this);
    }
  }
}
