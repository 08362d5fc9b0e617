package dev.genaiaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.storage.internal.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationRecordTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static GenerationRecord full() {
    return GenerationStoreContractTest.sampleRecord("The answer 🚀")
        .withCreatedAt(Instant.parse("2026-11-23T07:59:00.123456789Z"))
        .withImages(
            List.of(
                new StoredImage("blogs/x-1.png", "image/png", 11, 7L),
                new StoredImage("blogs/x-2.jpg", "image/jpeg", 6, null)));
  }

  @Test
  void write_fullRecord_followsSchemaVersion1() throws Exception {
    JsonNode json = JSON.readTree(RecordJson.write(full()));

    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "schemaVersion",
            "modelId",
            "createdAt",
            "system",
            "messages",
            "inferenceConfig",
            "imageConfig",
            "output",
            "usage",
            "requestId",
            "latency",
            "metadata",
            "images");
    assertThat(json.get("createdAt").asText()).isEqualTo("2026-11-23T07:59:00.123456789Z");
    assertThat(json.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(json.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(512);
    assertThat(json.at("/inferenceConfig/stopSequences/0").asText()).isEqualTo("END");
    assertThat(json.at("/imageConfig/width").asInt()).isEqualTo(1024);
    assertThat(json.at("/output/text").asText()).isEqualTo("The answer 🚀");
    assertThat(json.at("/output/stopReason").asText()).isEqualTo("STOP");
    assertThat(json.at("/output/rawStopReason").asText()).isEqualTo("end_turn");
    assertThat(json.at("/usage/totalTokens").asInt()).isEqualTo(335);
    assertThat(json.get("latency").asText()).isEqualTo("PT1.234000567S");
    assertThat(json.at("/metadata/topic").asText()).isEqualTo("serverless");
    assertThat(json.at("/images/0/key").asText()).isEqualTo("blogs/x-1.png");
    assertThat(json.at("/images/1").has("seed")).isFalse();
  }

  @Test
  void write_emoji_isPlainUtf8NotEscaped() {
    String text = new String(RecordJson.write(full()), StandardCharsets.UTF_8);

    assertThat(text).contains("The answer 🚀").doesNotContain("\\uD83D");
  }

  @Test
  void readWrite_fullAndMinimalRecords_roundTripEqual() {
    GenerationRecord minimal =
        GenerationRecord.builder().modelId("amazon.titan-text-express-v1").build();

    assertThat(RecordJson.read(RecordJson.write(full()), "k")).isEqualTo(full());
    assertThat(RecordJson.read(RecordJson.write(minimal), "k")).isEqualTo(minimal);
  }

  @Test
  void read_newerSchemaVersion_failsSayingUpgrade() {
    byte[] v2 = "{\"schemaVersion\":2,\"modelId\":\"m\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> RecordJson.read(v2, "blogs/new.json"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("schemaVersion 2")
        .hasMessageContaining("upgrade")
        .hasMessageContaining("blogs/new.json");
  }

  @Test
  void read_unknownFields_ignoredForForwardCompatibility() {
    byte[] json =
        "{\"schemaVersion\":1,\"modelId\":\"m\",\"futureField\":{\"x\":1},\"output\":{\"text\":\"t\"}}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(RecordJson.read(json, "k").outputText()).isEqualTo("t");
  }

  @Test
  void of_requestAndResponse_capturesPromptParametersOutputAndCallFacts() {
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId("anthropic.claude-3-haiku-20240307-v1:0")
            .system("sys")
            .user("Write a blog")
            .assistant("ok")
            .user("longer")
            .inferenceConfig(c -> c.maxTokens(100).temperature(0.2))
            .build();
    GenerationResponse response =
        GenerationResponse.builder()
            .content(
                List.of(
                    new TextBlock("Blog "),
                    new TextBlock("text"),
                    ImageBlock.of(new byte[] {1}, "image/png")))
            .stopReason(StopReason.LENGTH, "max_tokens")
            .usage(TokenUsage.of(3, 100))
            .metadata(
                new ResponseMetadata("rid-1", "resolved", Duration.ofMillis(800), 2, Map.of()))
            .build();

    GenerationRecord record = GenerationRecord.of(request, response);

    assertThat(record.modelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(record.system()).isEqualTo("sys");
    assertThat(record.messages())
        .containsExactly(
            new GenerationRecord.PromptMessage(Role.USER, "Write a blog"),
            new GenerationRecord.PromptMessage(Role.ASSISTANT, "ok"),
            new GenerationRecord.PromptMessage(Role.USER, "longer"));
    assertThat(record.inferenceConfig().maxTokens()).isEqualTo(100);
    assertThat(record.outputText()).isEqualTo("Blog text");
    assertThat(record.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(record.rawStopReason()).isEqualTo("max_tokens");
    assertThat(record.usage()).isEqualTo(TokenUsage.of(3, 100));
    assertThat(record.requestId()).isEqualTo("rid-1");
    assertThat(record.latency()).isEqualTo(Duration.ofMillis(800));
    assertThat(record.createdAt()).isNull();
    assertThat(record.images()).isEmpty();
  }

  @Test
  void toString_recordWithPromptAndOutput_printsSizesNeverContent() {
    GenerationRecord record =
        GenerationRecord.builder()
            .modelId("m")
            .system("SECRET-SYSTEM")
            .message(Role.USER, "SECRET-PROMPT")
            .outputText("SECRET-OUTPUT")
            .build();

    assertThat(record.toString())
        .doesNotContain("SECRET")
        .contains("13 chars")
        .contains("modelId=m");
    assertThat(record.messages().get(0).toString()).doesNotContain("SECRET");
  }

  @Test
  void builder_blankModelId_failsNamingField() {
    assertThatThrownBy(() -> GenerationRecord.builder().modelId(" ").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("modelId");
  }
}
