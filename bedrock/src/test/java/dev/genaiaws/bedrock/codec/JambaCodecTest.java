package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class JambaCodecTest {
  private static final String FAMILY = "ai21.jamba";
  private static final String MINI = "ai21.jamba-1-5-mini-v1:0";

  private final JambaCodec codec = new JambaCodec();

  /**
   * The documented neutral request behind request.json (temperature above 1 is valid for Jamba).
   */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(MINI)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one, in one word.")
        .inferenceConfig(c -> c.maxTokens(300).temperature(1.5).topP(0.9).stopSequences("\n\n"))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGolden() {
    Golden.assertJsonEquals(FAMILY, "request.json", codec.encode(documentedRequest(), MINI));
  }

  @Test
  void encode_endsWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(MINI).user("Hi").assistant("Hello").build();

    assertThatThrownBy(() -> codec.encode(r, MINI))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(MINI)
        .hasMessageContaining("must be a user message");
  }

  @Test
  void encode_image_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(MINI)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2}, "image/png"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, MINI))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text only");
  }

  @Test
  void decode_goldenResponse_givesTextStopReasonAndUsage() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo("Banana.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("stop");
    assertThat(r.usage()).isEqualTo(TokenUsage.of(38, 3));
  }

  @Test
  void decode_length_mapsToLength() {
    byte[] body =
        "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"length\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode(body).stopReason()).isEqualTo(StopReason.LENGTH);
  }

  @Test
  void decode_noMessage_throwsCodecExceptionWithoutContent() {
    byte[] body = "{\"choices\":[{\"text\":\"secret words\"}]}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(FAMILY)
        .hasMessageContaining("message")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_giveSameTextAndOneCompletedWithMetricsUsage() {
    var events = Golden.decode(codec.newStreamDecoder(), Golden.chunks(FAMILY, "stream.jsonl"));

    StreamAssert.assertStream(events, "Banana.", StopReason.STOP, "stop", TokenUsage.of(38, 3));
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(2.5));

    assertThatThrownBy(() -> codec.parameters(MINI).apply(c, MINI, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("temperature must be in [0.0, 2.0] for ai21.jamba-1-5-mini-v1:0 but was 2.5");
  }

  @Test
  void parameters_topPBelowMinimum_fails() {
    InferenceConfig c = InferenceConfig.of(b -> b.topP(0.0));

    assertThatThrownBy(() -> codec.parameters(MINI).apply(c, MINI, UnsupportedParameterPolicy.FAIL))
        .hasMessage("topP must be in [0.01, 1.0] for ai21.jamba-1-5-mini-v1:0 but was 0.0");
  }

  @Test
  void parameters_topK_unsupported() {
    InferenceConfig c = InferenceConfig.of(b -> b.topK(5));

    assertThatThrownBy(() -> codec.parameters(MINI).apply(c, MINI, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("topK");
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("JambaCodec[ai21.jamba]");
  }
}
