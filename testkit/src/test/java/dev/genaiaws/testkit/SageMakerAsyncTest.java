package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** Async inference end to end: input and output objects in S3Mock (started once for this class). */
class SageMakerAsyncTest {
  @RegisterExtension
  static final S3MockExtension S3 =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withHttpPort(0)
          .withInitialBuckets("inference")
          .build();

  static SageMakerEmulator sageMaker;
  static SageMakerRuntimeClient client;
  static S3Client s3;

  @BeforeAll
  static void start() {
    sageMaker =
        SageMakerEmulator.builder()
            .endpoint("llm-async", SageMakerEmulator.Container.TGI)
            .s3Endpoint(URI.create(S3.getServiceEndpoint()))
            .asyncDelay(Duration.ofMillis(20))
            .start();
    client = Clients.sageMaker(sageMaker.endpoint());
    s3 = S3.createS3ClientV2();
  }

  @AfterAll
  static void stop() {
    client.close();
    sageMaker.close();
    s3.close();
  }

  static void put(String key, String body) {
    s3.putObject(b -> b.bucket("inference").key(key), RequestBody.fromString(body));
  }

  static JsonNode get(String s3Uri) {
    String rest = s3Uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return Clients.json(
        s3.getObjectAsBytes(b -> b.bucket(rest.substring(0, slash)).key(rest.substring(slash + 1)))
            .asByteArray());
  }

  static InvokeEndpointAsyncResponse submit(String inputKey) {
    return client.invokeEndpointAsync(
        InvokeEndpointAsyncRequest.builder()
            .endpointName("llm-async")
            .contentType("application/json")
            .inputLocation("s3://inference/" + inputKey)
            .build());
  }

  @Test
  void invokeAsync_validInput_202ThenOutputObjectWritten() {
    put(
        "in/ok.json",
        "{\"inputs\":\"Hello async\",\"parameters\":{\"max_new_tokens\":300,\"return_full_text\":false}}");

    InvokeEndpointAsyncResponse r = submit("in/ok.json");

    assertThat(r.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(r.inferenceId()).isNotBlank();
    assertThat(r.outputLocation())
        .isEqualTo("s3://inference/async-output/" + r.inferenceId() + ".out");
    assertThat(r.failureLocation())
        .isEqualTo("s3://inference/async-failures/" + r.inferenceId() + "-error.out");
    assertThat(sageMaker.awaitAsync(r.inferenceId(), Duration.ofSeconds(20)))
        .isEqualTo(r.outputLocation());
    JsonNode out = get(r.outputLocation());
    assertThat(out.at("/0/generated_text").asText()).isNotBlank();
    RecordedRequest rec = sageMaker.takeRequest();
    assertThat(rec.operation()).isEqualTo("async-invocations");
    assertThat(rec.header("X-Amzn-SageMaker-InputLocation")).hasValue("s3://inference/in/ok.json");
  }

  @Test
  void invokeAsync_containerRejectsInput_failureObjectWritten() {
    put("in/bad.json", "{\"inputs\":\"x\",\"parameters\":{\"temperature\":0}}");

    InvokeEndpointAsyncResponse r = submit("in/bad.json");

    assertThat(sageMaker.awaitAsync(r.inferenceId(), Duration.ofSeconds(20)))
        .isEqualTo(r.failureLocation());
    JsonNode failure = get(r.failureLocation());
    assertThat(failure.path("OriginalStatusCode").asInt()).isEqualTo(422);
    assertThat(failure.path("OriginalMessage").asText()).contains("temperature");
  }

  @Test
  void invokeAsync_missingInputObject_failureObjectWritten() {
    InvokeEndpointAsyncResponse r = submit("in/does-not-exist.json");

    assertThat(sageMaker.awaitAsync(r.inferenceId(), Duration.ofSeconds(20)))
        .isEqualTo(r.failureLocation());
    assertThat(get(r.failureLocation()).path("OriginalMessage").asText())
        .contains("Failed to download");
  }

  @Test
  void invokeAsync_noS3Configured_validationError() {
    try (SageMakerEmulator plain =
            SageMakerEmulator.builder().endpoint("e", SageMakerEmulator.Container.TGI).start();
        SageMakerRuntimeClient c = Clients.sageMaker(plain.endpoint())) {
      assertThatThrownBy(
              () -> c.invokeEndpointAsync(b -> b.endpointName("e").inputLocation("s3://b/k")))
          .isInstanceOf(ValidationErrorException.class)
          .hasMessageContaining("asynchronous inference");
    }
  }
}
