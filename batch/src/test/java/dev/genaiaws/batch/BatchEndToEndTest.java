package dev.genaiaws.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.job.VpcConfig;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.sagemaker.SageMakerEmbeddingClient;
import dev.genaiaws.sagemaker.SageMakerFormats;
import dev.genaiaws.sagemaker.SageMakerGenerationClient;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.SageMakerEmulator;
import dev.genaiaws.testkit.ServiceQuotasEmulator;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * Batch jobs end to end: the real AWS SDK clients against S3Mock and the testkit's Bedrock and
 * SageMaker emulators, which execute the jobs with their own model families and containers (never
 * the codecs). S3Mock starts once for the module.
 */
class BatchEndToEndTest {
  static final String MODEL = "amazon.titan-text-express-v1";
  static final String ROLE = "arn:aws:iam::123456789012:role/BedrockBatchRole";

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder().silent().withSecureConnection(false).build();

  static S3Client s3;
  static BedrockEmulator bedrock;
  static final AtomicInteger JOBS = new AtomicInteger();

  final RecordingSleeper sleeper = new RecordingSleeper();
  BedrockBatchClient batch;
  String bucket;

  @BeforeAll
  static void start() {
    s3 = S3_MOCK.createS3ClientV2();
    bedrock = BedrockEmulator.start();
    bedrock.batchJobs().s3Client(s3);
    sagemaker =
        SageMakerEmulator.builder()
            .s3Client(s3)
            .endpoint("llm", SageMakerEmulator.Container.TGI)
            .endpoint("embedder", SageMakerEmulator.Container.EMBEDDING)
            .start();
  }

  @AfterAll
  static void stop() {
    bedrock.close();
    sagemaker.close();
    s3.close();
  }

  @BeforeEach
  void client() {
    bucket = "batch-" + JOBS.incrementAndGet();
    s3.createBucket(b -> b.bucket(bucket));
    bedrock
        .batchJobs()
        .minRecordsPerJob(100)
        .failEveryNthRecord(0)
        .processingSteps(2)
        .shuffleSeed(42);
    batch = newClient(BatchLimits.defaults());
  }

  BedrockBatchClient newClient(BatchLimits limits) {
    return BedrockBatchClient.builder()
        .bedrockClient(control())
        .s3Client(s3)
        .limits(limits)
        .awaitPolicy(AwaitPolicy.builder().sleeper(sleeper).build())
        .build();
  }

