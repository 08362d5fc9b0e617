package dev.genaiaws.bedrock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.bedrock.BedrockOptions;
import dev.genaiaws.bedrock.GuardrailTrace;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.internal.CodecWire;
import dev.genaiaws.core.internal.Invocation;
import dev.genaiaws.core.internal.Wire;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Routes each request of a {@code BedrockGenerationClient} to InvokeModel (the family codecs) or
 * Converse: the request's {@link BedrockApi} option, else the client's; under {@link
 * BedrockApi#AUTO} InvokeModel when a codec knows the model and can express the request, Converse
 * otherwise. Internal.
 */
public final class BedrockWire implements Wire {
  private final CodecWire invokeModel;
  private final ConverseWire converse;
  private final BedrockApi defaultApi;

  public BedrockWire(CodecWire invokeModel, ConverseWire converse, BedrockApi defaultApi) {
    this.invokeModel = invokeModel;
    this.converse = converse;
    this.defaultApi = defaultApi == null ? BedrockApi.AUTO : defaultApi;
  }

  /** The API a request goes through. */
  public BedrockApi route(GenerationRequest request) {
    BedrockApi api = chosen(request);
    if (api != BedrockApi.AUTO) {
      return api;
    }
    return automatic(request) != null ? BedrockApi.INVOKE_MODEL : BedrockApi.CONVERSE;
  }

  /** The API the request names, else the client's default (which may be {@code AUTO}). */
  private BedrockApi chosen(GenerationRequest request) {
    return request.option(BedrockApi.class).orElse(defaultApi);
  }

  /**
   * Under {@link BedrockApi#AUTO}: the codec InvokeModel would use, or {@code null} when no codec
   * knows the model or the one that does cannot express the request (then Converse).
   */
  private CodecRegistry.@Nullable Resolution<ModelCodec> automatic(GenerationRequest request) {
    // find, not resolve: a model no codec knows goes to Converse on every call, without an
    // exception built and its stack filled in each time
    CodecRegistry.Resolution<ModelCodec> r = invokeModel.find(request).orElse(null);
    return r != null && r.codec().canExpress(request) ? r : null;
  }

  @Override
  public Call prepare(GenerationRequest request, boolean streaming) {
    BedrockApi api = chosen(request);
    // under AUTO, the codec the routing found is the one the call uses: resolved once
    CodecRegistry.Resolution<ModelCodec> r = api == BedrockApi.AUTO ? automatic(request) : null;
    if (api == BedrockApi.CONVERSE || (api == BedrockApi.AUTO && r == null)) {
      return converse.prepare(request, streaming);
    }
    Call call =
        r != null
            ? invokeModel.prepare(request, streaming, r)
            : invokeModel.prepare(request, streaming);
    boolean guarded =
        request
            .option(BedrockOptions.class)
            .filter(o -> o.guardrailIdentifier() != null)
            .isPresent();
    return guarded ? new GuardrailReadingCall(call) : call;
  }

  @Override
  public byte @Nullable [] encode(GenerationRequest request) {
    return route(request) == BedrockApi.CONVERSE
        ? converse.encode(request)
        : invokeModel.encode(request);
  }

  @Override
  public GenAiException mapError(Throwable error) {
    return converse.mapError(error);
  }

  @Override
  public void close() {
    invokeModel.close();
  }

  /**
   * An InvokeModel call made with a guardrail: its answer gets a {@link GuardrailTrace} read from
   * the fields Bedrock adds to the model's body (the family codecs ignore them). Streams pass
   * through unchanged.
   */
  private static final class GuardrailReadingCall implements Call {
    private final Call call;

    GuardrailReadingCall(Call call) {
      this.call = call;
    }

    @Override
    public GenerationRequest request() {
      return call.request();
    }

    @Override
    public String baseModelId() {
      return call.baseModelId();
    }

    @Override
    public byte @Nullable [] body() {
      return call.body();
    }

    @Override
    public Answer invoke(Invocation invocation) {
      return withTrace(call.invoke(invocation));
    }

    @Override
    public CompletableFuture<Answer> invokeAsync(Invocation invocation) {
      return Wire.thenRead(call.invokeAsync(invocation), GuardrailReadingCall::withTrace);
    }

    @Override
    public Stream<?> stream(Invocation invocation) {
      return call.stream(invocation);
    }

    private static Answer withTrace(Answer a) {
      String raw = a.response().rawBody();
      if (raw == null
          || !(raw.contains(GuardrailMapping.ACTION_FIELD)
              || raw.contains(GuardrailMapping.TRACE_FIELD))) {
        return a;
      }
      GuardrailTrace trace;
      try {
        trace = GuardrailMapping.invokeModelTrace(CodecJson.parse(raw));
      } catch (JsonProcessingException e) {
        throw new CodecException(
            "could not read the guardrail fields of the answer: its body is not valid JSON", e);
      }
      return trace == null
          ? a
          : new Answer(
              a.response().toBuilder().detail(trace).build(),
              a.requestId(),
              a.latency(),
              a.attributes());
    }
  }
}
