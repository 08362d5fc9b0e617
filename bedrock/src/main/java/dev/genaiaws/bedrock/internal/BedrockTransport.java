package dev.genaiaws.bedrock.internal;

import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.aws.internal.SdkTransport;
import dev.genaiaws.bedrock.BedrockOptions;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.internal.Invocation;
import dev.genaiaws.core.internal.RawResponse;
import dev.genaiaws.core.internal.Transport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Flow;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * The Bedrock Runtime {@link Transport}: {@code InvokeModel} for sync calls, the async client's
 * {@code InvokeModel} for async calls, {@code InvokeModelWithResponseStream} for streams (each
 * {@code PayloadPart}'s bytes are the model's chunk JSON). It owns neither retries nor codecs. The
 * clients come from {@link BedrockClients}, which builds the async one lazily. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BedrockTransport extends SdkTransport<InvokeModelRequest, InvokeModelResponse> {
  static final String JSON = "application/json";
  static final String INPUT_TOKENS = "X-Amzn-Bedrock-Input-Token-Count";
  static final String OUTPUT_TOKENS = "X-Amzn-Bedrock-Output-Token-Count";
  static final String LATENCY = "X-Amzn-Bedrock-Invocation-Latency";

  /** Attribute: the service's own invocation latency in milliseconds (InvokeModel only). */
  public static final String ATTR_INVOCATION_LATENCY_MS = "invocationLatencyMs";

  /** Attribute: the performance tier the service used, when it said. */
  public static final String ATTR_PERFORMANCE_LATENCY = "performanceConfigLatency";

  /** Attribute: the service tier the service used, when it said. */
  public static final String ATTR_SERVICE_TIER = "serviceTier";

  /** InvokeModel's and InvokeModelWithResponseStream's limit on {@code body} (API reference). */
  static final long MAX_BODY_BYTES = 25_000_000;

  private final BedrockClients clients;

  /**
   * @param clients the AWS clients to call through
   * @param attemptTimeout the longest one attempt may take, or {@code null}
   */
  public BedrockTransport(BedrockClients clients, Duration attemptTimeout) {
    super(
        MAX_BODY_BYTES,
        attemptTimeout,
        request -> clients.sync().invokeModel(request),
        request -> clients.async().invokeModel(request),
        BedrockErrors::map,
        clients::close);
    this.clients = clients;
  }

  @Override
  protected InvokeModelRequest request(Invocation inv) {
    InvokeModelRequest.Builder b =
        InvokeModelRequest.builder()
            .modelId(inv.modelId())
            .contentType(JSON)
            .accept(JSON)
            .body(body(inv))
            .overrideConfiguration(timeouts(inv));
    inv.option(BedrockOptions.class)
        .ifPresent(
            o ->
                b.guardrailIdentifier(o.guardrailIdentifier())
                    .guardrailVersion(o.guardrailVersion())
                    .trace(o.trace())
                    .performanceConfigLatency(o.performanceConfigLatency())
                    .serviceTier(o.serviceTier()));
    GenerationRequest r = inv.request();
    if (r != null && r.serviceTier() != null) {
      b.serviceTier(r.serviceTier().wireValue());
    }
    if (r != null && r.latency() != null) {
      b.performanceConfigLatency(r.latency().wireValue());
    }
    return b.build();
  }

  /**
   * The stream request: the same fields as {@link #request}'s (one place for the options' and the
   * request's tier and latency rules), without per-attempt time-outs, which do not apply to a
   * stream.
   */
  InvokeModelWithResponseStreamRequest streamRequest(Invocation inv) {
    InvokeModelRequest q = request(inv);
    return InvokeModelWithResponseStreamRequest.builder()
        .modelId(q.modelId())
        .contentType(q.contentType())
        .accept(q.accept())
        .body(q.body())
        .guardrailIdentifier(q.guardrailIdentifier())
        .guardrailVersion(q.guardrailVersion())
        .trace(q.traceAsString())
        .performanceConfigLatency(q.performanceConfigLatencyAsString())
        .serviceTier(q.serviceTierAsString())
        .build();
  }

  @Override
  protected RawResponse answer(Invocation inv, InvokeModelResponse response) {
    SdkHttpResponse http = response.sdkHttpResponse();
    TokenUsage usage =
        new TokenUsage(intHeader(http, INPUT_TOKENS), intHeader(http, OUTPUT_TOKENS));
    String latency = header(http, LATENCY);
    String performance = response.performanceConfigLatencyAsString();
    String tier = response.serviceTierAsString();
    Map<String, String> attributes = Map.of();
    if (latency != null || performance != null || tier != null) {
      attributes = new LinkedHashMap<>();
      if (latency != null) {
        attributes.put(ATTR_INVOCATION_LATENCY_MS, latency);
      }
      if (performance != null) {
        attributes.put(ATTR_PERFORMANCE_LATENCY, performance);
      }
      if (tier != null) {
        attributes.put(ATTR_SERVICE_TIER, tier);
      }
    }
    return new RawResponse(
        SdkCalls.bytes(response.body()),
        response.responseMetadata().requestId(),
        usage,
        inv.elapsed(),
        attributes);
  }

  private static String header(SdkHttpResponse http, String name) {
    return http == null ? null : http.firstMatchingHeader(name).orElse(null);
  }

  private static int intHeader(SdkHttpResponse http, String name) {
    String v = header(http, name);
    if (v == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(v.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public Flow.Publisher<byte[]> invokeStream(Invocation inv) {
    return downstream ->
        SdkCalls.stream(
            downstream,
            (ResponseStream event) ->
                event instanceof PayloadPart part ? SdkCalls.bytes(part.bytes()) : null,
            (error, afterResponse) -> BedrockErrors.map(error, inv.modelId(), afterResponse),
            InvokeModelWithResponseStreamResponseHandler.builder(),
            response ->
                inv.streamStarted(
                    response.responseMetadata().requestId(), streamAttributes(response)),
            handler ->
                clients.async().invokeModelWithResponseStream(streamRequest(inv), handler.build()));
  }

  private static Map<String, String> streamAttributes(
      InvokeModelWithResponseStreamResponse response) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (response.performanceConfigLatencyAsString() != null) {
      attributes.put(ATTR_PERFORMANCE_LATENCY, response.performanceConfigLatencyAsString());
    }
    if (response.serviceTierAsString() != null) {
      attributes.put(ATTR_SERVICE_TIER, response.serviceTierAsString());
    }
    return attributes;
  }

  @Override
  public String tooLarge(long bytes, boolean streaming) {
    return "the request body is "
        + bytes
        + " bytes, more than the "
        + MAX_BODY_BYTES
        + " bytes Bedrock's"
        + " InvokeModel accepts: shorten the prompt, or send fewer or smaller images";
  }
}