  static BedrockClient control() {
    return BedrockClient.builder()
        .endpointOverride(bedrock.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  BatchJobConfig config(String name) {
    return BatchJobConfig.builder()
        .jobName(name)
        .modelId(MODEL)
        .roleArn(ROLE)
        .inputUri("s3://" + bucket + "/in/")
        .outputUri("s3://" + bucket + "/out/")
        .timeoutHours(24)
        .tag("suite", "e2e")
        .build();
  }

  static List<GenerationRequest> requests(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                GenerationRequest.builder()
                    .modelId(MODEL)
                    .user("Write one sentence about topic number " + i)
                    .inferenceConfig(c -> c.maxTokens(40))
                    .build())
        .toList();
  }

  List<String> keys(String prefix) {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(o -> o.key())
        .toList();
  }

  @Test
  void fiveThousandRecords_multiFile_shuffledOutput_joinedByRecordId_withPerRecordFailures() {
    bedrock.batchJobs().failEveryNthRecord(97);
    BedrockBatchClient small = newClient(BatchLimits.defaults().withFileLimits(1_000, 1L << 30));
    List<GenerationRequest> requests = requests(5_000);
    List<JobSnapshot<BatchJobStatus>> polls = new ArrayList<>();

    BatchJob job = small.submit(config("five-thousand"), requests.stream());
    JobSnapshot<BatchJobStatus> done = job.await(Duration.ofHours(24), polls::add);

    assertThat(keys("in/five-thousand/"))
        .containsExactly(
            "in/five-thousand/part-00001.jsonl",
            "in/five-thousand/part-00002.jsonl",
            "in/five-thousand/part-00003.jsonl",
            "in/five-thousand/part-00004.jsonl",
            "in/five-thousand/part-00005.jsonl");
    assertThat(polls)
        .extracting(s -> s.rawStatus())
        .containsExactly("Validating", "Scheduled", "InProgress", "Completed");
    assertThat(polls.get(2).progress().processed()).isEqualTo(2_500);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress().total()).isEqualTo(5_000);
    assertThat(done.progress().failed()).isEqualTo(5_000 / 97);
    assertThat(sleeper.waits()).hasSize(3);

    Map<String, BatchResult<GenerationResponse>> byId = new HashMap<>();
    List<Long> order = new ArrayList<>();
    try (BatchResults<GenerationResponse> results = job.results()) {
      assertThat(results.fileCount()).isEqualTo(5);
      for (BatchResult<GenerationResponse> r : results) {
        assertThat(byId.put(r.recordId(), r)).isNull();
        order.add(r.inputIndex());
      }
    }
    assertThat(byId).hasSize(5_000);
    assertThat(order).isNotEqualTo(order.stream().sorted().toList());
    List<BatchResult<GenerationResponse>> failures =
        byId.values().stream().filter(r -> !r.isSuccess()).toList();
    assertThat(failures)
        .hasSize(5_000 / 97)
        .allSatisfy(f -> assertThat(f.error().orElseThrow().code()).isEqualTo(400));
    assertThatThrownBy(() -> failures.get(0).get())
        .hasMessageContaining(failures.get(0).recordId());

    // The join is right: each answer is what a synchronous call with the same request gets.
    try (BedrockGenerationClient sync =
        BedrockGenerationClient.builder()
            .endpointOverride(bedrock.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      int checked = 0;
      for (int i = 0; i < 5_000 && checked < 25; i += 199) {
        BatchResult<GenerationResponse> r = byId.get(BatchRecord.autoId(i));
        if (r.isSuccess()) {
          assertThat(r.get().text()).isEqualTo(sync.generate(requests.get(i)).text());
          assertThat(r.get().metadata().attributes()).containsEntry("batchJobArn", job.id());
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(20);
    }

    BatchManifest manifest = job.manifest().orElseThrow();
    assertThat(manifest.totalRecordCount()).isEqualTo(5_000);
    assertThat(manifest.errorRecordCount()).isEqualTo(5_000 / 97);
    assertThat(manifest.successRecordCount()).isEqualTo(5_000 - 5_000 / 97);
    assertThat(manifest.outputTokenCount()).isPositive();
  }

  @Test
  void reattachByArn_inANewClient_readsTheSameResults() {
    List<GenerationRequest> requests = requests(150);
    String arn = batch.submit(config("reattach"), requests).id();

    try (BedrockClient otherControl = control();
        BedrockBatchClient other =
            BedrockBatchClient.builder()
                .bedrockClient(otherControl)
                .s3Client(s3)
                .awaitPolicy(AwaitPolicy.builder().sleeper(sleeper).build())
                .build()) {
      BatchJob again = other.attach(arn);
      assertThat(again.await(Duration.ofHours(1)).status()).isEqualTo(BatchJobStatus.COMPLETED);
      BatchJobInfo info = again.info();
      assertThat(info.jobName()).isEqualTo("reattach");
      assertThat(info.modelId()).isEqualTo(MODEL);
      assertThat(info.inputUri()).isEqualTo("s3://" + bucket + "/in/reattach/");
      Set<Long> indexes = new HashSet<>();
      try (BatchResults<GenerationResponse> results = again.results()) {
        results.stream().forEach(r -> indexes.add(r.inputIndex()));
      }
      assertThat(indexes).hasSize(150).contains(0L, 149L);
      assertThat(other.list().map(BatchJobInfo::jobArn)).contains(arn);
      assertThat(other.list(BatchJobStatus.COMPLETED).map(BatchJobInfo::jobArn)).contains(arn);
    }
    assertThatThrownBy(() -> batch.attach(arn + "nope")).hasMessageContaining("nope");
  }

  @Test
  void stop_whileInProgress_endsStoppedWithTheRecordsProcessedSoFar() {
    BatchJob job = batch.submit(config("stopping"), requests(200));
    assertThat(job.refresh().status()).isEqualTo(BatchJobStatus.VALIDATING);
    assertThat(job.refresh().status()).isEqualTo(BatchJobStatus.SCHEDULED);
    assertThat(job.refresh().progress().processed()).isEqualTo(100);

    job.stop();
    List<String> seen = new ArrayList<>();
    JobSnapshot<BatchJobStatus> end = job.await(Duration.ofHours(1), s -> seen.add(s.rawStatus()));

    assertThat(seen).containsExactly("Stopping", "Stopped");
    assertThat(end.state()).isEqualTo(JobState.STOPPED);
    try (BatchResults<GenerationResponse> results = job.results()) {
      assertThat(results.stream().count()).isEqualTo(100);
    }
    assertThatThrownBy(job::stop).hasMessageContaining("Stopped");
  }

  @Test
  void expiry_andPartialCompletion_areTypedTerminalStates() {
    bedrock.batchJobs().expireNextJob();
    BatchJob expired = batch.submit(config("expiring"), requests(120));
    JobSnapshot<BatchJobStatus> e = expired.await(Duration.ofHours(1));
    assertThat(e.status()).isEqualTo(BatchJobStatus.EXPIRED);
    assertThat(e.state()).isEqualTo(JobState.EXPIRED);
    assertThat(expired.results().fileCount()).isZero();

    bedrock.batchJobs().partiallyCompleteNextJob(150);
    BatchJob partial = batch.submit(config("partial"), requests(200));
    JobSnapshot<BatchJobStatus> p = partial.await(Duration.ofHours(1));
    assertThat(p.status()).isEqualTo(BatchJobStatus.PARTIALLY_COMPLETED);
    assertThat(p.progress().processed()).isEqualTo(150);
    try (BatchResults<GenerationResponse> results = partial.results()) {
      assertThat(results.stream().filter(BatchResult::isSuccess).count()).isEqualTo(150);
    }
  }

  @Test
  void deadline_passes_whileTheJobRuns() {
    bedrock.batchJobs().processingSteps(50);
    BatchJob job = batch.submit(config("slow"), requests(100));
    assertThatThrownBy(() -> job.await(Duration.ofMinutes(2)))
        .isInstanceOf(dev.genaiaws.core.job.JobDeadlineExceededException.class)
        .hasMessageContaining("InProgress");
    assertThat(sleeper.waits().stream().mapToLong(Duration::toSeconds).sum()).isEqualTo(120);
  }

  @Test
  void refusals_happenBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> batch.submit(config("few"), requests(5)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at least 100 records")
        .hasMessageContaining("holds 5");
    BedrockBatchClient capped = newClient(BatchLimits.defaults().withMaxRecordsPerJob(150));
    assertThatThrownBy(() -> capped.submit(config("many"), requests(151)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("more than 150 records");

    List<GenerationRequest> withTools = new ArrayList<>(requests(150));
    withTools.set(
        77,
        withTools.get(77).toBuilder().additionalModelFields(Map.of("tools", List.of())).build());
    assertThatThrownBy(() -> batch.submit(config("tools"), withTools))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(BatchRecord.autoId(77))
        .hasMessageContaining("tool use");

    List<GenerationRequest> otherModel = new ArrayList<>(requests(150));
    otherModel.set(
        3, otherModel.get(3).toBuilder().modelId("meta.llama3-8b-instruct-v1:0").build());
    assertThatThrownBy(() -> batch.submit(config("mixed"), otherModel))
        .hasMessageContaining("submit a job per model");

    BatchJobConfig provisioned =
        config("provisioned").toBuilder()
            .modelId("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc")
            .build();
    assertThatThrownBy(() -> batch.submit(provisioned, requests(150)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("provisioned throughput");

    List<BatchRecord<GenerationRequest>> dup =
        List.of(BatchRecord.of("a1", requests(1).get(0)), BatchRecord.of("a1", requests(1).get(0)));
    assertThatThrownBy(() -> batch.submitRecords(config("dup"), dup.iterator()))
        .hasMessageContaining("twice");

    assertThat(keys("in/")).isEmpty();
    assertThat(bedrock.requests())
        .noneMatch(
            r ->
                r.path().contains("model-invocation-job")
                    && r.body().length > 0
                    && new String(r.body(), StandardCharsets.UTF_8)
                        .contains("\"jobName\":\"few\""));
  }

  @Test
  void converseJob_forAModelWithoutCodec_withVpcAndKms_answersAsConverseCalls() throws Exception {
    String model = "deepseek.r1-v1:0";
    String key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    VpcConfig vpc =
        VpcConfig.of(
            List.of("subnet-0a1b2c3d", "subnet-4e5f6a7b"), List.of("sg-0123456789abcdef0"));
    List<GenerationRequest> requests =
        IntStream.range(0, 120)
            .mapToObj(
                i ->
                    GenerationRequest.builder()
                        .modelId(model)
                        .system("Answer in one line.")
                        .user("Name a fact about number " + i)
                        .inferenceConfig(c -> c.maxTokens(60))
                        .build())
            .toList();
    BatchJobConfig config =
        config("converse").toBuilder().modelId(model).vpc(vpc).outputKmsKeyId(key).build();

    BatchJob job = batch.submit(config, requests);

    RecordedRequest create =
        bedrock.requests().stream()
            .filter(
                r ->
                    r.operation().equals("CreateModelInvocationJob")
                        && r.bodyUtf8().contains("\"converse\""))
            .findFirst()
            .orElseThrow();
    JsonNode sent = new ObjectMapper().readTree(create.body());
    assertThat(sent.path("modelInvocationType").asText()).isEqualTo("Converse");
    assertThat(sent.at("/vpcConfig/subnetIds/1").asText()).isEqualTo("subnet-4e5f6a7b");
    assertThat(sent.at("/vpcConfig/securityGroupIds/0").asText()).isEqualTo("sg-0123456789abcdef0");
    assertThat(sent.at("/outputDataConfig/s3OutputDataConfig/s3EncryptionKeyId").asText())
        .isEqualTo(key);
    String firstLine =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("in/converse/part-00001.jsonl"))
            .asUtf8String()
            .lines()
            .findFirst()
            .orElseThrow();
    JsonNode record = new ObjectMapper().readTree(firstLine);
    assertThat(record.at("/modelInput/messages/0/content/0/text").asText())
        .isEqualTo("Name a fact about number 0");
    assertThat(record.at("/modelInput/system/0/text").asText()).isEqualTo("Answer in one line.");

    assertThat(job.await(Duration.ofHours(1)).state()).isEqualTo(JobState.SUCCEEDED);
    BatchJobInfo info = job.info();
    assertThat(info.invocationType()).isEqualTo("Converse");
    assertThat(info.vpc()).isEqualTo(vpc);
    assertThat(info.outputKmsKeyId()).isEqualTo(key);
    Map<String, GenerationResponse> byId = new HashMap<>();
    try (BatchResults<GenerationResponse> results = job.results()) {
      results.forEach(r -> byId.put(r.recordId(), r.get()));
    }
    assertThat(byId).hasSize(120);
    // the join is right: each answer is what a synchronous Converse call with the same request gets
    try (BedrockGenerationClient sync =
        BedrockGenerationClient.builder()
            .endpointOverride(bedrock.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      for (int i : new int[] {0, 57, 119}) {
        GenerationResponse expected = sync.generate(requests.get(i));
        GenerationResponse got = byId.get(BatchRecord.autoId(i));
        assertThat(got.text()).isNotBlank().isEqualTo(expected.text());
        assertThat(got.usage().outputTokens()).isEqualTo(expected.usage().outputTokens());
        assertThat(got.metadata().attributes()).containsEntry("batchJobArn", job.id());
      }
    }
    assertThat(job.manifest().orElseThrow().outputTokenCount()).isPositive();
  }

  @Test
  void converseJob_forced_onACodecModel_andRefusedForEmbeddings() throws Exception {
    BatchJob job =
        batch.submit(config("forced").toBuilder().api(BedrockApi.CONVERSE).build(), requests(100));
    assertThat(job.info().invocationType()).isEqualTo("Converse");
    assertThat(job.await(Duration.ofHours(1)).state()).isEqualTo(JobState.SUCCEEDED);
    try (BatchResults<GenerationResponse> results = job.results()) {
      assertThat(results.stream().filter(BatchResult::isSuccess).count()).isEqualTo(100);
    }
    BatchJobConfig embed =
        config("embed-converse").toBuilder()
            .modelId("amazon.titan-embed-text-v2:0")
            .api(BedrockApi.CONVERSE)
            .build();
    assertThatThrownBy(
            () ->
                batch.submitEmbeddings(
                    embed,
                    List.of(
                        EmbeddingRequest.builder()
                            .modelId("amazon.titan-embed-text-v2:0")
                            .text("x")
                            .build())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("InvokeModel");
    assertThatThrownBy(
            () ->
                config("vpc").toBuilder()
                    .vpc(VpcConfig.of(List.of("subnet-1"), List.of("group-1")))
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("sg-");
    assertThatThrownBy(() -> config("kms").toBuilder().outputKmsKeyId("my key").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("alias/");
  }

  @Test
  void quotasFromServiceQuotas_checkTheInputBeforeAnythingIsWritten() {
    try (ServiceQuotasEmulator emulator =
            ServiceQuotasEmulator.builder()
                .bedrockBatchQuotas("Titan Text G1 - Express", 150, 400, 100, 1, 5)
                .start();
        ServiceQuotasClient sq = BatchQuotasTest.client(emulator);
        BatchQuotas quotas = BatchQuotas.builder().serviceQuotasClient(sq).build();
        BedrockClient ctl = control();
        BedrockBatchClient withQuotas =
            BedrockBatchClient.builder()
                .bedrockClient(ctl)
                .s3Client(s3)
                .quotas(quotas)
                .awaitPolicy(AwaitPolicy.builder().sleeper(sleeper).build())
                .build()) {
      BatchJobConfig named =
          config("quota").toBuilder().quotaModelName("Titan Text G1 - Express").build();

      assertThatThrownBy(() -> withQuotas.submit(named, requests(120)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("at least 150 records");
      assertThatThrownBy(() -> withQuotas.submit(named, requests(401)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("more than 400 records");
      assertThat(keys("in/quota/")).isEmpty();

      BatchJob job = withQuotas.submit(named, requests(250));
      assertThat(keys("in/quota/"))
          .containsExactly(
              "in/quota/part-00001.jsonl",
              "in/quota/part-00002.jsonl",
              "in/quota/part-00003.jsonl");
      assertThat(job.await(Duration.ofHours(1)).state()).isEqualTo(JobState.SUCCEEDED);

      assertThatThrownBy(() -> batch.submit(named, requests(150)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("BatchQuotas");
    }
  }

  @Test
  void occupiedInputFolder_isRefused() {
    s3.putObject(b -> b.bucket(bucket).key("in/taken/old.jsonl"), RequestBody.fromString("{}"));
    assertThatThrownBy(() -> batch.submit(config("taken"), requests(150)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("already holds objects");
  }

  @Test
  void embeddings_roundTrip_withOwnRecordIds() {
    String model = "amazon.titan-embed-text-v2:0";
    List<BatchRecord<EmbeddingRequest>> records =
        IntStream.range(0, 120)
            .mapToObj(
                i ->
                    BatchRecord.of(
                        "doc" + i,
                        EmbeddingRequest.builder()
                            .modelId(model)
                            .text("document " + i)
                            .dimensions(256)
                            .build()))
            .toList();
    BatchJob job =
        batch.submitEmbeddingRecords(
            config("embed").toBuilder().modelId(model).build(), records.iterator());
    assertThat(job.await(Duration.ofHours(1)).state()).isEqualTo(JobState.SUCCEEDED);
    try (BatchResults<EmbeddingResponse> results = job.embeddingResults()) {
      List<BatchResult<EmbeddingResponse>> all = results.stream().toList();
      assertThat(all)
          .hasSize(120)
          .allSatisfy(
              r -> {
                assertThat(r.recordId()).startsWith("doc");
                assertThat(r.inputIndex()).isEqualTo(-1);
                assertThat(r.get().dimensions()).isEqualTo(256);
              });
    }
  }

  @Test
  void saveResults_storesEachAnswerWithItsPrompt(@TempDir Path dir) {
    List<GenerationRequest> requests = requests(110);
    BatchJob job = batch.submit(config("saved"), requests);
    job.await(Duration.ofHours(1));
    try (FileGenerationStore store = FileGenerationStore.create(dir)) {
      long saved = job.saveResults(store, id -> requests.get((int) BatchRecord.indexOf(id)));
      assertThat(saved).isEqualTo(110);
      assertThat(store.list("")).hasSize(110);
    }
  }

  @Test
  void emulator_failsJobsWithInvalidInput_asTheServiceDoes() {
    bedrock.batchJobs().minRecordsPerJob(1);
    try (BedrockClient control = control()) {
      assertThat(
              runRaw(
                  control,
                  "bad-line",
                  "part.jsonl",
                  "{\"recordId\":\"a\",\"modelInput\":{\"inputText\":\"hi\"}}\nnot json\n"))
          .contains("Invalid JSONL");
      assertThat(runRaw(control, "no-input", "part.jsonl", "{\"recordId\":\"a\"}\n"))
          .contains("Missing modelInput");
      assertThat(
              runRaw(
                  control,
                  "wrong-ext",
                  "part.json",
                  "{\"recordId\":\"a\",\"modelInput\":{\"inputText\":\"hi\"}}\n"))
          .contains("file extension");
      bedrock.batchJobs().minRecordsPerJob(100);
      assertThat(
              runRaw(
                  control,
                  "too-few",
                  "part.jsonl",
                  "{\"recordId\":\"a\",\"modelInput\":{\"inputText\":\"hi\"}}\n"))
          .contains("less than the minimum of 100");
      assertThatThrownBy(
              () ->
                  control.createModelInvocationJob(
                      b ->
                          b.jobName("bad name!")
                              .roleArn(ROLE)
                              .modelId(MODEL)
                              .inputDataConfig(
                                  i -> i.s3InputDataConfig(s -> s.s3Uri("s3://" + bucket + "/x/")))
                              .outputDataConfig(
                                  o ->
                                      o.s3OutputDataConfig(
                                          s -> s.s3Uri("s3://" + bucket + "/out/")))))
          .hasMessageContaining("jobName");
    }
  }

  /**
   * Writes one input file as-is, runs a job on it with the raw SDK client, returns the job's final
   * message.
   */
  private String runRaw(BedrockClient control, String name, String file, String content) {
    s3.putObject(
        b -> b.bucket(bucket).key("raw/" + name + "/" + file), RequestBody.fromString(content));
    String arn =
        control
            .createModelInvocationJob(
                b ->
                    b.jobName(name)
                        .roleArn(ROLE)
                        .modelId(MODEL)
                        .inputDataConfig(
                            i ->
                                i.s3InputDataConfig(
                                    s -> s.s3Uri("s3://" + bucket + "/raw/" + name + "/")))
                        .outputDataConfig(
                            o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://" + bucket + "/out/"))))
            .jobArn();
    for (int i = 0; i < 10; i++) {
      var job = control.getModelInvocationJob(b -> b.jobIdentifier(arn));
      if ("Failed".equals(job.statusAsString())) {
        return job.message();
      }
    }
    throw new AssertionError("job " + name + " did not fail");
  }

  /**
   * Reads a 100,000-record result set while measuring the heap retained after GC: results are
   * streamed, so it stays far below what 100,000 decoded responses would take (their text alone is
   * about 50 MB).
   */
  @Test
  void memory_readingOneHundredThousandResults_keepsTheHeapBounded(@TempDir Path dir)
      throws Exception {
    BatchJob job = batch.submit(config("big"), requests(100));
    job.await(Duration.ofHours(1));
    String folder = "out/" + job.info().jobId() + "/";
    int perFile = 33_334;
    int written = 0;
    for (int f = 2; written < 100_000; f++) {
      Path file = dir.resolve("part-" + f + ".jsonl.out");
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (int i = 0; i < perFile && written < 100_000; i++, written++) {
          String text = ("Batch answer number " + written + " ").repeat(20);
          w.write(
              "{\"recordId\":\"x"
                  + written
                  + "\",\"modelInput\":{\"inputText\":\"q\"},\"modelOutput\":"
                  + "{\"inputTextTokenCount\":3,\"results\":[{\"tokenCount\":40,\"outputText\":\""
                  + text
                  + "\",\"completionReason\":\"FINISH\"}]}}\n");
        }
      }
      String key = folder + "part-" + f + ".jsonl.out";
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long peak = 0;
    long peakUsed = before;
    long count = 0;
    long chars = 0;
    try (BatchResults<GenerationResponse> results = job.results()) {
      for (BatchResult<GenerationResponse> r : results) {
        count++;
        chars += r.get().text().length();
        if (count % 20_000 == 0) {
          System.gc();
          long used = rt.totalMemory() - rt.freeMemory();
          peakUsed = Math.max(peakUsed, used);
          peak = Math.max(peak, used - before);
        }
      }
    }
    System.out.printf(
        "[batch memory] read %d results (%d MB of text); heap used after GC: %d MB before reading,"
            + " at most %d MB while reading (+%d KB)%n",
        count,
        chars / 1_000_000,
        before / (1024 * 1024),
        peakUsed / (1024 * 1024),
        Math.max(0, peak) / 1024);
    assertThat(count).isEqualTo(100_100);
    assertThat(peak).isLessThan(32L * 1024 * 1024);
  }

  // --- SageMaker batch transform ---

  static SageMakerEmulator sagemaker;

  static SageMakerClient sageMakerControl() {
    return SageMakerClient.builder()
        .endpointOverride(sagemaker.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  SageMakerTransformClient transformClient(SageMakerClient control) {
    return SageMakerTransformClient.builder()
        .sagemakerClient(control)
        .s3Client(s3)
        .limits(BatchLimits.defaults().withFileLimits(100, 1L << 30))
        .awaitPolicy(AwaitPolicy.builder().sleeper(sleeper).build())
        .build();
  }

  TransformJobConfig transformConfig(String name) {
    return TransformJobConfig.builder()
        .jobName(name)
        .endpointName("llm")
        .format(SageMakerFormats.TGI)
        .inputUri("s3://" + bucket + "/tin/")
        .outputUri("s3://" + bucket + "/tout/")
        .instanceType("ml.g5.2xlarge")
        .tag("suite", "e2e")
        .build();
  }

  static List<GenerationRequest> endpointRequests(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                GenerationRequest.builder()
                    .modelId("llm")
                    .user("Summarise item " + i)
                    .inferenceConfig(c -> c.maxTokens(30))
                    .build())
        .toList();
  }

  @Test
  void transform_multiFile_resultsInInputOrder_matchTheEndpoint_andReattachByName() {
    List<GenerationRequest> requests = endpointRequests(250);
    try (SageMakerClient control = sageMakerControl();
        SageMakerTransformClient transform = transformClient(control)) {
      String volumeKey = "1234abcd-12ab-34cd-56ef-1234567890ab";
      TransformJob job =
          transform.submit(
              transformConfig("summaries").toBuilder()
                  .volumeKmsKeyId(volumeKey)
                  .outputKmsKeyId("alias/transform-output")
                  .build(),
              requests);
      JobSnapshot<TransformJobStatus> end = job.await(Duration.ofHours(1));
      assertThat(end.status()).isEqualTo(TransformJobStatus.COMPLETED);
      assertThat(job.info().transformResources().volumeKmsKeyId()).isEqualTo(volumeKey);
      assertThat(job.info().transformOutput().kmsKeyId()).isEqualTo("alias/transform-output");
      assertThat(keys("tin/summaries/")).hasSize(3);

      List<BatchResult<GenerationResponse>> all;
      try (BatchResults<GenerationResponse> results =
          transform.attach("summaries", SageMakerFormats.TGI).results()) {
        assertThat(results.fileCount()).isEqualTo(3);
        all = results.stream().toList();
      }
      assertThat(all)
          .extracting(BatchResult::inputIndex)
          .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(i -> (long) i).toList());
      try (SageMakerGenerationClient sync =
          SageMakerGenerationClient.builder()
              .endpointOverride(sagemaker.endpoint())
              .region(Region.US_EAST_1)
              .defaultFormat(SageMakerFormats.TGI)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              .build()) {
        for (int i : new int[] {0, 101, 249}) {
          assertThat(all.get(i).get().text()).isEqualTo(sync.generate(requests.get(i)).text());
        }
      }
    }
  }

  @Test
  void transform_embeddings_vectorsJoinedToTheCallersRecordIds_alsoAfterReattach() {
    List<BatchRecord<EmbeddingRequest>> records =
        IntStream.range(0, 130)
            .mapToObj(
                i ->
                    BatchRecord.of(
                        "doc" + (5000 - i),
                        EmbeddingRequest.builder()
                            .modelId("embedder")
                            .texts(
                                List.of(
                                    "first chunk of document " + i,
                                    "second chunk of document " + i))
                            .build()))
            .toList();
    try (SageMakerClient control = sageMakerControl();
        SageMakerTransformClient transform = transformClient(control)) {
      TransformJobConfig config =
          transformConfig("vectors").toBuilder()
              .endpointName("embedder")
              .format(SageMakerFormats.JUMPSTART_EMBEDDING)
              .build();
      TransformJob job = transform.submitEmbeddingRecords(config, records.iterator());
      assertThat(job.await(Duration.ofHours(1)).status()).isEqualTo(TransformJobStatus.COMPLETED);
      assertThat(keys("tin/vectors/")).hasSize(2);
      assertThat(keys("tin/vectors.ids/"))
          .containsExactly(
              "tin/vectors.ids/records-0000000000.ids", "tin/vectors.ids/records-0000000100.ids");

      Map<String, EmbeddingResponse> byId = new java.util.LinkedHashMap<>();
      try (BatchResults<EmbeddingResponse> results =
          transform.attach("vectors", SageMakerFormats.JUMPSTART_EMBEDDING).embeddingResults()) {
        results.forEach(r -> byId.put(r.recordId(), r.get()));
      }
      assertThat(byId.keySet())
          .containsExactlyElementsOf(records.stream().map(BatchRecord::recordId).toList());
      assertThat(byId.values())
          .allSatisfy(
              v -> assertThat(v.vectors()).hasSize(2).allSatisfy(f -> assertThat(f).hasSize(384)));
      try (SageMakerEmbeddingClient sync =
          SageMakerEmbeddingClient.builder()
              .endpointOverride(sagemaker.endpoint())
              .region(Region.US_EAST_1)
              .defaultFormat(SageMakerFormats.JUMPSTART_EMBEDDING)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              .build()) {
        for (int i : new int[] {0, 64, 129}) {
          BatchRecord<EmbeddingRequest> r = records.get(i);
          EmbeddingResponse direct = sync.embed(r.request());
          assertThat(byId.get(r.recordId()).vectors().get(0))
              .containsExactly(direct.vectors().get(0));
          assertThat(byId.get(r.recordId()).vectors().get(1))
              .containsExactly(direct.vectors().get(1));
        }
      }
      assertThatThrownBy(job::results)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("generation formats");

      List<EmbeddingRequest> tooMany =
          List.of(
              EmbeddingRequest.builder()
                  .modelId("embedder")
                  .texts(IntStream.range(0, 33).mapToObj(i -> "t" + i).toList())
                  .build());
      assertThatThrownBy(
              () ->
                  transform.submitEmbeddings(
                      config.toBuilder().jobName("too-many").build(), tooMany))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("at most 32");
      assertThatThrownBy(
              () ->
                  transform.submit(
                      config.toBuilder().jobName("wrong-kind").build(), endpointRequests(3)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("generation formats");
      assertThat(keys("tin/too-many")).isEmpty();
    }
  }

  @Test
  void transform_refusedRecord_failsTheJob_andStopEndsStopped() {
    List<GenerationRequest> requests = new ArrayList<>(endpointRequests(20));
    requests.set(
        7,
        requests.get(7).toBuilder()
            .additionalModelFields(Map.of("parameters", Map.of("top_k", 0)))
            .build());
    try (SageMakerClient control = sageMakerControl();
        SageMakerTransformClient transform = transformClient(control)) {
      JobSnapshot<TransformJobStatus> failed =
          transform.submit(transformConfig("refused"), requests).await(Duration.ofHours(1));
      assertThat(failed.state()).isEqualTo(JobState.FAILED);
      assertThat(failed.message()).contains("ClientError");

      TransformJob stopping = transform.submit(transformConfig("stopping"), endpointRequests(20));
      assertThat(stopping.refresh().status()).isEqualTo(TransformJobStatus.IN_PROGRESS);
      stopping.stop();
      assertThat(stopping.await(Duration.ofHours(1)).status())
          .isEqualTo(TransformJobStatus.STOPPED);

      assertThatThrownBy(
              () ->
                  transform.submit(
                      transformConfig("nomodel").toBuilder()
                          .endpointName(null)
                          .modelName("missing")
                          .build(),
                      endpointRequests(3)))
          .hasMessageContaining("missing");
      assertThatThrownBy(
              () -> transformConfig("badkey").toBuilder().outputKmsKeyId("not a key!").build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("outputKmsKeyId");
    }
  }
}
