package dev.genaiaws.opentelemetry.internal;

import static dev.genaiaws.core.telemetry.GenAiConventions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.GenAiException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.NullUnmarked;

/** Spans and metrics per call, kept by call id between the listener callbacks. Internal. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CallTelemetry {
  private static final String SCOPE = "dev.genaiaws";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey(OPERATION_NAME);
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey(PROVIDER_NAME);
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey(REQUEST_MODEL);
  private static final AttributeKey<String> RESP_MODEL = AttributeKey.stringKey(RESPONSE_MODEL);
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey(ERROR_TYPE);
  private static final AttributeKey<String> TOKEN = AttributeKey.stringKey(TOKEN_TYPE);

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final DoubleHistogram firstChunk;
  private final LongHistogram tokens;
  private final boolean captureContent;
  private final Map<Long, Call> open = new ConcurrentHashMap<>();

  private record Call(Span span, long startNanos, Attributes metricAttributes) {}

  public CallTelemetry(OpenTelemetry otel, boolean captureContent) {
    this.captureContent = captureContent;
    this.tracer = otel.getTracer(SCOPE);
    Meter meter = otel.getMeter(SCOPE);
    this.duration =
        meter
            .histogramBuilder(METRIC_OPERATION_DURATION)
            .setUnit("s")
            .setDescription("GenAI operation duration.")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
            .build();
    this.firstChunk =
        meter
            .histogramBuilder(METRIC_TIME_TO_FIRST_CHUNK)
            .setUnit("s")
            .setDescription("Time to receive the first chunk of a streamed answer.")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
            .build();
    this.tokens =
        meter
            .histogramBuilder(METRIC_TOKEN_USAGE)
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Number of input and output tokens used.")
            .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
            .build();
  }

  public int open() {
    return open.size();
  }

  public void onRequest(CallInfo call) {
    if (call.attempt() > 1) {
      Call c = open.get(call.callId());
      if (c != null) {
        c.span()
            .addEvent(
                "gen_ai.client.attempt",
                Attributes.of(
                    AttributeKey.longKey("gen_ai.client.attempt"), (long) call.attempt()));
      }
      return;
    }
    Attributes metricAttributes =
        Attributes.of(
            OPERATION, operationName(call), PROVIDER, providerName(call), MODEL, call.modelId());
    AttributesBuilder span = metricAttributes.toBuilder();
    String outputType = outputType(call);
    if (outputType != null) {
      span.put(OUTPUT_TYPE, outputType);
    }
    GenerationRequest request = call.request();
    if (request != null) {
      InferenceConfig c = request.inferenceConfig();
      putIfSet(span, REQUEST_MAX_TOKENS, c.maxTokens());
      if (c.topK() != null) {
        span.put(REQUEST_TOP_K, c.topK().doubleValue()); // a double in the conventions
      }
      putIfSet(span, REQUEST_SEED, c.seed());
      if (c.temperature() != null) {
        span.put(REQUEST_TEMPERATURE, c.temperature());
      }
      if (c.topP() != null) {
        span.put(REQUEST_TOP_P, c.topP());
      }
      if (c.stopSequences() != null && !c.stopSequences().isEmpty()) {
        span.put(AttributeKey.stringArrayKey(REQUEST_STOP_SEQUENCES), c.stopSequences());
      }
      if (captureContent) {
        putContent(span, request);
      }
    }
    Span s =
        tracer
            .spanBuilder(spanName(call))
            .setSpanKind(SpanKind.CLIENT)
            .setParent(Context.current())
            .setAllAttributes(span.build())
            .startSpan();
    open.put(call.callId(), new Call(s, System.nanoTime(), metricAttributes));
  }

  public void onFirstToken(CallInfo call) {
    Call c = open.get(call.callId());
    if (c != null) {
      firstChunk.record(seconds(c), c.metricAttributes());
      c.span().addEvent("gen_ai.first_chunk");
    }
  }

  public void onRetry(CallInfo call, GenAiException error, Duration delay) {
    Call c = open.get(call.callId());
    if (c != null) {
      c.span()
          .addEvent(
              "gen_ai.client.retry",
              Attributes.of(
                  AttributeKey.longKey("gen_ai.client.attempt"),
                  (long) call.attempt(),
                  ERROR,
                  errorType(error),
                  AttributeKey.longKey("gen_ai.client.retry.delay_ms"),
                  delay.toMillis()));
    }
  }

  public void onResponse(CallInfo call, GenerationResponse response) {
    Call c = open.remove(call.callId());
    if (c == null) {
      return;
    }
    String responseModel =
        response.metadata().modelId() != null ? response.metadata().modelId() : call.modelId();
    Span s = c.span();
    s.setAttribute(RESP_MODEL, responseModel);
    String finish = finishReason(response.stopReason(), response.rawStopReason());
    if (finish != null) {
      s.setAttribute(AttributeKey.stringArrayKey(RESPONSE_FINISH_REASONS), List.of(finish));
    }
    if (response.metadata().requestId() != null) {
      s.setAttribute(AWS_REQUEST_ID, response.metadata().requestId());
    }
    s.setAttribute(
        AttributeKey.longKey("gen_ai.client.attempts"), (long) response.metadata().attempts());
    if (captureContent && !response.content().isEmpty()) {
      s.setAttribute(OUTPUT_MESSAGES, outputJson(response, finish));
    }
    usage(s, c, response.usage(), responseModel, true);
    s.end();
  }

  public void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {
    Call c = open.remove(call.callId());
    if (c == null) {
      return;
    }
    Span s = c.span();
    s.setAttribute(RESP_MODEL, call.modelId());
    if (response.metadata().requestId() != null) {
      s.setAttribute(AWS_REQUEST_ID, response.metadata().requestId());
    }
    usage(s, c, response.usage(), call.modelId(), false);
    s.end();
  }

  public void onError(CallInfo call, GenAiException error) {
    Call c = open.remove(call.callId());
    if (c == null) {
      return;
    }
    String type = errorType(error);
    Span s = c.span();
    s.setAttribute(ERROR, type);
    s.setAttribute(
        AttributeKey.longKey("gen_ai.client.attempts"), (long) Math.max(1, error.attempts()));
    s.setStatus(StatusCode.ERROR, type);
    duration.record(seconds(c), c.metricAttributes().toBuilder().put(ERROR, type).build());
    s.end();
  }

  private void usage(Span s, Call c, TokenUsage usage, String responseModel, boolean output) {
    Attributes base = c.metricAttributes().toBuilder().put(RESP_MODEL, responseModel).build();
    if (!usage.isEmpty()) {
      s.setAttribute(USAGE_INPUT_TOKENS, (long) usage.totalInputTokens());
      if (output) {
        s.setAttribute(USAGE_OUTPUT_TOKENS, (long) usage.outputTokens());
      }
      if (usage.cacheReadInputTokens() > 0) {
        s.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, (long) usage.cacheReadInputTokens());
      }
      if (usage.cacheWriteInputTokens() > 0) {
        s.setAttribute(USAGE_CACHE_CREATION_INPUT_TOKENS, (long) usage.cacheWriteInputTokens());
      }
      tokens.record(
          usage.totalInputTokens(), base.toBuilder().put(TOKEN, TOKEN_TYPE_INPUT).build());
      if (output) {
        tokens.record(usage.outputTokens(), base.toBuilder().put(TOKEN, TOKEN_TYPE_OUTPUT).build());
      }
    }
    duration.record(seconds(c), base);
  }

  private static double seconds(Call c) {
    return (System.nanoTime() - c.startNanos()) / 1e9;
  }

  private static void putIfSet(AttributesBuilder b, String key, Number value) {
    if (value != null) {
      b.put(AttributeKey.longKey(key), value.longValue());
    }
  }

  private static void putContent(AttributesBuilder b, GenerationRequest request) {
    if (request.system() != null) {
      ArrayNode parts = JSON.createArrayNode();
      parts.addObject().put("type", "text").put("content", request.system());
      b.put(SYSTEM_INSTRUCTIONS, parts.toString());
    }
    ArrayNode messages = JSON.createArrayNode();
    for (Message m : request.messages()) {
      ObjectNode msg = messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT));
      parts(msg.putArray("parts"), m.content());
    }
    b.put(INPUT_MESSAGES, messages.toString());
  }

  private static String outputJson(GenerationResponse response, String finish) {
    ArrayNode messages = JSON.createArrayNode();
    ObjectNode msg = messages.addObject().put("role", "assistant");
    parts(msg.putArray("parts"), response.content());
    if (finish != null) {
      msg.put("finish_reason", finish);
    }
    return messages.toString();
  }

  private static void parts(ArrayNode parts, List<ContentBlock> blocks) {
    for (ContentBlock block : blocks) {
      if (block instanceof TextBlock t) {
        parts.addObject().put("type", "text").put("content", t.text());
      } else {
        // images and other blocks: their kind only, never their bytes
        parts.addObject().put("type", kind(block));
      }
    }
  }

  private static String kind(ContentBlock block) {
    String name = block.getClass().getSimpleName();
    return name.endsWith("Block")
        ? name.substring(0, name.length() - 5).toLowerCase(Locale.ROOT)
        : name.toLowerCase(Locale.ROOT);
  }
}
