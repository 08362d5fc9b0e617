package dev.genaiaws.sagemaker.internal;

import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.internal.Invocation;
import dev.genaiaws.core.internal.RawResponse;
import dev.genaiaws.core.internal.StreamCall;
import dev.genaiaws.core.internal.Transport;
import dev.genaiaws.sagemaker.SageMakerOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;
import software.amazon.awssdk.services.sagemakerruntime.model.ResponseStream;

/**
 * The SageMaker Runtime {@link Transport}: {@code InvokeEndpoint} (sync and async client) and
 * {@code InvokeEndpointWithResponseStream}, whose {@code PayloadPart} bytes are handed on exactly as they
 * arrive (the container codec's stream decoder reassembles lines split across parts). The request's model id
 * is the endpoint name; {@link SageMakerOptions} become the {@code X-Amzn-SageMaker-*} headers; the invoked
 * production variant is reported as the attribute {@link #ATTR_INVOKED_VARIANT}. Stream bodies come from the codec's
 * {@code encodeForStream} (TGI sets {@code "stream": true} there). It owns neither retries nor codecs. Internal.
 */
public final class SageMakerTransport implements Transport {
  static final String JSON = "application/json";
  /** Attribute: the production variant that answered. */
  public static final String ATTR_INVOKED_VARIANT = "invokedVariant";
  /** Attribute: the custom attributes the container sent back, when it did. */
  public static final String ATTR_CUSTOM_ATTRIBUTES = "customAttributes";
  /** Attribute: the content type of the container's answer. */
  public static final String ATTR_CONTENT_TYPE = "contentType";


  private final SageMakerClients clients;
  private final Duration attemptTimeout;

  /**
   * @param clients the AWS clients to call through
   * @param attemptTimeout the longest one attempt may take, or {@code null}
   */
  public SageMakerTransport(SageMakerClients clients, Duration attemptTimeout) {
    this.clients = clients;
    this.attemptTimeout = attemptTimeout;
  }

  InvokeEndpointRequest invokeRequest(Invocation inv) {
    InvokeEndpointRequest.Builder b = InvokeEndpointRequest.builder()
        .endpointName(inv.modelId())
        .contentType(JSON)
        .accept(JSON)
        // no copies: the encoded body and the SDK's response bytes are never mutated on either side
        .body(SdkBytes.fromByteArrayUnsafe(inv.body()))
        .overrideConfiguration(AwsClientConfig.timeouts(inv.timeout(), attemptTimeout));
    inv.option(SageMakerOptions.class).ifPresent(o -> b.targetVariant(o.targetVariant())
        .targetModel(o.targetModel())
        .targetContainerHostname(o.targetContainerHostname())
        .inferenceComponentName(o.inferenceComponent())
        .customAttributes(o.customAttributes())
        .inferenceId(o.inferenceId()));
    return b.build();
  }

  InvokeEndpointWithResponseStreamRequest streamRequest(Invocation inv) {
    InvokeEndpointWithResponseStreamRequest.Builder b = InvokeEndpointWithResponseStreamRequest.builder()
        .endpointName(inv.modelId())
        .contentType(JSON)
        .accept(JSON)
        .body(SdkBytes.fromByteArrayUnsafe(inv.body()));
    inv.option(SageMakerOptions.class).ifPresent(o -> b.targetVariant(o.targetVariant())
        .targetContainerHostname(o.targetContainerHostname())
        .inferenceComponentName(o.inferenceComponent())
        .customAttributes(o.customAttributes())
        .inferenceId(o.inferenceId()));
    return b.build();
  }

  @Override
  public RawResponse invoke(Invocation inv) {
    return SdkCalls.sync(() -> clients.sync().invokeEndpoint(invokeRequest(inv)), response -> raw(inv, response),
        e -> SageMakerErrors.map(e, inv.modelId()));
  }

  @Override
  public CompletableFuture<RawResponse> invokeAsync(Invocation inv) {
    return SdkCalls.async(() -> clients.async().invokeEndpoint(invokeRequest(inv)), response -> raw(inv, response),
        e -> SageMakerErrors.map(e, inv.modelId()));
  }

  private static RawResponse raw(Invocation inv, InvokeEndpointResponse response) {
    Map<String, String> attributes = attributes(response.invokedProductionVariant(), response.customAttributes(),
        response.contentType());
    byte[] body = response.body() == null ? new byte[0] : response.body().asByteArrayUnsafe();
    return new RawResponse(body, response.responseMetadata().requestId(), null, inv.elapsed(), attributes);
  }

  private static Map<String, String> attributes(String variant, String customAttributes, String contentType) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Optional.ofNullable(variant).ifPresent(v -> attributes.put(ATTR_INVOKED_VARIANT, v));
    Optional.ofNullable(customAttributes).ifPresent(v -> attributes.put(ATTR_CUSTOM_ATTRIBUTES, v));
    Optional.ofNullable(contentType).ifPresent(v -> attributes.put(ATTR_CONTENT_TYPE, v));
    return attributes;
  }

  @Override
  public Flow.Publisher<byte[]> invokeStream(Invocation inv) {
    return downstream -> {
      StreamCall<ResponseStream, byte[]> call = new StreamCall<>(downstream,
          event -> event instanceof PayloadPart part
              ? (part.bytes() == null ? new byte[0] : part.bytes().asByteArrayUnsafe()) : null,
          (error, afterResponse) -> SageMakerErrors.map(error, inv.modelId()));
      call.start(() -> clients.async().invokeEndpointWithResponseStream(streamRequest(inv),
          InvokeEndpointWithResponseStreamResponseHandler.builder()
              .onResponse(response -> {
                inv.streamStarted(response.responseMetadata().requestId(), attributes(
                    response.invokedProductionVariant(), response.customAttributes(), response.contentType()));
                call.responseArrived();
              })
              .onError(call::fail)
              .subscriber(() -> FlowAdapters.toSubscriber(call))
              .build()));
    };
  }

  /** InvokeEndpoint's and InvokeEndpointWithResponseStream's limit on {@code Body}: 6 MB (API reference). */
  static final long MAX_BODY_BYTES = 6_291_456;

  @Override
  public long maxRequestBytes(boolean streaming) {
    return MAX_BODY_BYTES;
  }

  @Override
  public String tooLarge(long bytes, boolean streaming) {
    return "the request body is " + bytes + " bytes, more than the " + MAX_BODY_BYTES + " bytes a SageMaker"
        + " real-time endpoint accepts: shorten the prompt, or use asynchronous inference"
        + " (submitAsyncInference, up to 1 GB through S3)";
  }

  @Override
  public GenAiException mapError(Throwable error) {
    return SageMakerErrors.map(error, null);
  }

  @Override
  public void close() {
    clients.close();
  }
}
