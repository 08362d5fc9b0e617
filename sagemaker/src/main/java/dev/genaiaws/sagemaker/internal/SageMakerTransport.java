package dev.genaiaws.sagemaker.internal;

import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.aws.internal.SdkTransport;
import dev.genaiaws.core.internal.Invocation;
import dev.genaiaws.core.internal.RawResponse;
import dev.genaiaws.core.internal.Transport;
import dev.genaiaws.sagemaker.SageMakerOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;
import software.amazon.awssdk.services.sagemakerruntime.model.ResponseStream;

/**
 * The SageMaker Runtime {@link Transport}: {@code InvokeEndpoint} (sync and async client) and
 * {@code InvokeEndpointWithResponseStream}, whose {@code PayloadPart} bytes are handed on exactly
 * as they arrive (the container codec's stream decoder reassembles lines split across parts). The
 * request's model id is the endpoint name; {@link SageMakerOptions} become the {@code
 * X-Amzn-SageMaker-*} headers; the invoked production variant is reported as the attribute {@link
 * #ATTR_INVOKED_VARIANT}. Stream bodies come from the codec's {@code encodeForStream} (TGI sets
 * {@code "stream": true} there). It owns neither retries nor codecs. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerTransport
    extends SdkTransport<InvokeEndpointRequest, InvokeEndpointResponse> {
  static final String JSON = "application/json";

  /** Attribute: the production variant that answered. */
  public static final String ATTR_INVOKED_VARIANT = "invokedVariant";

  /** Attribute: the custom attributes the container sent back, when it did. */
  public static final String ATTR_CUSTOM_ATTRIBUTES = "customAttributes";

  /** Attribute: the content type of the container's answer. */
  public static final String ATTR_CONTENT_TYPE = "contentType";

  /**
   * InvokeEndpoint's and InvokeEndpointWithResponseStream's limit on {@code Body}: 6 MB (API
   * reference).
   */
  static final long MAX_BODY_BYTES = 6_291_456;

  private final SageMakerClients clients;

  /**
   * @param clients the AWS clients to call through
   * @param attemptTimeout the longest one attempt may take, or {@code null}
   */
  public SageMakerTransport(SageMakerClients clients, Duration attemptTimeout) {
    super(
        MAX_BODY_BYTES,
        attemptTimeout,
        request -> clients.sync().invokeEndpoint(request),
        request -> clients.async().invokeEndpoint(request),
        SageMakerErrors::map,
        clients::close);
    this.clients = clients;
  }

  @Override
  protected InvokeEndpointRequest request(Invocation inv) {
    InvokeEndpointRequest.Builder b =
        InvokeEndpointRequest.builder()
            .endpointName(inv.modelId())
            .contentType(JSON)
            .accept(JSON)
            .body(body(inv))
            .overrideConfiguration(timeouts(inv));
    inv.option(SageMakerOptions.class)
        .ifPresent(
            o ->
                b.targetVariant(o.targetVariant())
                    .targetModel(o.targetModel())
                    .targetContainerHostname(o.targetContainerHostname())
                    .inferenceComponentName(o.inferenceComponent())
                    .customAttributes(o.customAttributes())
                    .inferenceId(o.inferenceId()));
    return b.build();
  }

  /**
   * The stream request: {@link #request}'s fields (one place for the options), without the
   * per-attempt time-outs and without {@code TargetModel}, which the streaming API does not take.
   */
  InvokeEndpointWithResponseStreamRequest streamRequest(Invocation inv) {
    InvokeEndpointRequest q = request(inv);
    return InvokeEndpointWithResponseStreamRequest.builder()
        .endpointName(q.endpointName())
        .contentType(q.contentType())
        .accept(q.accept())
        .body(q.body())
        .targetVariant(q.targetVariant())
        .targetContainerHostname(q.targetContainerHostname())
        .inferenceComponentName(q.inferenceComponentName())
        .customAttributes(q.customAttributes())
        .inferenceId(q.inferenceId())
        .build();
  }

  @Override
  protected RawResponse answer(Invocation inv, InvokeEndpointResponse response) {
    Map<String, String> attributes =
        attributes(
            response.invokedProductionVariant(),
            response.customAttributes(),
            response.contentType());
    return new RawResponse(
        SdkCalls.bytes(response.body()),
        response.responseMetadata().requestId(),
        null,
        inv.elapsed(),
        attributes);
  }

  private static Map<String, String> attributes(
      String variant, String customAttributes, String contentType) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Optional.ofNullable(variant).ifPresent(v -> attributes.put(ATTR_INVOKED_VARIANT, v));
    Optional.ofNullable(customAttributes).ifPresent(v -> attributes.put(ATTR_CUSTOM_ATTRIBUTES, v));
    Optional.ofNullable(contentType).ifPresent(v -> attributes.put(ATTR_CONTENT_TYPE, v));
    return attributes;
  }

  @Override
  public Flow.Publisher<byte[]> invokeStream(Invocation inv) {
    return downstream ->
        SdkCalls.stream(
            downstream,
            (ResponseStream event) ->
                event instanceof PayloadPart part ? SdkCalls.bytes(part.bytes()) : null,
            (error, afterResponse) -> SageMakerErrors.map(error, inv.modelId()),
            InvokeEndpointWithResponseStreamResponseHandler.builder(),
            response ->
                inv.streamStarted(
                    response.responseMetadata().requestId(),
                    attributes(
                        response.invokedProductionVariant(),
                        response.customAttributes(),
                        response.contentType())),
            handler ->
                clients
                    .async()
                    .invokeEndpointWithResponseStream(streamRequest(inv), handler.build()));
  }

  @Override
  public String tooLarge(long bytes, boolean streaming) {
    return "the request body is "
        + bytes
        + " bytes, more than the "
        + MAX_BODY_BYTES
        + " bytes a SageMaker"
        + " real-time endpoint accepts: shorten the prompt, or use asynchronous inference"
        + " (submitAsyncInference, up to 1 GB through S3)";
  }
}
