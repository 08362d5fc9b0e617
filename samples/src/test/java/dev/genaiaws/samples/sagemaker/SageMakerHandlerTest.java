package dev.genaiaws.samples.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.testkit.SageMakerEmulator;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SageMaker function end to end offline: API Gateway events in, the SageMaker emulator (a TGI
 * endpoint, and an async one writing to S3Mock) behind {@code SageMakerGenerationClient}, the
 * generation saved to S3Mock through the storage module.
 */
class SageMakerHandlerTest {
  static final String BUCKET = "generations";

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withInitialBuckets(BUCKET)
          .build();

  static final ObjectMapper JSON = new ObjectMapper();
  static SageMakerEmulator sageMaker;
  static SageMakerHandler handler;
  static SageMakerHandler noAsync;
  static S3Client s3;

  @BeforeAll
  static void start() {
    sageMaker =
        SageMakerEmulator.builder()
            .endpoint("tgi-llm", SageMakerEmulator.Container.TGI)
            .endpoint("tgi-llm-async", SageMakerEmulator.Container.TGI)
            .s3Endpoint(URI.create(S3_MOCK.getServiceEndpoint()))
            .asyncDelay(Duration.ofMillis(10))
            .start();
    s3 = S3_MOCK.createS3ClientV2();
    Map<String, String> env = new HashMap<>();
    env.put("SM_ENDPOINT", "tgi-llm");
    env.put("SM_BUCKET", BUCKET);
    env.put("SM_SAGEMAKER_ENDPOINT_URL", sageMaker.endpoint().toString());
    env.put("SM_S3_ENDPOINT_URL", S3_MOCK.getServiceEndpoint());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    noAsync = new SageMakerHandler(env);
    env.put("SM_ASYNC_ENDPOINT", "tgi-llm-async");
    env.put("SM_ASYNC_INPUT", "s3://" + BUCKET + "/async-input/");
    handler = new SageMakerHandler(env);
  }

  @AfterAll
  static void stop() {
    handler.close();
    noAsync.close();
    s3.close();
    sageMaker.close();
  }

  static APIGatewayV2HTTPEvent event(String method, String body) {
    APIGatewayV2HTTPEvent.RequestContext.Http http =
        new APIGatewayV2HTTPEvent.RequestContext.Http();
    http.setMethod(method);
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    context.setHttp(http);
    context.setRequestId("req-1");
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setRequestContext(context);
    event.setBody(body);
    return event;
  }

  @Test
  void post_realTime_generatesThroughTheEndpointAndSavesToS3() throws IOException {
    sageMaker.reset();
    APIGatewayV2HTTPResponse r =
        handler.handleRequest(
            event(
                "POST",
                "{\"prompt\": \"Write about 50 words on SageMaker endpoints\", \"maxTokens\": 120}"),
            null);

    assertThat(r.getStatusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.getBody());
    assertThat(body.get("mode").asText()).isEqualTo("real-time");
    assertThat(body.get("uri").asText()).startsWith("s3://" + BUCKET + "/generations/");
    JsonNode saved =
        JSON.readTree(
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(body.get("key").asText()))
                .asUtf8String());
    assertThat(saved.at("/output/text").asText().split("\\s+").length).isBetween(40, 70);
    assertThat(saved.get("modelId").asText()).isEqualTo("tgi-llm");
    assertThat(sageMaker.takeRequest().operation()).isEqualTo("invocations");
  }

  @Test
  void post_overTheRealTimeLimit_goesThroughAsyncInference() throws IOException {
    String prompt = "word ".repeat(1_300_000);
    APIGatewayV2HTTPResponse r =
        handler.handleRequest(
            event("POST", "{\"prompt\": \"" + prompt + "\", \"maxTokens\": 30}"), null);

    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.getBody());
    assertThat(body.get("mode").asText()).isEqualTo("async");
    assertThat(body.get("endpoint").asText()).isEqualTo("tgi-llm-async");
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(body.get("key").asText())).asUtf8String())
        .contains("tgi-llm-async");
  }

  @Test
  void post_overTheLimitWithoutAsync_413BeforeCallingSageMaker() {
    sageMaker.reset();
    APIGatewayV2HTTPResponse r =
        noAsync.handleRequest(
            event("POST", "{\"prompt\": \"" + "word ".repeat(1_300_000) + "\"}"), null);

    assertThat(r.getStatusCode()).isEqualTo(413);
    assertThat(sageMaker.requestCount()).isZero();
  }

  @Test
  void otherMethodsAndBadBodies_refusedWithoutCallingSageMaker() {
    sageMaker.reset();
    assertThat(handler.handleRequest(event("GET", null), null).getStatusCode()).isEqualTo(405);
    assertThat(handler.handleRequest(event("OPTIONS", null), null).getStatusCode()).isEqualTo(204);
    assertThat(handler.handleRequest(event("POST", "not json"), null).getStatusCode())
        .isEqualTo(400);
    assertThat(handler.handleRequest(event("POST", "{\"prompt\": \" \"}"), null).getStatusCode())
        .isEqualTo(400);
    assertThat(
            handler
                .handleRequest(event("POST", "{\"prompt\": \"hi\", \"maxTokens\": 0}"), null)
                .getStatusCode())
        .isEqualTo(400);
    assertThat(sageMaker.requestCount()).isZero();
  }
}
