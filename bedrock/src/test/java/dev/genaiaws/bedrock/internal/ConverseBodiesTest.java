package dev.genaiaws.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.BedrockOptions;
import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.GenerationRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Converse bodies as data (batch records): written by the SDK's marshaller from the one Converse
 * mapping, read back by its unmarshaller, checked against real captured Converse payloads ({@code
 * /converse/SOURCE.md}).
 */
class ConverseBodiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConverseWire WIRE =
      new ConverseWire(
          new GenerationRuntime.Settings(
              "bedrock", BedrockCodecs.textRegistry(), null, null, null, null, null, null),
          null,
          null);

  @Test
  void requestBody_capturedRequest_sameMessagesSystemAndGuardrail() throws IOException {
    // the request pydantic-ai sent to Converse (guardrail.request.json), rebuilt from neutral
    // values
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId("us.amazon.nova-micro-v1:0")
            .system("You are a helpful chatbot.")
            .user("What is the capital of France?")
            .option(
                BedrockOptions.builder()
                    .guardrail("xbgw7g293v7o", "DRAFT")
                    .trace("ENABLED")
                    .build())
            .build();

    JsonNode body = JSON.readTree(WIRE.encode(request));

    JsonNode captured = JSON.readTree(resource("guardrail.request.json"));
    assertThat(body.get("messages")).isEqualTo(captured.get("messages"));
    assertThat(body.get("system")).isEqualTo(captured.get("system"));
    assertThat(body.get("guardrailConfig")).isEqualTo(captured.get("guardrailConfig"));
    assertThat(body.has("modelId")).as("Converse sends the model id in the path").isFalse();
  }

  @Test
  void requestBody_parametersCheckedAsACall() throws IOException {
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId("deepseek.r1-v1:0")
            .user("hi")
            .inferenceConfig(
                c -> c.maxTokens(300).temperature(0.5).stopSequences(java.util.List.of("END")))
            .build();

    JsonNode body = JSON.readTree(WIRE.encode(request));

    assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(300);
    assertThat(body.at("/inferenceConfig/temperature").asDouble()).isEqualTo(0.5);
    assertThat(body.at("/inferenceConfig/stopSequences/0").asText()).isEqualTo("END");
    GenerationRequest tooHot =
        GenerationRequest.builder()
            .modelId("deepseek.r1-v1:0")
            .user("hi")
            .inferenceConfig(c -> c.temperature(1.5))
            .build();
    assertThatThrownBy(() -> WIRE.encode(tooHot))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("temperature");
  }

  @Test
  void response_capturedAnswer_textStopAndCacheUsage() throws IOException {
    GenerationResponse r = ConverseWire.response(resource("cache-read.response.json"));

    assertThat(r.text()).isEqualTo("21");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("end_turn");
    assertThat(r.usage().inputTokens()).isEqualTo(2);
    assertThat(r.usage().outputTokens()).isEqualTo(5);
    assertThat(r.usage().cacheReadInputTokens()).isEqualTo(1322);
  }

  @Test
  void response_capturedToolAnswerWithThinking_allBlocks() throws IOException {
    GenerationResponse r = ConverseWire.response(resource("tool-with-thinking-1.response.json"));

    assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(r.reasoning()).hasSize(1);
    assertThat(r.reasoning().get(0).signature()).isNotBlank();
    assertThat(r.toolUses()).hasSize(1);
  }

  @Test
  void response_notAConverseBody_codecExceptionWithoutTheBody() {
    byte[] secret = "{\"output\": \"top secret answer\"".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ConverseWire.response(secret))
        .isInstanceOf(CodecException.class)
        .message()
        .doesNotContain("top secret");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ConverseBodiesTest.class.getResourceAsStream("/converse/" + name)) {
      return in.readAllBytes();
    }
  }
}
