package dev.genaiaws.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.Sleeper;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.SageMakerEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Asynchronous inference end to end: the input is uploaded to S3Mock (started once for this class),
 * the emulator reads it and writes the output or failure object there, the client polls for it.
 */
class AsyncInferenceTest {
  @RegisterExtension
  static final S3MockExtension S3 =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withHttpPort(0)
          .withInitialBuckets("inference")
          .build();

  private static final RecordingSleeper SLEEPER = new RecordingSleeper();
  private static SageMakerEmulator sageMaker;
  private static SageMakerEmulator slowSageMaker;
  private static S3Client s3;
  private static SageMakerGenerationClient client;
  private static SageMakerGenerationClient slowClient;

  @BeforeAll
  static void start() {
    s3 = S3.createS3ClientV2();
    sageMaker =
        SageMakerEmulator.builder()
            .endpoint("llm-async", SageMakerEmulator.Container.TGI)
            .s3Client(s3)
            .asyncDelay(Duration.ofMillis(20))
            .start();
    slowSageMaker =
        SageMakerEmulator.builder()
            .endpoint("llm-async", SageMakerEmulator.Container.TGI)
            .s3Client(s3)
            .asyncDelay(Duration.ofMinutes(10))
            .start();
    client =
        TestClients.builder(sageMaker.endpoint())
            .defaultFormat(SageMakerFormats.TGI)
            .s3Client(s3)
            .retryPolicy(SLEEPER.policy(3))
            .build();
    slowClient =
        TestClients.builder(slowSageMaker.endpoint())
            .defaultFormat(SageMakerFormats.TGI)
            .s3Client(s3)
            .retryPolicy(SLEEPER.policy(3))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    slowClient.close();
    sageMaker.close();
    slowSageMaker.close();
    s3.close();
  }

  @BeforeEach
  void reset() {
    sageMaker.reset();
  }

  private static GenerationRequest request(String prompt) {
    return GenerationRequest.builder()
        .modelId("llm-async")
        .user(prompt)
        .inferenceConfig(c -> c.maxTokens(80))
        .build();
  }

  /** Real waits, but short ones: the emulator writes its output after 20 ms. */
  private static AsyncInferenceOptions.Builder fastPolling() {
    return AsyncInferenceOptions.builder()
        .inputLocation("s3://inference/async-input/")
        .initialPollDelay(Duration.ofMillis(10))
        .maxPollDelay(Duration.ofMillis(50))
        .timeout(Duration.ofSeconds(30))
        .sleeper(Sleeper.system());
  }

  private static String object(String s3Uri) {
    String rest = s3Uri.substring(5);
    int slash = rest.indexOf('/');
    return s3.getObjectAsBytes(
            b -> b.bucket(rest.substring(0, slash)).key(rest.substring(slash + 1)))
        .asString(StandardCharsets.UTF_8);
  }

  @Test
  void submitAsyncInference_validRequest_uploadsInputAndDecodesOutput() throws Exception {
    GenerationRequest req = request("Summarise a very long document");
    AsyncInferenceHandle h = client.submitAsyncInference(req, fastPolling().build());

    assertThat(h.inferenceId()).isNotBlank();
    assertThat(h.inputLocation()).startsWith("s3://inference/async-input/").endsWith(".json");
    assertThat(h.outputLocation())
        .isEqualTo("s3://inference/async-output/" + h.inferenceId() + ".out");
    assertThat(h.failureLocation()).isNotBlank();
    GenerationResponse r = h.result().get(30, TimeUnit.SECONDS);

    assertThat(r.text()).isNotBlank().isEqualTo(client.generate(req).text());
    assertThat(r.usage().outputTokens()).isPositive();
    assertThat(r.metadata().modelId()).isEqualTo("llm-async");
    assertThat(r.metadata().attribute("inferenceId")).isEqualTo(h.inferenceId());
    assertThat(r.metadata().attribute("outputLocation")).isEqualTo(h.outputLocation());
    assertThat(object(h.inputLocation())).contains("\"inputs\":\"Summarise a very long document\"");
    RecordedRequest sent = sageMaker.takeRequest();
    assertThat(sent.operation()).isEqualTo("async-invocations");
    assertThat(sent.header("X-Amzn-SageMaker-InputLocation")).hasValue(h.inputLocation());
    assertThat(h.toString()).doesNotContain("Summarise");
  }

  @Test
  void submitAsyncInference_inferenceId_namesInputAfterIdAndSendsHeader() throws Exception {
    AsyncInferenceHandle h =
        client.submitAsyncInference(
            request("Hello").toBuilder()
                .option(SageMakerOptions.builder().inferenceId("job-42").build())
                .build(),
            fastPolling().build());

    assertThat(h.inputLocation()).isEqualTo("s3://inference/async-input/job-42.json");
    assertThat(sageMaker.takeRequest().header("X-Amzn-SageMaker-Inference-Id")).hasValue("job-42");
    assertThat(h.result().get(30, TimeUnit.SECONDS).text()).isNotBlank();
  }

