package dev.genaiaws.micrometer;

import static dev.genaiaws.core.telemetry.GenAiConventions.*;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.telemetry.GenAiConventions;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.NullUnmarked;

/**
 * The default names and tags, after the OpenTelemetry semantic conventions for generative AI: the
 * observation is named {@value #NAME} (so its timer is {@code gen_ai.client.operation}), its
 * contextual name (the span name when traced) {@code "{operation} {model}"}; low-cardinality tags
 * {@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code
 * gen_ai.response.model} and {@code error.type}; high-cardinality ones for request parameters, stop
 * reason, token counts and the AWS request id. No prompt or answer text.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public class DefaultGenAiObservationConvention implements GenAiObservationConvention {
  /** The default names and tags; extend it to change one of them. */
  public DefaultGenAiObservationConvention() {}

  /** The observation's name. */
  public static final String NAME = "gen_ai.client.operation";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(GenAiObservationContext context) {
    return GenAiConventions.spanName(context.call());
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(GenAiObservationContext context) {
    String responseModel =
        context.responseModel() != null ? context.responseModel() : context.call().modelId();
    Throwable error = context.getError();
    String errorType =
        error instanceof GenAiException g
            ? GenAiConventions.errorType(g)
            : error != null ? error.getClass().getSimpleName() : KeyValue.NONE_VALUE;
    return KeyValues.of(
        KeyValue.of(OPERATION_NAME, operationName(context.call())),
        KeyValue.of(PROVIDER_NAME, providerName(context.call())),
        KeyValue.of(REQUEST_MODEL, context.call().modelId()),
        KeyValue.of(RESPONSE_MODEL, responseModel),
        KeyValue.of(ERROR_TYPE, errorType));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(GenAiObservationContext context) {
    KeyValues kv = KeyValues.empty();
    if (context.call().request() != null) {
      InferenceConfig c = context.call().request().inferenceConfig();
      kv = add(kv, REQUEST_MAX_TOKENS, c.maxTokens());
      kv = add(kv, REQUEST_TEMPERATURE, c.temperature());
      kv = add(kv, REQUEST_TOP_P, c.topP());
      kv = add(kv, REQUEST_TOP_K, c.topK());
    }
    String finish = finishReason(context.stopReason(), context.rawStopReason());
    kv = add(kv, RESPONSE_FINISH_REASONS, finish);
    TokenUsage u = context.usage();
    if (u != null && !u.isEmpty()) {
      kv = add(kv, USAGE_INPUT_TOKENS, u.totalInputTokens());
      kv = add(kv, USAGE_OUTPUT_TOKENS, u.outputTokens());
      if (u.cacheReadInputTokens() > 0) {
        kv = add(kv, USAGE_CACHE_READ_INPUT_TOKENS, u.cacheReadInputTokens());
      }
      if (u.cacheWriteInputTokens() > 0) {
        kv = add(kv, USAGE_CACHE_CREATION_INPUT_TOKENS, u.cacheWriteInputTokens());
      }
    }
    kv = add(kv, AWS_REQUEST_ID, context.requestId());
    return kv;
  }

  private static KeyValues add(KeyValues kv, String key, Object value) {
    return value == null ? kv : kv.and(KeyValue.of(key, String.valueOf(value)));
  }
}
