package dev.genaiaws.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.genaiaws.batch.BatchJob;
import dev.genaiaws.batch.BatchJobConfig;
import dev.genaiaws.batch.BedrockBatchClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.testkit.BedrockEmulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Bedrock batch job submission is one span, through the real client against S3Mock and the
 * emulator.
 */
class BatchTelemetryTest {
  private static final String MODEL = "amazon.titan-text-express-v1";
  private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockBatchRole";

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withInitialBuckets("batch")
          .build();

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  static S3Client s3;
  static BedrockEmulator bedrock;
  static BedrockClient control;

  @BeforeAll
  static void start() {
    s3 = S3_MOCK.createS3ClientV2();
    bedrock = BedrockEmulator.start();
    bedrock.batchJobs().s3Client(s3);
    control =
        BedrockClient.builder()
            .endpointOverride(bedrock.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    control.close();
    bedrock.close();
    s3.close();
  }

  private static List<GenerationRequest> requests() {
    return IntStream.range(0, 100)
        .mapToObj(
            i ->
                GenerationRequest.builder()
                    .modelId(MODEL)
                    .user("One line about topic " + i)
                    .inferenceConfig(c -> c.maxTokens(20))
                    .build())
        .toList();
  }

  private static BatchJobConfig config(String name) {
    return BatchJobConfig.builder()
        .jobName(name)
        .modelId(MODEL)
        .roleArn(ROLE)
        .inputUri("s3://batch/in/")
        .outputUri("s3://batch/out/")
        .build();
  }

  private static String str(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @Test
  void submittedJob_isOneSpan_thenAFailedSubmissionIsAnErrorSpan() {
    GenAiTelemetry telemetry = GenAiTelemetry.create(OTEL.getOpenTelemetry());
    try (BedrockBatchClient batch =
        BedrockBatchClient.builder()
            .bedrockClient(control)
            .s3Client(s3)
            .listener(telemetry)
            .build()) {
      BatchJob job = batch.submit(config("telemetry-ok"), requests());
      assertThat(job.id()).isNotBlank();

      List<SpanData> spans = OTEL.getSpans();
      assertThat(spans).hasSize(1);
      SpanData span = spans.get(0);
      assertThat(span.getName()).isEqualTo("create_batch_job " + MODEL);
      assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(str(span, "gen_ai.operation.name")).isEqualTo("create_batch_job");
      assertThat(str(span, "gen_ai.provider.name")).isEqualTo("aws.bedrock");
      assertThat(str(span, "gen_ai.request.model")).isEqualTo(MODEL);
      assertThat(str(span, "aws.request_id")).isNotBlank();
      assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

      // the same job name again: its input folder is not empty, so the submission fails before any
      // job is made
      assertThatThrownBy(() -> batch.submit(config("telemetry-ok"), requests()))
          .isInstanceOf(InvalidRequestException.class);
      spans = OTEL.getSpans();
      assertThat(spans).hasSize(2);
      SpanData failed = spans.get(1);
      assertThat(failed.getName()).isEqualTo("create_batch_job " + MODEL);
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(str(failed, "error.type")).isEqualTo("InvalidRequestException");
      assertThat(telemetry.openSpans()).isZero();
    }
  }
}
