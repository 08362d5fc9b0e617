package dev.genaiaws.bedrock.internal;

import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.bedrock.BedrockOptions;
import dev.genaiaws.bedrock.codec.BedrockFamilies;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.internal.GenerationRuntime;
import dev.genaiaws.core.internal.Invocation;
import dev.genaiaws.core.internal.Wire;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;

/**
 * The Converse {@link Wire}: one typed message shape for every Bedrock text model, including models
 * no family codec knows. {@code Converse} for sync and async calls, {@code ConverseStream} for
 * streams; the runtime around it (defaults, retries, listeners, metadata) is the same as for
 * InvokeModel. Internal.
 */
public final class ConverseWire implements Wire {
  /** Attribute: the guardrail's action reason, when the answer carries a guardrail trace. */
  public static final String ATTR_GUARDRAIL_ACTION_REASON = "guardrailActionReason";

  private static final ParameterSupport BASE = support(false);
  private static final ParameterSupport WITH_TOP_K = support(true);

  private final GenerationRuntime.Settings settings;
  private final BedrockClients clients;
  private final Duration attemptTimeout;

  public ConverseWire(
      GenerationRuntime.Settings settings, BedrockClients clients, Duration attemptTimeout) {
    this.settings = settings;
    this.clients = clients;
    this.attemptTimeout = attemptTimeout;
  }

  private static ParameterSupport support(boolean topK) {
    ParameterSupport.Builder b =
        ParameterSupport.builder("converse")
            .maxTokens(1, Integer.MAX_VALUE)
            .temperature(0, 1)
            .topP(0, 1)
            .stopSequences(2500);
    return topK ? b.topK(0, 500).build() : b.build();
  }

  /**
   * The family a model id resolves to, or {@code null} when no codec knows it (Converse still
   * works).
   */
  private @Nullable ModelFamily familyOf(GenerationRequest request) {
    ModelFamily family = request.option(ModelFamily.class).orElse(settings.familyOverride());
    if (family != null) {
      return family;
    }
    try {
      CodecRegistry.Resolution<ModelCodec> r = settings.codecs().resolve(request.modelId(), null);
      return r.codec().family();
    } catch (GenAiException e) {
      return null;
    }
  }

  @Override
  public Call prepare(GenerationRequest request, boolean streaming) {
    ModelFamily family = familyOf(request);
    boolean claude =
        family != null
            && (family.equals(BedrockFamilies.ANTHROPIC_CLAUDE_MESSAGES)
                || family.equals(BedrockFamilies.ANTHROPIC_CLAUDE_TEXT));
    boolean nova = family != null && family.equals(BedrockFamilies.AMAZON_NOVA);
    InferenceConfig merged = settings.defaults().withOverrides(request.inferenceConfig());
    InferenceConfig checked =
        (claude || nova ? WITH_TOP_K : BASE)
            .apply(merged, request.modelId(), settings.unsupportedParameters());
    @SuppressWarnings("ReferenceEquality") // the same instance back means "nothing dropped"
    GenerationRequest ready =
        checked == request.inferenceConfig() ? request : request.withInferenceConfig(checked);
    ConverseMapping.Parts parts =
        ConverseMapping.withOptionDefaults(ConverseMapping.parts(ready, claude), ready);
    return new ConverseCall(ready, parts);
  }

  /**
   * The {@code CountTokens} input of a request in Converse's shape (messages, system, tools and the
   * model fields), checked like a Converse call.
   */
  public ConverseTokensRequest tokensRequest(GenerationRequest request) {
    ConverseMapping.Parts parts = ((ConverseCall) prepare(request, false)).parts;
    ConverseTokensRequest.Builder b =
        ConverseTokensRequest.builder()
            .messages(parts.messages())
            .toolConfig(parts.tools())
            .additionalModelRequestFields(parts.additionalFields());
    if (!parts.system().isEmpty()) {
      b.system(parts.system());
    }
    return b.build();
  }

  /**
   * The JSON body a {@code Converse} call would send for a request, prepared exactly as a call is
   * (defaults merged, parameters checked, options applied): the {@code modelInput} of a Converse
   * batch record.
   */
  @Override
  public byte[] encode(GenerationRequest request) {
    ConverseCall call = (ConverseCall) prepare(request, false);
    return ConverseBodies.requestBody(
        call.converseRequest(new Invocation(call.request(), call.baseModelId(), null, null, 1)));
  }

  /**
   * The neutral response (metadata empty) of a Converse response body, e.g. a batch record's
   * output.
   */
  public static GenerationResponse response(byte[] body) {
    return ConverseMapping.response(ConverseBodies.response(body));
  }

  @Override
  public GenAiException mapError(Throwable error) {
    return BedrockErrors.map(error, null);
  }

  @Override
  public void close() {
    clients.close();
  }

  private final class ConverseCall implements Call {
    private final GenerationRequest request;
    private final ConverseMapping.Parts parts;

    ConverseCall(GenerationRequest request, ConverseMapping.Parts parts) {
      this.request = request;
      this.parts = parts;
    }

    @Override
    public GenerationRequest request() {
      return request;
    }

    @Override
    public String baseModelId() {
      return request.modelId();
    }

    @Override
    public byte @Nullable [] body() {
      return null;
    }

