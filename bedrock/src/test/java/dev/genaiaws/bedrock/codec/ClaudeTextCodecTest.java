package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaudeTextCodecTest {
  private static final String FAMILY = "anthropic.claude-text";
  private static final String V2 = "anthropic.claude-v2:1";

  private final ClaudeTextCodec codec = new ClaudeTextCodec();

  /** The documented neutral request behind request.json. */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(V2)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one, in one word.")
        .inferenceConfig(
            c -> c.maxTokens(300).temperature(0.5).topP(0.9).topK(250).stopSequences("\n\nHuman:"))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGolden() {
    Golden.assertJsonEquals(FAMILY, "request.json", codec.encode(documentedRequest(), V2));
  }

  @Test
  void encode_singleTurnWithoutSystem_rendersHumanAssistantAndDefaultMaxTokens() {
    GenerationRequest r = GenerationRequest.builder().modelId(V2).user("Hi").build();

    var body = CodecJson.read(codec.encode(r, V2), FAMILY);

    assertThat(body.get("prompt").asText()).isEqualTo("\n\nHuman: Hi\n\nAssistant:");
    assertThat(body.get("max_tokens_to_sample").asInt()).isEqualTo(200);
    assertThat(body.has("temperature")).isFalse();
  }

  @Test
  void encode_consecutiveUserMessages_mergedWithBlankLine() {
    GenerationRequest r = GenerationRequest.builder().modelId(V2).user("one").user("two").build();

    assertThat(CodecJson.read(codec.encode(r, V2), FAMILY).get("prompt").asText())
        .isEqualTo("\n\nHuman: one\n\ntwo\n\nAssistant:");
  }

  @Test
  void encode_endsWithAssistant_throwsInvalidRequestNamingModel() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(V2).user("Hi").assistant("Hello").build();

    assertThatThrownBy(() -> codec.encode(r, V2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(V2)
        .hasMessageContaining("must be a user message")
        .hasMessageNotContaining("Hello");
  }

  @Test
  void encode_image_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(V2)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2}, "image/png"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, V2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(V2)
        .hasMessageContaining("text only");
  }

  @Test
  void decode_goldenResponse_givesTextAndStopReasonWithoutUsage() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo(" Banana.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("stop_sequence");
    assertThat(r.usage()).isEqualTo(TokenUsage.none());
  }

  @Test
  void decode_maxTokens_mapsToLength() {
    byte[] body =
        "{\"completion\":\" x\",\"stop_reason\":\"max_tokens\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode(body).stopReason()).isEqualTo(StopReason.LENGTH);
  }

  @Test
  void decode_missingCompletion_throwsCodecExceptionWithoutContent() {
    byte[] body = "{\"stop_reason\":\"secret words\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(FAMILY)
        .hasMessageContaining("completion")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_giveSameTextAndOneCompletedWithMetricsUsage() {
    var events = Golden.decode(codec.newStreamDecoder(), Golden.chunks(FAMILY, "stream.jsonl"));

    StreamAssert.assertStream(
        events, " Banana.", StopReason.STOP, "stop_sequence", TokenUsage.of(31, 4));
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(1.7));

    assertThatThrownBy(() -> codec.parameters(V2).apply(c, V2, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("temperature must be in [0.0, 1.0] for anthropic.claude-v2:1 but was 1.7");
  }

  @Test
  void parameters_maxTokensAbove4096_fails() {
    InferenceConfig c = InferenceConfig.of(b -> b.maxTokens(5000));

    assertThatThrownBy(() -> codec.parameters(V2).apply(c, V2, UnsupportedParameterPolicy.FAIL))
        .hasMessage("maxTokens must be in [1, 4096] for anthropic.claude-v2:1 but was 5000");
  }

  @Test
  void parameters_seed_unsupported() {
    InferenceConfig c = InferenceConfig.of(b -> b.seed(1L));

    assertThatThrownBy(() -> codec.parameters(V2).apply(c, V2, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("seed");
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("ClaudeTextCodec[anthropic.claude-text]");
  }
}
