package dev.genaiaws.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.samples.custom.CustomModelSample;
import dev.genaiaws.samples.history.HistorySample;
import dev.genaiaws.samples.sagemaker.SageMakerSample;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.storage.StoredGeneration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The samples that need S3, against S3Mock (started once for this class): SageMaker asynchronous
 * inference offline ({@code --s3-endpoint}), the history of an S3 store ({@code --bucket}) and the
 * custom-model cycle.
 */
class S3SamplesTest {
  static final String BUCKET = "samples";

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withInitialBuckets(BUCKET)
          .build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** {@code --bucket} uses the SDK's default credentials chain; S3Mock accepts any credentials. */
  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void forgetCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void clear() {
    out.reset();
    err.reset();
  }

  private PrintStream stdout() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  private PrintStream stderr() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  @Test
  void sageMaker_asyncOfflineWithLocalS3_uploadsTheInputAndPrintsTheAnswerFromTheOutputObject() {
    int code =
        SageMakerSample.run(
            new String[] {
              "--mode",
              "async",
              "--s3-endpoint",
              S3_MOCK.getServiceEndpoint(),
              "--input-location",
              "s3://" + BUCKET + "/async-input/",
              "What is SageMaker?"
            },
            stdout(),
            stderr());

    String log = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(log).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isNotBlank();
    assertThat(log)
        .contains("Offline: the text below comes from the local SageMaker emulator")
        .contains("Submitted inference ")
        .contains("s3://" + BUCKET + "/async-output/");
    try (S3Client s3 = S3_MOCK.createS3ClientV2()) {
      assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("async-input/")).contents())
          .isNotEmpty();
      assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("async-output/")).contents())
          .isNotEmpty();
    }
  }

  @Test
  void sageMaker_asyncRealtimeAndStreamAgree() {
    String[] async = {
      "--mode",
      "async",
      "--s3-endpoint",
      S3_MOCK.getServiceEndpoint(),
      "--input-location",
      "s3://" + BUCKET + "/agree/",
      "Same question"
    };
    assertThat(SageMakerSample.run(async, stdout(), stderr())).isZero();
    String fromAsync = out.toString(StandardCharsets.UTF_8);
    out.reset();

    assertThat(SageMakerSample.run(new String[] {"Same question"}, stdout(), stderr())).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(fromAsync);
  }

  @Test
  void history_bucket_listsNewestFirstAndShowsOne() {
    StoredGeneration older;
    StoredGeneration newer;
    try (S3GenerationStore store =
            S3GenerationStore.builder()
                .s3Client(S3_MOCK.createS3ClientV2())
                .bucket(BUCKET)
                .prefix("history")
                .clock(Clock.fixed(Instant.parse("2026-11-20T07:00:00Z"), ZoneOffset.UTC))
                .build();
        S3GenerationStore later =
            S3GenerationStore.builder()
                .s3Client(S3_MOCK.createS3ClientV2())
                .bucket(BUCKET)
                .prefix("history")
                .clock(Clock.fixed(Instant.parse("2026-11-22T07:00:00Z"), ZoneOffset.UTC))
                .build()) {
      newer = later.save(record("amazon.nova-lite-v1:0", "the newer text, café"));
      older = store.save(record("meta.llama3-8b-instruct-v1:0", "the older text"));
    }
    String[] where = {
      "--bucket",
      BUCKET,
      "--prefix",
      "history/",
      "--region",
      "us-east-1",
      "--s3-endpoint",
      S3_MOCK.getServiceEndpoint()
    };

    assertThat(HistorySample.run(where, stdout(), stderr()))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith(newer.key() + "  2026-11-22 07:00:00Z  amazon.nova-lite-v1:0  3/4 tokens");
    assertThat(lines.get(1)).startsWith(older.key() + "  2026-11-20 07:00:00Z");
    out.reset();

    String[] show = {
      "--bucket",
      BUCKET,
      "--region",
      "us-east-1",
      "--s3-endpoint",
      S3_MOCK.getServiceEndpoint(),
      "--show",
      newer.key()
    };
    assertThat(HistorySample.run(show, stdout(), stderr())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("the newer text, café" + System.lineSeparator());
  }

  private static GenerationRecord record(String model, String text) {
    return GenerationRecord.builder()
        .modelId(model)
        .message(Role.USER, "prompt")
        .outputText(text)
        .usage(TokenUsage.of(3, 4))
        .build();
  }

  @Test
  void customModel_offlineWithLocalS3_trainsProvisionsAnswersAndDrawsTheLossCurve(@TempDir Path dir)
      throws Exception {
    Path chart = dir.resolve("loss.png");
    int code =
        CustomModelSample.run(
            new String[] {
              "--s3-endpoint",
              S3_MOCK.getServiceEndpoint(),
              "--bucket",
              BUCKET,
              "--name",
              "faq-sample",
              "--chart",
              chart.toString(),
              "--epochs",
              "2",
              Path.of("data", "qa.jsonl").toString()
            },
            stdout(),
            stderr());

    String log = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(log).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isNotBlank();
    assertThat(log)
        .contains("job: InProgress")
        .contains("job: Completed")
        .contains("throughput: InService")
        .contains("Deleted the provisioned throughput");
    byte[] png = Files.readAllBytes(chart);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(ImageIO.read(chart.toFile()).getWidth()).isEqualTo(800);
    try (S3Client s3 = S3_MOCK.createS3ClientV2()) {
      assertThat(
              s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("genai-aws/custom/faq-sample/"))
                  .contents())
          .extracting(o -> o.key())
          .containsExactly("genai-aws/custom/faq-sample/training.jsonl");
    }
  }

  @Test
  void customModel_badLineInTheData_exitsTwoNamingTheLineBeforeUploading(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("qa.jsonl");
    Files.writeString(
        data,
        "{\"question\":\"q\",\"answer\":\"a\"}\n{\"question\":\"q2\",\"answer\":\"\"}\n",
        StandardCharsets.UTF_8);

    int code =
        CustomModelSample.run(
            new String[] {
              "--s3-endpoint",
              S3_MOCK.getServiceEndpoint(),
              "--bucket",
              BUCKET,
              "--name",
              "bad-sample",
              "--chart",
              dir.resolve("x.png").toString(),
              data.toString()
            },
            stdout(),
            stderr());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("training line 2: has an empty \"completion\"");
    try (S3Client s3 = S3_MOCK.createS3ClientV2()) {
      assertThat(
              s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("genai-aws/custom/bad-sample/"))
                  .contents())
          .isEmpty();
    }
  }
}
