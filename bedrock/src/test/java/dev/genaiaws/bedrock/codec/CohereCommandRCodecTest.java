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
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CohereCommandRCodecTest {
  private static final String FAMILY = "cohere.command-r";
  private static final String R_PLUS = "cohere.command-r-plus-v1:0";

  private final CohereCommandRCodec codec = new CohereCommandRCodec();

  /** The documented neutral request behind request.json. */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(R_PLUS)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one, in one word.")
        .inferenceConfig(
            c ->
                c.maxTokens(300).temperature(0.5).topP(0.9).topK(50).stopSequences("END").seed(42L))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGolden() {
    Golden.assertJsonEquals(FAMILY, "request.json", codec.encode(documentedRequest(), R_PLUS));
  }

  @Test
  void encode_singleUserMessage_noHistoryNoPreamble() {
    GenerationRequest r = GenerationRequest.builder().modelId(R_PLUS).user("Hi").build();

    var body = CodecJson.read(codec.encode(r, R_PLUS), FAMILY);

    assertThat(body.get("message").asText()).isEqualTo("Hi");
    assertThat(body.has("chat_history")).isFalse();
    assertThat(body.has("preamble")).isFalse();
  }

  @Test
  void encodeForStream_sameAsEncode() {
    assertThat(codec.encodeForStream(documentedRequest(), R_PLUS))
        .isEqualTo(codec.encode(documentedRequest(), R_PLUS));
  }

  @Test
  void encode_endsWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(R_PLUS).user("Hi").assistant("Hello").build();

    assertThatThrownBy(() -> codec.encode(r, R_PLUS))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(R_PLUS)
        .hasMessageContaining("must be a user message");
  }

  @Test
  void encode_image_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(R_PLUS)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2}, "image/png"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, R_PLUS))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text only");
  }

  @Test
  void decode_goldenResponse_givesTextAndStopReason() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo("Banana.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("COMPLETE");
    assertThat(r.usage()).isEqualTo(TokenUsage.none());
  }

  @Test
  void decode_toolCalls_mapToToolUseKeepingRaw() {
    byte[] body =
        "{\"text\":\"\",\"tool_calls\":[{\"name\":\"lookup\",\"parameters\":{}}],\"finish_reason\":\"COMPLETE\"}"
            .getBytes(StandardCharsets.UTF_8);

    GenerationResponse r = codec.decode(body);

    assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(r.rawStopReason()).isEqualTo("COMPLETE");
  }

  @Test
  void decode_noText_throwsCodecExceptionWithoutContent() {
    byte[] body =
        "{\"generations\":[{\"text\":\"secret words\"}]}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(FAMILY)
        .hasMessageContaining("text")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_giveSameTextAndOneCompletedWithMetricsUsage() {
    var events = Golden.decode(codec.newStreamDecoder(), Golden.chunks(FAMILY, "stream.jsonl"));

    StreamAssert.assertStream(events, "Banana.", StopReason.STOP, "COMPLETE", TokenUsage.of(41, 3));
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(1.7));

    assertThatThrownBy(
            () -> codec.parameters(R_PLUS).apply(c, R_PLUS, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("temperature must be in [0.0, 1.0] for cohere.command-r-plus-v1:0 but was 1.7");
  }

  @Test
  void parameters_topPOne_outsideCohereRange() {
    InferenceConfig c = InferenceConfig.of(b -> b.topP(1.0));

    assertThatThrownBy(
            () -> codec.parameters(R_PLUS).apply(c, R_PLUS, UnsupportedParameterPolicy.FAIL))
        .hasMessage("topP must be in [0.01, 0.99] for cohere.command-r-plus-v1:0 but was 1.0");
  }

  @Test
  void parameters_seed_supported() {
    InferenceConfig c = InferenceConfig.of(b -> b.seed(42L));

    assertThat(codec.parameters(R_PLUS).apply(c, R_PLUS, UnsupportedParameterPolicy.FAIL))
        .isSameAs(c);
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("CohereCommandRCodec[cohere.command-r]");
  }
}
