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

class Jurassic2CodecTest {
  private static final String FAMILY = "ai21.j2";
  private static final String ULTRA = "ai21.j2-ultra-v1";

  private final Jurassic2Codec codec = new Jurassic2Codec();

  /** The documented neutral request behind request.json. */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(ULTRA)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one, in one word.")
        .inferenceConfig(c -> c.maxTokens(300).temperature(0.5).topP(0.9).stopSequences("User:"))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGolden() {
    Golden.assertJsonEquals(FAMILY, "request.json", codec.encode(documentedRequest(), ULTRA));
  }

  @Test
  void encode_singleUserMessage_sentAsIs() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(ULTRA).user("Explain a neural network.").build();

    var body = CodecJson.read(codec.encode(r, ULTRA), FAMILY);

    assertThat(body.get("prompt").asText()).isEqualTo("Explain a neural network.");
    assertThat(body.size()).isEqualTo(1);
  }

  @Test
  void encode_endsWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(ULTRA).user("Hi").assistant("Hello").build();

    assertThatThrownBy(() -> codec.encode(r, ULTRA))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(ULTRA)
        .hasMessageContaining("must be a user message");
  }

  @Test
  void encode_image_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(ULTRA)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2}, "image/png"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, ULTRA))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text only");
  }

  @Test
  void decode_goldenResponse_givesTextStopReasonAndTokenListUsage() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo(" Banana.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("endoftext");
    assertThat(r.usage()).isEqualTo(TokenUsage.of(5, 3));
  }

  @Test
  void decode_lengthWithoutTokenLists_mapsToLengthAndZeroUsage() {
    byte[] body =
        "{\"completions\":[{\"data\":{\"text\":\"x\"},\"finishReason\":{\"reason\":\"length\",\"length\":10}}]}"
            .getBytes(StandardCharsets.UTF_8);

    GenerationResponse r = codec.decode(body);

    assertThat(r.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(r.usage()).isEqualTo(TokenUsage.none());
  }

  @Test
  void decode_noCompletionText_throwsCodecExceptionWithoutContent() {
    byte[] body =
        "{\"completions\":[{\"data\":{\"secret\":\"secret words\"}}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(FAMILY)
        .hasMessageContaining("data.text")
        .hasMessageNotContaining("secret words");
  }

  @Test
  void newStreamDecoder_notStreamable_throwsInvalidRequest() {
    assertThat(codec.supportsStreaming()).isFalse();
    assertThatThrownBy(codec::newStreamDecoder)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("do not stream");
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(1.7));

    assertThatThrownBy(
            () -> codec.parameters(ULTRA).apply(c, ULTRA, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("temperature must be in [0.0, 1.0] for ai21.j2-ultra-v1 but was 1.7");
  }

  @Test
  void parameters_topKAndSeed_unsupported() {
    InferenceConfig topK = InferenceConfig.of(b -> b.topK(5));
    InferenceConfig seed = InferenceConfig.of(b -> b.seed(5L));

    assertThatThrownBy(
            () -> codec.parameters(ULTRA).apply(topK, ULTRA, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("topK")
        .hasMessageContaining(FAMILY);
    assertThatThrownBy(
            () -> codec.parameters(ULTRA).apply(seed, ULTRA, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("seed");
  }

  @Test
  void parameters_dropPolicy_removesTopK() {
    InferenceConfig c = InferenceConfig.of(b -> b.topK(5).temperature(0.2));

    InferenceConfig sent = codec.parameters(ULTRA).apply(c, ULTRA, UnsupportedParameterPolicy.DROP);

    assertThat(sent.topK()).isNull();
    assertThat(sent.temperature()).isEqualTo(0.2);
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("Jurassic2Codec[ai21.j2]");
  }
}
