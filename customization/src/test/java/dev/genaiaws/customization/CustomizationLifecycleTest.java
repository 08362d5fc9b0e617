package dev.genaiaws.customization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobDeadlineExceededException;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole custom-model cycle against the Bedrock emulator (control plane and runtime) and S3Mock,
 * with the real AWS SDK clients: checked data uploaded, jobs of each type through their statuses,
 * metrics read back, provisioned throughput and deployments served without naming a family. S3Mock
 * starts once for the class.
 */
class CustomizationLifecycleTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockCustomization";
  private static final String TITAN = "amazon.titan-text-express-v1";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-test"));

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder().silent().withSecureConnection(false).build();

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3Client s3;
  private static BedrockClient control;

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private String bucket;
  private S3GenerationStore store;
  private CustomizationClient customization;

  @SuppressWarnings(
      "deprecation") // SDK 2.57 deprecates the Apache 4 client for apache5-client, which we exclude
  @BeforeAll
  static void clients() {
    s3 = S3_MOCK.createS3ClientV2();
    BEDROCK.emulator().s3Client(s3);
    control =
        BedrockClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .httpClient(ApacheHttpClient.create())
            .build();
  }

  @AfterAll
  static void close() {
    control.close();
    s3.close();
  }

  @BeforeEach
  void bucket() {
    bucket = "custom-" + BUCKETS.incrementAndGet();
    s3.createBucket(b -> b.bucket(bucket));
    store = S3GenerationStore.builder().s3Client(s3).bucket(bucket).build();
    customization =
        CustomizationClient.builder()
            .bedrockClient(control)
            .awaitPolicy(AwaitPolicy.builder().sleeper(sleeper).build())
            .build();
    BEDROCK.emulator().customizationPolls(2);
  }

  @AfterEach
  void closeClient() {
    customization.close();
    store.close();
  }

  private static List<TrainingExample> faq(int n) {
    List<TrainingExample> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(
          TrainingExample.promptCompletion(
              "How do I reset password " + i + "?", "Open settings, step " + i + "."));
    }
    return data;
  }

  private CustomizationJobRequest.Builder titanJob(String name) {
    return CustomizationJobRequest.builder()
        .jobName(name)
        .customModelName(name + "-model")
        .roleArn(ROLE)
        .baseModelId(TITAN)
        .trainingExamples(faq(4))
        .dataStore(store)
        .dataPrefix("data")
        .outputS3Uri("s3://" + bucket + "/output/");
  }

  private List<String> keys() {
    return s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
  }

  private long controlCalls(String operation) {
    return BEDROCK.emulator().controlPlaneRequests().stream()
        .map(RecordedRequest::operation)
        .filter(operation::equals)
        .count();
  }

  @Test
  void fineTuning_examplesUploadedAndJobCompletes_metricsReadable() {
    CustomizationJob job =
        customization.submit(
            titanJob("ft-1")
                .validationExamples(faq(2))
                .hyperParameters(
                    h -> h.epochCount(2).batchSize(1).learningRate(1e-5).learningRateWarmupSteps(0))
                .build());

    assertThat(keys()).containsExactly("data/ft-1/training.jsonl", "data/ft-1/validation.jsonl");
    assertThat(new String(store.getBytes("data/ft-1/training.jsonl"), StandardCharsets.UTF_8))
        .startsWith("{\"prompt\":\"How do I reset password 0?\",\"completion\":");
    List<String> seen = new ArrayList<>();
    JobSnapshot<CustomizationJobStatus> done =
        job.await(Duration.ofHours(4), s -> seen.add(s.rawStatus()));

    assertThat(seen).containsExactly("InProgress", "InProgress", "Completed");
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(sleeper.waits()).hasSize(2);
    assertThat(job.customModelArn())
        .hasValueSatisfying(a -> assertThat(a).contains(":custom-model/" + TITAN));
    var sent = job.describe();
    assertThat(sent.hyperParameters())
        .containsEntry("learningRate", "0.00001")
        .containsEntry("epochCount", "2");
    assertThat(sent.validationDataConfig().validators())
        .singleElement()
        .satisfies(
            v -> assertThat(v.s3Uri()).isEqualTo("s3://" + bucket + "/data/ft-1/validation.jsonl"));

    TrainingMetrics metrics = job.metrics(store);
    assertThat(metrics.training()).hasSize(8); // 2 epochs x 4 records
    assertThat(metrics.training().get(0).step()).isZero();
    assertThat(metrics.training().get(7).loss()).isLessThan(metrics.training().get(0).loss());
    assertThat(metrics.training()).allSatisfy(p -> assertThat(p.perplexity()).isPositive());
    assertThat(metrics.validation()).hasSize(2);
  }

  @Test
  void continuedPreTraining_unlabelledText_completes() {
    CustomizationJob job =
        customization.submit(
            titanJob("cpt-1")
                .type(CustomizationType.CONTINUED_PRE_TRAINING)
                .trainingExamples(
                    List.of(
                        TrainingExample.text("Our product stores objects."),
                        TrainingExample.text("Buckets hold objects.")))
                .hyperParameters(h -> h.epochCount(1))
                .build());

    assertThat(job.await(Duration.ofHours(1)).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.describe().customizationTypeAsString()).isEqualTo("CONTINUED_PRE_TRAINING");
    assertThat(job.metrics(store).training()).hasSize(2);
    assertThat(job.metrics(store).validation()).isEmpty();
  }

  @Test
  void distillation_teacherSentAndNoHyperParameters() {
    CustomizationJob job =
        customization.submit(
            CustomizationJobRequest.builder()
                .jobName("dist-1")
                .customModelName("dist-1-model")
                .roleArn(ROLE)
                .baseModelId("amazon.nova-micro-v1:0:128k")
                .type(CustomizationType.DISTILLATION)
                .teacher("amazon.nova-pro-v1:0", 1000)
                .trainingExamples(
                    List.of(
                        TrainingExample.conversation(
                            null,
                            List.of(
                                Message.user("Summarise S3"),
                                Message.assistant("Object storage.")))))
                .dataStore(store)
                .outputS3Uri("s3://" + bucket + "/out")
                .build());

    assertThat(job.await(Duration.ofHours(1)).state()).isEqualTo(JobState.SUCCEEDED);
    var d = job.describe();
    assertThat(
            d.customizationConfig()
                .distillationConfig()
                .teacherModelConfig()
                .teacherModelIdentifier())
        .isEqualTo("amazon.nova-pro-v1:0");
    assertThat(d.hyperParameters()).isEmpty();
  }

  @Test
  void malformedFileAlreadyInS3_jobFailsNamingTheLine() {
    s3.putObject(
        r -> r.bucket(bucket).key("raw/train.jsonl"),
        RequestBody.fromString(
            "{\"prompt\":\"q\",\"completion\":\"a\"}\n{\"prompt\":\"no completion\"}\n"));

    CustomizationJob job =
        customization.submit(
            titanJob("bad-1")
                .trainingExamples(List.of())
                .trainingS3Uri("s3://" + bucket + "/raw/train.jsonl")
                .dataStore(null)
                .build());
    JobSnapshot<CustomizationJobStatus> done = job.await(Duration.ofHours(1));

    assertThat(done.status()).isEqualTo(CustomizationJobStatus.FAILED);
    assertThat(done.message()).contains("line 2").contains("completion");
    assertThat(job.customModelArn()).isEmpty();
  }

  @Test
  void outOfRangeLearningRateAndBadRecords_failBeforeUploadListingAll() {
    List<TrainingExample> data = new ArrayList<>(faq(2));
    data.add(TrainingExample.promptCompletion("q", ""));

    assertThatThrownBy(
            () ->
                customization.submit(
                    titanJob("hp-1")
                        .trainingExamples(data)
                        .hyperParameters(h -> h.learningRate(2.0))
                        .build()))
        .isInstanceOf(TrainingDataException.class)
        .hasMessageContaining(
            "learningRate must be in [0.0, 1.0] for amazon.titan-text-express-v1 but was 2.0")
        .hasMessageContaining("training line 3: has an empty \"completion\"")
        .hasMessageContaining("nothing was uploaded")
        .satisfies(e -> assertThat(((TrainingDataException) e).violations()).hasSize(2));
    assertThat(keys()).isEmpty();
    assertThat(controlCalls("CreateModelCustomizationJob")).isZero();
  }

  @Test
  void multiTurnConversationForSingleTurnModel_failsBeforeUpload() {
    assertThatThrownBy(
            () ->
                customization.submit(
                    CustomizationJobRequest.builder()
                        .jobName("turns-1")
                        .customModelName("m")
                        .roleArn(ROLE)
                        .baseModelId("anthropic.claude-3-haiku-20240307-v1:0:200k")
                        .type(CustomizationType.DISTILLATION)
                        .teacher("anthropic.claude-3-5-sonnet-20240620-v1:0", null)
                        .trainingExamples(
                            List.of(
                                TrainingExample.conversation(
                                    null,
                                    List.of(
                                        Message.user("a"),
                                        Message.assistant("b"),
                                        Message.user("c"),
                                        Message.assistant("d")))))
                        .dataStore(store)
                        .outputS3Uri("s3://" + bucket + "/out")
                        .build()))
        .isInstanceOf(TrainingDataException.class)
        .hasMessageContaining("training line 1: has 2 user turns")
        .hasMessageContaining("single-turn");
    assertThat(keys()).isEmpty();
  }

  @Test
  void baseModelThatCannotBeCustomized_failsBeforeUpload() {
    assertThatThrownBy(
            () ->
                customization.submit(
                    titanJob("base-1").baseModelId("mistral.mistral-large-2407-v1:0").build()))
        .hasMessageContaining("mistral.mistral-large-2407-v1:0")
        .hasMessageContaining("cannot be customized");
    assertThat(keys()).isEmpty();
    assertThat(controlCalls("CreateModelCustomizationJob")).isZero();
  }

  @Test
  void stop_inProgressJob_stoppingThenStopped() {
    BEDROCK.emulator().customizationPolls(100);
    CustomizationJob job = customization.submit(titanJob("stop-1").build());

    job.stop();
    List<String> seen = new ArrayList<>();
    JobSnapshot<CustomizationJobStatus> done =
        job.await(Duration.ofHours(1), s -> seen.add(s.rawStatus()));

    assertThat(seen).containsExactly("Stopping", "Stopped");
    assertThat(done.state()).isEqualTo(JobState.STOPPED);
    assertThatThrownBy(job::stop)
        .isInstanceOf(GenAiServiceException.class)
        .hasMessageContaining("cannot be stopped");
  }

  @Test
  void attach_byArnFromAnotherClient_seesTheSameJob() {
    BEDROCK.emulator().customizationPolls(100);
    String arn = customization.submit(titanJob("attach-1").build()).id();

    try (CustomizationClient other =
        CustomizationClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .awaitPolicy(AwaitPolicy.builder().sleeper(sleeper).build())
            .build()) {
      CustomizationJob again = other.attach(arn);
      assertThat(again.refresh().status()).isEqualTo(CustomizationJobStatus.IN_PROGRESS);
      assertThatThrownBy(() -> again.await(Duration.ofMinutes(10)))
          .isInstanceOf(JobDeadlineExceededException.class);
      assertThat(sleeper.waits().stream().reduce(Duration.ZERO, Duration::plus))
          .isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  void provisionedThroughput_servesCustomModelWithoutNamingFamily_lookupCached() {
    CustomizationJob job = customization.submit(titanJob("pt-1").build());
    job.await(Duration.ofHours(1));
    String model = job.customModelArn().orElseThrow();

    ProvisionedThroughput pt =
        customization.provision(p -> p.name("pt-1").modelId(model).modelUnits(1));
    List<String> seen = new ArrayList<>();
    assertThat(pt.await(Duration.ofHours(1), s -> seen.add(s.rawStatus())).state())
        .isEqualTo(JobState.SUCCEEDED);
    assertThat(seen).containsExactly("Creating", "InService");
    assertThat(pt.describe().modelArn()).isEqualTo(model);

    long before = controlCalls("GetProvisionedModelThroughput");
    try (BedrockGenerationClient client =
        BedrockGenerationClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .retryPolicy(RetryPolicy.none())
            .modelLookup(control)
            .build()) {
      GenerationResponse first =
          client.generate(
              r ->
                  r.modelId(pt.arn())
                      .user("How do I reset my password?")
                      .inferenceConfig(c -> c.maxTokens(30)));
      client.generate(
          r -> r.modelId(pt.arn()).user("And my e-mail?").inferenceConfig(c -> c.maxTokens(30)));
      assertThat(first.text()).isNotBlank();
    }
    assertThat(controlCalls("GetProvisionedModelThroughput") - before).isEqualTo(1);
    assertThat(BEDROCK.emulator().takeRequest().bodyUtf8()).contains("\"inputText\"");

    pt.update("pt-1-renamed", null);
    assertThat(pt.refresh().status()).isEqualTo(ProvisionedThroughputStatus.UPDATING);
    assertThat(pt.await(Duration.ofHours(1)).status())
        .isEqualTo(ProvisionedThroughputStatus.IN_SERVICE);
    assertThat(pt.describe().provisionedModelName()).isEqualTo("pt-1-renamed");
    pt.delete();
    assertThatThrownBy(pt::refresh)
        .isInstanceOf(GenAiServiceException.class)
        .satisfies(e -> assertThat(((GenAiServiceException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void deployment_activeAndServedOnDemand_thenDeleted() {
    CustomizationJob job = customization.submit(titanJob("dep-1").build());
    job.await(Duration.ofHours(1));

    CustomModelDeployment d =
        customization.deploy("dep-1", job.customModelArn().orElseThrow(), "on demand");
    assertThat(d.refresh().status()).isEqualTo(DeploymentStatus.CREATING);
    assertThat(d.await(Duration.ofHours(1)).status()).isEqualTo(DeploymentStatus.ACTIVE);

    long before = controlCalls("GetCustomModelDeployment");
    try (BedrockGenerationClient client =
        BedrockGenerationClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .retryPolicy(RetryPolicy.none())
            .modelLookup(control)
            .build()) {
      assertThat(
              client
                  .generate(
                      r -> r.modelId(d.arn()).user("Hi").inferenceConfig(c -> c.maxTokens(20)))
                  .text())
          .isNotBlank();
      client.generate(
          r -> r.modelId(d.arn()).user("Hi again").inferenceConfig(c -> c.maxTokens(20)));
    }
    assertThat(controlCalls("GetCustomModelDeployment") - before).isEqualTo(1);
    d.delete();
    assertThatThrownBy(d::refresh).isInstanceOf(GenAiServiceException.class);
  }

  @Test
  void provision_invalidRequestRefusedLocally() {
    assertThatThrownBy(
            () ->
                ProvisionedThroughputRequest.builder().name("x").modelId("m").modelUnits(0).build())
        .hasMessageContaining("modelUnits must be >= 1 but was 0");
  }
}
