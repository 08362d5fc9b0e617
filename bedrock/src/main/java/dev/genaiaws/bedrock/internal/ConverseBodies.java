package dev.genaiaws.bedrock.internal;

import dev.genaiaws.core.exception.CodecException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.http.HttpResponseHandler;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.protocols.json.JsonOperationMetadata;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.transform.ConverseRequestMarshaller;

/**
 * Converse requests and responses as JSON bodies, for places that carry them as data instead of
 * sending them (batch inference records with {@code modelInvocationType: Converse}). The AWS SDK's
 * own REST-JSON marshaller and unmarshaller do the writing and reading, so the JSON is exactly what
 * a {@code Converse} call sends and receives, and {@link ConverseMapping} stays the only mapping
 * between the neutral types and Converse. Pure: no I/O. Internal.
 */
public final class ConverseBodies {
  /** Bedrock Runtime's protocol, as its generated client configures it (REST-JSON 1.1). */
  @SuppressWarnings(
      "deprecation") // SdkClientOption.ENDPOINT is what the generated 2.57 clients still set here
  private static final AwsJsonProtocolFactory PROTOCOL =
      AwsJsonProtocolFactory.builder()
          .clientConfiguration(
              SdkClientConfiguration.builder()
                  .option(
                      SdkClientOption.ENDPOINT,
                      URI.create("https://bedrock-runtime.us-east-1.amazonaws.com"))
                  .build())
          .protocol(AwsJsonProtocol.REST_JSON)
          .protocolVersion("1.1")
          .build();

  private static final HttpResponseHandler<ConverseResponse> RESPONSE =
      PROTOCOL.createResponseHandler(
          JsonOperationMetadata.builder()
              .hasStreamingSuccessResponse(false)
              .isPayloadJson(true)
              .build(),
          ConverseResponse::builder);

  private ConverseBodies() {}

  /**
   * The JSON body of a Converse request (the model id is not in it: Converse sends it in the path).
   */
  public static byte[] requestBody(ConverseRequest request) {
    SdkHttpFullRequest http = new ConverseRequestMarshaller(PROTOCOL).marshall(request);
    ContentStreamProvider body =
        http.contentStreamProvider()
            .orElseThrow(() -> new CodecException("the Converse request has no body", null));
    try (InputStream in = body.newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Converse response read from its JSON body.
   *
   * @throws CodecException when the body is not a Converse response
   */
  public static ConverseResponse response(byte[] body) {
    SdkHttpFullResponse http =
        SdkHttpFullResponse.builder()
            .statusCode(200)
            .putHeader("Content-Type", "application/json")
            .content(AbortableInputStream.create(new ByteArrayInputStream(body)))
            .build();
    try {
      return RESPONSE.handle(http, new ExecutionAttributes());
    } catch (RuntimeException e) {
      // the cause's message may quote the body (model output): only its type goes in ours
      throw new CodecException(
          "could not read a Converse response (" + e.getClass().getSimpleName() + ")", e);
    } catch (Exception e) {
      throw new CodecException(
          "could not read a Converse response (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
