package dev.genaiaws.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.batch.internal.InputFiles;
import dev.genaiaws.batch.internal.ProfileHint;
import dev.genaiaws.batch.internal.RecordEncoder;
import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.job.JobState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class BatchValuesTest {
  static final String MODEL = "meta.llama3-8b-instruct-v1:0";

  @Test
  void status_everyServiceStatusIsTyped() {
    assertThat(
            List.of(
                "Submitted",
                "Validating",
                "Scheduled",
                "InProgress",
                "Completed",
                "PartiallyCompleted",
                "Failed",
                "Stopping",
                "Stopped",
                "Expired"))
        .allSatisfy(
            raw -> {
              BatchJobStatus s = BatchJobStatus.fromWire(raw);
              assertThat(s).isNotEqualTo(BatchJobStatus.UNKNOWN);
              assertThat(s.wireName()).isEqualTo(raw);
            });
    assertThat(BatchJobStatus.fromWire("Scheduled").state()).isEqualTo(JobState.QUEUED);
    assertThat(BatchJobStatus.fromWire("PartiallyCompleted").state())
        .isEqualTo(JobState.PARTIALLY_SUCCEEDED);
    assertThat(BatchJobStatus.fromWire("Expired").isTerminal()).isTrue();
    assertThat(BatchJobStatus.fromWire("Stopping").isTerminal()).isFalse();
    assertThat(BatchJobStatus.fromWire("Paused")).isEqualTo(BatchJobStatus.UNKNOWN);
    assertThat(BatchJobStatus.fromWire(null).isTerminal()).isFalse();
  }

  @Test
  void config_validatesWithMessagesThatSayWhatToDo() {
    BatchJobConfig.Builder ok =
        BatchJobConfig.builder()
            .jobName("job-1")
            .modelId(MODEL)
            .roleArn("arn:aws:iam::123456789012:role/R")
            .inputUri("s3://b/in")
            .outputUri("s3://b/out/");
    BatchJobConfig c = ok.build();
    assertThat(c.inputUri()).isEqualTo("s3://b/in/");
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThatThrownBy(() -> ok.jobName("bad name").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("jobName");
    assertThatThrownBy(() -> ok.jobName("j").roleArn("role").build())
        .hasMessageContaining("IAM role ARN");
    assertThatThrownBy(
            () -> ok.roleArn("arn:aws:iam::123456789012:role/R").inputUri("b/in").build())
        .hasMessageContaining("s3://");
    assertThatThrownBy(() -> ok.inputUri("s3://b/").timeoutHours(12).build())
        .hasMessageContaining("[24, 168]");
    assertThatThrownBy(() -> new BatchLimits(0, 1, 1, 1, 1))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> BatchRecord.of("has space", "x"))
        .hasMessageContaining("letters and digits");
    assertThat(BatchRecord.indexOf(BatchRecord.autoId(42))).isEqualTo(42);
    assertThat(BatchRecord.indexOf("doc1")).isEqualTo(-1);
  }

  @Test
  void encoder_writesExactlyTheCodecsInvokeModelBody() {
    CodecRegistry<ModelCodec> codecs = BedrockCodecs.textRegistry();
    CodecRegistry.Resolution<ModelCodec> r = RecordEncoder.resolve(codecs, MODEL, null);
    GenerationRequest req =
        GenerationRequest.builder()
            .modelId(MODEL)
            .system("Be brief.")
            .user("Hi")
            .inferenceConfig(c -> c.maxTokens(64).temperature(0.2))
            .build();
    var encode =
        RecordEncoder.generation(
            "bedrock", codecs, null, MODEL, false, UnsupportedParameterPolicy.FAIL);

    byte[] body = encode.apply(req);

    assertThat(body).isEqualTo(r.codec().encode(req, r.baseModelId()));
    assertThatThrownBy(
            () -> encode.apply(req.toBuilder().inferenceConfig(c -> c.temperature(7.0)).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("temperature");
    assertThatThrownBy(
            () -> encode.apply(req.toBuilder().modelId("meta.llama3-70b-instruct-v1:0").build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("one model");
  }

  /** A tool input. */
  record Word(String word) {}

  @Test
  void encoder_converse_writesTheConverseBody_andRefusesTools() throws Exception {
    String deepseek = "deepseek.r1-v1:0";
    var encode =
        RecordEncoder.generation(
            "bedrock",
            BedrockCodecs.textRegistry(),
            null,
            deepseek,
            true,
            UnsupportedParameterPolicy.FAIL);
    GenerationRequest req =
        GenerationRequest.builder()
            .modelId(deepseek)
            .system("Be brief.")
            .user("Hi")
            .inferenceConfig(c -> c.maxTokens(64))
            .build();

    JsonNode body = new ObjectMapper().readTree(encode.apply(req));

    assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Hi");
    assertThat(body.at("/system/0/text").asText()).isEqualTo("Be brief.");
    assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(64);
    GenerationRequest withTools =
        req.toBuilder()
            .toolConfig(ToolConfig.of(ToolSpec.of("lookup", "Looks a word up", Word.class)))
            .build();
    assertThatThrownBy(() -> encode.apply(withTools))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("tool use");
  }

  @Test
  void inputFiles_splitByRecordsAndBytes_andCleanUp() throws Exception {
    List<BatchRecord<String>> records =
        IntStream.range(0, 25)
            .mapToObj(i -> BatchRecord.of(BatchRecord.autoId(i), String.format("{\"n\":%02d}", i)))
            .toList();
    Path dir;
    try (InputFiles files =
        InputFiles.write(
            records.iterator(),
            s -> s.getBytes(StandardCharsets.UTF_8),
            new BatchLimits(1, 100, 10, 1 << 20, 1 << 30))) {
      assertThat(files.files()).extracting(InputFiles.File::records).containsExactly(10, 10, 5);
      assertThat(files.records()).isEqualTo(25);
      List<String> lines = Files.readAllLines(files.files().get(2).path(), StandardCharsets.UTF_8);
      assertThat(lines)
          .hasSize(5)
          .first()
          .isEqualTo("{\"recordId\":\"r0000000020\",\"modelInput\":{\"n\":20}}");
      dir = files.files().get(0).path().getParent();
    }
    assertThat(dir).doesNotExist();

    long lineBytes = "{\"recordId\":\"r0000000000\",\"modelInput\":{\"n\":00}}\n".length();
    try (InputFiles files =
        InputFiles.write(
            records.iterator(),
            s -> s.getBytes(StandardCharsets.UTF_8),
            new BatchLimits(1, 100, 1_000, lineBytes * 4 + 2, 1 << 30))) {
      assertThat(files.files())
          .extracting(InputFiles.File::records)
          .containsExactly(4, 4, 4, 4, 4, 4, 1);
      assertThat(files.files())
          .allSatisfy(f -> assertThat(Files.size(f.path())).isEqualTo(f.bytes()));
    }
  }

  @Test
  void profileHint_suggestsTheRegionsGeographyForBaseIdsOnly() {
    assertThat(ProfileHint.suggest("anthropic.claude-3-5-haiku-20241022-v1:0", Region.EU_WEST_1))
        .isEqualTo("eu.anthropic.claude-3-5-haiku-20241022-v1:0");
    assertThat(ProfileHint.suggest("amazon.nova-lite-v1:0", Region.AP_SOUTHEAST_1))
        .isEqualTo("apac.amazon.nova-lite-v1:0");
    assertThat(ProfileHint.suggest("us.amazon.nova-lite-v1:0", Region.US_EAST_1)).isNull();
    assertThat(
            ProfileHint.suggest("arn:aws:bedrock:us-east-1::foundation-model/x", Region.US_EAST_1))
        .isNull();
  }

  @Test
  void result_toStringHidesContent() {
    BatchResult<String> ok = BatchResult.success("r1", "secret answer");
    BatchResult<String> bad = BatchResult.failure("r2", new RecordError(400, "secret reason"));
    assertThat(ok.toString()).doesNotContain("secret");
    assertThat(bad.toString()).doesNotContain("secret").contains("400");
    assertThat(ok).isEqualTo(BatchResult.success("r1", "secret answer"));
    assertThat(Map.of("a", ok)).containsValue(ok);
  }
}