    ConverseRequest converseRequest(Invocation inv) {
      ConverseRequest.Builder b =
          ConverseRequest.builder()
              .modelId(inv.modelId())
              .messages(parts.messages())
              .inferenceConfig(parts.inference())
              .toolConfig(parts.tools())
              .additionalModelRequestFields(parts.additionalFields())
              .outputConfig(parts.output())
              .performanceConfig(parts.performance())
              .serviceTier(parts.serviceTier())
              .overrideConfiguration(AwsClientConfig.timeouts(inv.timeout(), attemptTimeout));
      if (!parts.system().isEmpty()) {
        b.system(parts.system());
      }
      inv.option(BedrockOptions.class)
          .filter(o -> o.guardrailIdentifier() != null)
          .ifPresent(
              o ->
                  b.guardrailConfig(
                      GuardrailConfiguration.builder()
                          .guardrailIdentifier(o.guardrailIdentifier())
                          .guardrailVersion(o.guardrailVersion())
                          .trace(
                              o.trace() == null
                                  ? null
                                  : o.trace().toLowerCase(java.util.Locale.ROOT))
                          .build()));
      return b.build();
    }

    ConverseStreamRequest streamRequest(Invocation inv) {
      ConverseStreamRequest.Builder b =
          ConverseStreamRequest.builder()
              .modelId(inv.modelId())
              .messages(parts.messages())
              .inferenceConfig(parts.inference())
              .toolConfig(parts.tools())
              .additionalModelRequestFields(parts.additionalFields())
              .outputConfig(parts.output())
              .performanceConfig(parts.performance())
              .serviceTier(parts.serviceTier());
      if (!parts.system().isEmpty()) {
        b.system(parts.system());
      }
      inv.option(BedrockOptions.class)
          .filter(o -> o.guardrailIdentifier() != null)
          .ifPresent(
              o ->
                  b.guardrailConfig(
                      GuardrailStreamConfiguration.builder()
                          .guardrailIdentifier(o.guardrailIdentifier())
                          .guardrailVersion(o.guardrailVersion())
                          .trace(
                              o.trace() == null
                                  ? null
                                  : o.trace().toLowerCase(java.util.Locale.ROOT))
                          .streamProcessingMode(o.guardrailStreamProcessingMode())
                          .build()));
      return b.build();
    }

    @Override
    public Answer invoke(Invocation inv) {
      return SdkCalls.sync(
          () -> clients.sync().converse(converseRequest(inv)),
          r -> answer(inv, r),
          e -> BedrockErrors.map(e, inv.modelId()));
    }

    @Override
    public CompletableFuture<Answer> invokeAsync(Invocation inv) {
      return SdkCalls.async(
          () -> clients.async().converse(converseRequest(inv)),
          r -> answer(inv, r),
          e -> BedrockErrors.map(e, inv.modelId()));
    }

    private boolean guarded(Invocation inv) {
      return inv.option(BedrockOptions.class)
          .filter(o -> o.guardrailIdentifier() != null)
          .isPresent();
    }

    private Answer answer(Invocation inv, ConverseResponse r) {
      GenerationResponse response = ConverseMapping.response(r);
      GuardrailTraceAssessment guardrail = r.trace() == null ? null : r.trace().guardrail();
      if (guardrail != null || guarded(inv)) {
        response =
            response.toBuilder()
                .detail(
                    GuardrailMapping.converseTrace(
                        response.stopReason() == StopReason.GUARDRAIL_INTERVENED, guardrail))
                .build();
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      if (r.metrics() != null && r.metrics().latencyMs() != null) {
        attributes.put(
            BedrockTransport.ATTR_INVOCATION_LATENCY_MS, String.valueOf(r.metrics().latencyMs()));
      }
      if (r.performanceConfig() != null && r.performanceConfig().latencyAsString() != null) {
        attributes.put(
            BedrockTransport.ATTR_PERFORMANCE_LATENCY, r.performanceConfig().latencyAsString());
      }
      if (r.serviceTier() != null && r.serviceTier().typeAsString() != null) {
        attributes.put(BedrockTransport.ATTR_SERVICE_TIER, r.serviceTier().typeAsString());
      }
      if (r.trace() != null
          && r.trace().guardrail() != null
          && r.trace().guardrail().actionReason() != null) {
        attributes.put(ATTR_GUARDRAIL_ACTION_REASON, r.trace().guardrail().actionReason());
      }
      return new Answer(response, r.responseMetadata().requestId(), inv.elapsed(), attributes);
    }

    @Override
    public Stream<ConverseStreamOutput> stream(Invocation inv) {
      Flow.Publisher<ConverseStreamOutput> chunks =
          downstream ->
              SdkCalls.stream(
                  downstream,
                  (ConverseStreamOutput e) -> e,
                  (error, afterResponse) -> BedrockErrors.map(error, inv.modelId(), afterResponse),
                  ConverseStreamResponseHandler.builder(),
                  response -> inv.streamStarted(response.responseMetadata().requestId(), Map.of()),
                  handler -> clients.async().converseStream(streamRequest(inv), handler.build()));
      return new Stream<>(chunks, new ConverseStreamDecoder(guarded(inv)));
    }
  }
}
