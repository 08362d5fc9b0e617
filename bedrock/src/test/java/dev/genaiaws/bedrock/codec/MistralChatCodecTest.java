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
import java.util.List;
import org.junit.jupiter.api.Test;

class MistralChatCodecTest {
  private static final String FAMILY = "mistral.chat";
  private static final String LARGE2 = "mistral.mistral-large-2407-v1:0";

  private final MistralChatCodec codec = new MistralChatCodec();

  /** The documented neutral request behind request.json. */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(LARGE2)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one, in one word.")
        .inferenceConfig(c -> c.maxTokens(300).temperature(0.5).topP(0.9))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGolden() {
    Golden.assertJsonEquals(FAMILY, "request.json", codec.encode(documentedRequest(), LARGE2));
  }

  @Test
  void encode_endsWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(LARGE2).user("Hi").assistant("Hello").build();

    assertThatThrownBy(() -> codec.encode(r, LARGE2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(LARGE2)
        .hasMessageContaining("must be a user message");
  }

  @Test
  void encode_image_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(LARGE2)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2}, "image/png"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, LARGE2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text only");
  }

  @Test
  void decode_goldenResponse_givesTextAndStopReason() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo("Banana.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("stop");
    assertThat(r.usage()).isEqualTo(TokenUsage.none());
  }

  @Test
  void decode_finishReasonAndUsage_readWhenPresent() {
    byte[] body =
        ("{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":[{\"id\":\"1\"}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7}}")
            .getBytes(StandardCharsets.UTF_8);

    GenerationResponse r = codec.decode(body);

    assertThat(r.text()).isEmpty();
    assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(r.usage()).isEqualTo(TokenUsage.of(12, 7));
  }

  @Test
  void decode_noChoices_throwsCodecExceptionWithoutContent() {
    byte[] body = "{\"outputs\":[{\"text\":\"secret words\"}]}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(FAMILY)
        .hasMessageContaining("choices.0")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_giveSameTextAndOneCompletedWithMetricsUsage() {
    var events = Golden.decode(codec.newStreamDecoder(), Golden.chunks(FAMILY, "stream.jsonl"));

    StreamAssert.assertStream(events, "Banana.", StopReason.STOP, "stop", TokenUsage.of(29, 3));
  }

  @Test
  void stream_openAiStyleDeltaChunks_decoded() {
    List<byte[]> chunks =
        List.of(
            "{\"choices\":[{\"delta\":{\"content\":\"Ba\"},\"finish_reason\":null}]}"
                .getBytes(StandardCharsets.UTF_8),
            "{\"choices\":[{\"delta\":{\"content\":\"nana\"},\"finish_reason\":\"length\"}]}"
                .getBytes(StandardCharsets.UTF_8));

    var events = Golden.decode(codec.newStreamDecoder(), chunks);

    StreamAssert.assertStream(events, "Banana", StopReason.LENGTH, "length", TokenUsage.none());
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(1.7));

    assertThatThrownBy(
            () -> codec.parameters(LARGE2).apply(c, LARGE2, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "temperature must be in [0.0, 1.0] for mistral.mistral-large-2407-v1:0 but was 1.7");
  }

  @Test
  void parameters_topKAndStopSequences_unsupported() {
    InferenceConfig topK = InferenceConfig.of(b -> b.topK(5));
    InferenceConfig stops = InferenceConfig.of(b -> b.stopSequences("x"));

    assertThatThrownBy(
            () -> codec.parameters(LARGE2).apply(topK, LARGE2, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("topK");
    assertThatThrownBy(
            () -> codec.parameters(LARGE2).apply(stops, LARGE2, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("stopSequences");
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("MistralChatCodec[mistral.chat]");
  }
}
