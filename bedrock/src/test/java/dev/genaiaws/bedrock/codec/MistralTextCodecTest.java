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

class MistralTextCodecTest {
  private static final String FAMILY = "mistral.text";
  private static final String M7B = "mistral.mistral-7b-instruct-v0:2";
  private static final String MIXTRAL = "mistral.mixtral-8x7b-instruct-v0:1";

  private final MistralTextCodec codec = new MistralTextCodec();

  /** The documented neutral request behind request.json. */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(M7B)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one, in one word.")
        .inferenceConfig(
            c -> c.maxTokens(300).temperature(0.5).topP(0.9).topK(50).stopSequences("</s>"))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGolden() {
    Golden.assertJsonEquals(FAMILY, "request.json", codec.encode(documentedRequest(), M7B));
  }

  @Test
  void encode_singleTurnWithoutSystem_rendersDocumentedTemplate() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(M7B).user("What is your favourite condiment?").build();

    var body = CodecJson.read(codec.encode(r, M7B), FAMILY);

    assertThat(body.get("prompt").asText())
        .isEqualTo("<s>[INST] What is your favourite condiment? [/INST]");
    assertThat(body.size()).isEqualTo(1);
  }

  @Test
  void prompt_systemAndThreeUserTurns_systemOnlyInFirstTurn() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(M7B)
            .system("S")
            .user("u1")
            .assistant("a1")
            .user("u2")
            .assistant("a2")
            .user("u3")
            .build();

    assertThat(CodecJson.read(codec.encode(r, M7B), FAMILY).get("prompt").asText())
        .isEqualTo("<s>[INST] S\n\nu1 [/INST] a1</s> [INST] u2 [/INST] a2</s> [INST] u3 [/INST]");
  }

  @Test
  void encode_endsWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(M7B).user("Hi").assistant("Hello").build();

    assertThatThrownBy(() -> codec.encode(r, M7B))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(M7B)
        .hasMessageContaining("must be a user message");
  }

  @Test
  void encode_startsWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(M7B).assistant("Hello").user("Hi").build();

    assertThatThrownBy(() -> codec.encode(r, M7B))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(M7B)
        .hasMessageContaining("first message");
  }

  @Test
  void encode_image_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(M7B)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2}, "image/png"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, M7B))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(M7B)
        .hasMessageContaining("text only");
  }

  @Test
  void decode_goldenResponse_givesTextAndStopReason() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo(" Banana.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("stop");
    assertThat(r.usage()).isEqualTo(TokenUsage.none());
  }

  @Test
  void decode_lengthAndModelLength_mapToLength() {
    for (String raw : new String[] {"length", "model_length"}) {
      byte[] body =
          ("{\"outputs\":[{\"text\":\"x\",\"stop_reason\":\"" + raw + "\"}]}")
              .getBytes(StandardCharsets.UTF_8);
      assertThat(codec.decode(body).stopReason()).isEqualTo(StopReason.LENGTH);
    }
  }

  @Test
  void decode_noOutputs_throwsCodecExceptionWithoutContent() {
    byte[] body = "{\"text\":\"secret words\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(FAMILY)
        .hasMessageContaining("outputs.0")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_giveSameTextAndOneCompletedWithMetricsUsage() {
    var events = Golden.decode(codec.newStreamDecoder(), Golden.chunks(FAMILY, "stream.jsonl"));

    StreamAssert.assertStream(events, " Banana.", StopReason.STOP, "stop", TokenUsage.of(27, 4));
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(1.7));

    assertThatThrownBy(() -> codec.parameters(M7B).apply(c, M7B, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "temperature must be in [0.0, 1.0] for mistral.mistral-7b-instruct-v0:2 but was 1.7");
  }

  @Test
  void parameters_mixtralMaxTokens_is4096() {
    InferenceConfig c = InferenceConfig.of(b -> b.maxTokens(5000));

    assertThat(codec.parameters(M7B).apply(c, M7B, UnsupportedParameterPolicy.FAIL)).isSameAs(c);
    assertThatThrownBy(
            () -> codec.parameters(MIXTRAL).apply(c, MIXTRAL, UnsupportedParameterPolicy.FAIL))
        .hasMessage(
            "maxTokens must be in [1, 4096] for mistral.mixtral-8x7b-instruct-v0:1 but was 5000");
  }

  @Test
  void parameters_seed_unsupported() {
    InferenceConfig c = InferenceConfig.of(b -> b.seed(1L));

    assertThatThrownBy(() -> codec.parameters(M7B).apply(c, M7B, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("seed")
        .hasMessageContaining(FAMILY);
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("MistralTextCodec[mistral.text]");
  }
}