  @Test
  void submitAsyncInference_kmsKey_uploadsWithSseKmsAndNamesS3Refusal() {
    List<PutObjectRequest> puts = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest put) {
              puts.add(put);
            }
          }
        };
    String key = "arn:aws:kms:us-east-1:123456789012:key/unknown-to-s3mock";
    try (S3Client recording =
            S3Client.builder()
                .endpointOverride(URI.create(S3.getServiceEndpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(TestClients.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                .build();
        SageMakerGenerationClient kms =
            TestClients.builder(sageMaker.endpoint())
                .defaultFormat(SageMakerFormats.TGI)
                .s3Client(recording)
                .retryPolicy(SLEEPER.policy(1))
                .build()) {
      assertThatThrownBy(
              () -> kms.submitAsyncInference(request("Hello"), fastPolling().kmsKeyId(key).build()))
          .isInstanceOf(GenAiServiceException.class)
          .hasMessageContaining("could not upload the input to s3://inference/");
    }
    assertThat(puts)
        .singleElement()
        .satisfies(
            put -> {
              assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
              assertThat(put.ssekmsKeyId()).isEqualTo(key);
              assertThat(put.contentType()).isEqualTo("application/json");
            });
    assertThat(sageMaker.requestCount()).isZero();
  }

  @Test
  void generateAsyncInference_containerRejectsInput_failsWithFailureObjectText() {
    GenerationRequest bad =
        request("Hello").toBuilder()
            .additionalModelFields(Map.of("parameters", Map.of("repetition_penalty", -1)))
            .build();
    CompletableFuture<GenerationResponse> f =
        client.generateAsyncInference(bad, fastPolling().build());

    assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            AsyncInferenceFailedException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("repetition_penalty")
                  .contains(e.failureLocation());
              assertThat(e.failureMessage()).contains("422");
              assertThat(e.inferenceId()).isNotBlank();
              assertThat(e.retryable()).isFalse();
              assertThat(e).isInstanceOf(GenAiServiceException.class);
            });
  }

  @Test
  void submitAsyncInference_noResultWithinTimeout_failsNamingOutputLocationWithoutRealWaiting() {
    RecordingSleeper waits = new RecordingSleeper();
    AsyncInferenceHandle h =
        slowClient.submitAsyncInference(
            request("Hello"),
            AsyncInferenceOptions.builder()
                .inputLocation("s3://inference/slow/")
                .initialPollDelay(Duration.ofSeconds(1))
                .maxPollDelay(Duration.ofSeconds(2))
                .timeout(Duration.ofSeconds(5))
                .sleeper(waits)
                .build());

    assertThatThrownBy(() -> h.result().get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            GenAiClientException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains(h.outputLocation())
                  .contains(h.inferenceId())
                  .contains("PT5S");
              assertThat(e.retryable()).isFalse();
            });
    assertThat(waits.waits())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void resumeAsyncInference_knownLocations_readsOutputWithoutResubmitting() throws Exception {
    GenerationRequest req = request("Resume me");
    AsyncInferenceHandle first = client.submitAsyncInference(req, fastPolling().build());
    String text = first.result().get(30, TimeUnit.SECONDS).text();
    int sent = sageMaker.requestCount();

    AsyncInferenceHandle again =
        client.resumeAsyncInference(
            req,
            first.inferenceId(),
            first.outputLocation(),
            first.failureLocation(),
            fastPolling().build());

    assertThat(again.result().get(30, TimeUnit.SECONDS).text()).isEqualTo(text);
    assertThat(again.inputLocation()).isNull();
    assertThat(sageMaker.requestCount()).isEqualTo(sent);
  }

  @Test
  void submitAsyncInference_unknownEndpoint_throwsValidationAfterUpload() {
    GenerationRequest req = GenerationRequest.builder().modelId("missing").user("Hi").build();
    assertThatThrownBy(() -> client.submitAsyncInference(req, fastPolling().build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("missing");
    assertThat(client.generateAsyncInference(req, fastPolling().build()))
        .isCompletedExceptionally();
  }

  @Test
  void submitAsyncInference_missingBucket_failsBeforeCallingSageMaker() {
    assertThatThrownBy(
            () ->
                client.submitAsyncInference(
                    request("Hi"), fastPolling().inputLocation("s3://no-such-bucket/in/").build()))
        .isInstanceOf(GenAiServiceException.class)
        .hasMessageContaining("s3://no-such-bucket/in/");
    assertThat(sageMaker.requestCount()).isZero();
  }

  @Test
  void submitAsyncInference_serviceUnavailableOnce_invocationRetried() throws Exception {
    sageMaker.enqueue(Fault.serviceUnavailable());
    AsyncInferenceHandle h =
        client.submitAsyncInference(request("Retry me"), fastPolling().build());
    assertThat(sageMaker.requestCount()).isEqualTo(2);
    assertThat(h.result().get(30, TimeUnit.SECONDS).metadata().attempts()).isEqualTo(2);
  }

  @Test
  void options_badInputLocation_refused() {
    assertThatThrownBy(() -> AsyncInferenceOptions.of("https://bucket/x"))
        .hasMessageContaining("s3://");
    assertThat(AsyncInferenceOptions.of("s3://b/p").timeout()).isEqualTo(Duration.ofMinutes(60));
  }

  @Test
  void s3EndpointOverride_builtS3Client_works() throws Exception {
    try (SageMakerGenerationClient own =
        TestClients.builder(sageMaker.endpoint())
            .defaultFormat(SageMakerFormats.TGI)
            .s3EndpointOverride(URI.create(S3.getServiceEndpoint()))
            .build()) {
      GenerationResponse r =
          own.generateAsyncInference(request("Built client"), fastPolling().build())
              .get(30, TimeUnit.SECONDS);
      assertThat(r.text()).isNotBlank();
    }
  }
}
