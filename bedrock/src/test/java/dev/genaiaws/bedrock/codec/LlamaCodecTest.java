package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaCodecTest {
  private static final String LLAMA2 = "meta.llama2-13b-chat-v1";
  private static final String LLAMA3 = "meta.llama3-8b-instruct-v1:0";

  private static GenerationRequest conversation(String model) {
    return GenerationRequest.builder()
        .modelId(model)
        .system("You are terse.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one.")
        .inferenceConfig(c -> c.maxTokens(128).temperature(0.5).topP(0.9))
        .build();
  }

  private static String prompt(LlamaCodec codec, GenerationRequest r) {
    JsonNode body = CodecJson.read(codec.encode(r, r.modelId()), "t");
    return body.get("prompt").asText();
  }

  @Test
  void encode_llama2Conversation_matchesGolden() {
    Golden.assertJsonEquals(
        "meta.llama2", "request.json", LlamaCodec.llama2().encode(conversation(LLAMA2), LLAMA2));
  }

  @Test
  void encode_llama3Conversation_matchesGolden() {
    Golden.assertJsonEquals(
        "meta.llama3", "request.json", LlamaCodec.llama3().encode(conversation(LLAMA3), LLAMA3));
  }

  @Test
  void encode_llama2WithoutSystem_plainInstTemplate() {
    GenerationRequest r = GenerationRequest.builder().modelId(LLAMA2).user("Hi").build();

    assertThat(prompt(LlamaCodec.llama2(), r)).isEqualTo("<s>[INST] Hi [/INST]");
  }

  @Test
  void encode_llama3TrailingAssistant_leftOpenForContinuation() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(LLAMA3).user("Count").assistant("1, 2,").build();

    assertThat(prompt(LlamaCodec.llama3(), r))
        .isEqualTo(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>"
                + "\n\nCount<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n1, 2,");
  }

  @Test
  void encode_llama2FirstMessageFromAssistant_refused() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(LLAMA2).assistant("Hello").user("Hi").build();

    assertThatThrownBy(() -> LlamaCodec.llama2().encode(r, LLAMA2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(LLAMA2)
        .hasMessageContaining("first message");
  }

  @Test
  void encode_image_refusedNamingModel() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(LLAMA3)
            .user(ImageBlock.of(new byte[] {1}, "image/png"))
            .build();

    assertThatThrownBy(() -> LlamaCodec.llama3().encode(r, LLAMA3))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(LLAMA3)
        .hasMessageContaining("text only");
  }

  @Test
  void parameters_topKSeedStops_unsupported() {
    ParameterSupport p = LlamaCodec.llama3().parameters(LLAMA3);

    for (InferenceConfig c :
        List.of(
            InferenceConfig.of(b -> b.topK(1)),
            InferenceConfig.of(b -> b.seed(1L)),
            InferenceConfig.of(b -> b.stopSequences("x")))) {
      assertThatThrownBy(() -> p.apply(c, LLAMA3, UnsupportedParameterPolicy.FAIL))
          .isInstanceOf(UnsupportedParameterException.class)
          .hasMessageContaining("meta.llama3");
    }
    assertThatThrownBy(
            () ->
                p.apply(
                    InferenceConfig.of(b -> b.maxTokens(2049)),
                    LLAMA3,
                    UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("maxTokens must be in [1, 2048]");
  }

  @Test
  void families_llama2AndLlama3_differ() {
    assertThat(LlamaCodec.llama2().family()).isEqualTo(BedrockFamilies.META_LLAMA2);
    assertThat(LlamaCodec.llama3().family()).isEqualTo(BedrockFamilies.META_LLAMA3);
  }

  @Test
  void decode_goldenResponses_textStopReasonUsage() {
    GenerationResponse r2 =
        LlamaCodec.llama2().decode(Golden.bytes("meta.llama2", "response.json"));
    GenerationResponse r3 =
        LlamaCodec.llama3().decode(Golden.bytes("meta.llama3", "response.json"));

    assertThat(r2.text()).isEqualTo(" Banana.");
    assertThat(r2.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(r2.usage()).isEqualTo(TokenUsage.of(10, 60));
    assertThat(r3.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r3.rawStopReason()).isEqualTo("stop");
    assertThat(r3.usage()).isEqualTo(TokenUsage.of(41, 3));
  }

  @Test
  void stream_goldenChunks_textAndCumulativeUsage() {
    for (String dir : List.of("meta.llama2", "meta.llama3")) {
      List<GenerationEvent> events =
          Golden.decode(LlamaCodec.llama3().newStreamDecoder(), Golden.chunks(dir, "stream.jsonl"));

      assertThat(Golden.text(events)).endsWith("ana.");
      GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
      assertThat(done.stopReason()).isEqualTo(StopReason.STOP);
      assertThat(done.usage().outputTokens()).isEqualTo(3);
      assertThat(events).filteredOn(GenerationEvent.Completed.class::isInstance).hasSize(1);
    }
  }
}
