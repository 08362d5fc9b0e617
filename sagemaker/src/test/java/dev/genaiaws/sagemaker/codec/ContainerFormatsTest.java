package dev.genaiaws.sagemaker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.sagemaker.SageMakerFormats;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JumpStart text2text, the embedding formats and the raw JSON passthrough. */
class ContainerFormatsTest {

  @Test
  void text2text_encode_textInputsAndMaxLength() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("flan")
            .user("Translate: hello")
            .inferenceConfig(c -> c.maxTokens(50).topK(50).topP(0.95))
            .build();
    JsonNode body = Golden.tree(JumpStartText2TextCodec.create().encode(r, "flan"));
    assertThat(body.get("text_inputs").asText()).isEqualTo("Translate: hello");
    assertThat(body.get("max_length").asInt()).isEqualTo(50);
    assertThat(body.get("top_k").asInt()).isEqualTo(50);
    assertThat(body.get("do_sample").asBoolean()).isTrue();
  }

  @Test
  void text2text_decode_firstGeneratedText() {
    GenerationResponse r =
        JumpStartText2TextCodec.create().decode(Golden.bytes("jumpstart/text2text-response.json"));
    assertThat(r.text()).isEqualTo("Paris is the capital of France.");
    assertThat(JumpStartText2TextCodec.create().supportsStreaming()).isFalse();
  }

  @Test
  void jumpStartEmbedding_encodeAndDecode_textInputsToVectors() {
    EmbeddingCodec codec = JumpStartEmbeddingCodec.create();
    EmbeddingRequest req = EmbeddingRequest.builder().modelId("e").texts(List.of("a", "b")).build();
    JsonNode body = Golden.tree(codec.encode(req, List.of("a", "b"), "e"));
    assertThat(body.get("text_inputs")).hasSize(2);

    EmbeddingCodec.Batch batch = codec.decode(Golden.bytes("embedding/jumpstart-response.json"));
    assertThat(batch.vectors()).hasSize(2);
    assertThat(batch.vectors().get(1)).containsExactly(3.0f, 0.0f, 4.0f);
  }

  @Test
  void hfEmbedding_tokenLevelOutput_meanPooled() {
    EmbeddingCodec.Batch batch =
        HuggingFaceEmbeddingCodec.create().decode(Golden.bytes("embedding/hf-response.json"));
    assertThat(batch.vectors().get(0)).containsExactly(2.0f, 3.0f);
    assertThat(batch.vectors().get(1)).containsExactly(1.0f, 1.0f);
  }

  @Test
  void hfEmbedding_dimensionsAsked_refused() {
    EmbeddingRequest req =
        EmbeddingRequest.builder().modelId("e").text("a").dimensions(256).build();
    assertThatThrownBy(() -> HuggingFaceEmbeddingCodec.create().encode(req, List.of("a"), "e"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("dimensions");
    assertThat(HuggingFaceEmbeddingCodec.create().withMaxBatchSize(8).maxBatchSize("e"))
        .isEqualTo(8);
  }

  @Test
  void rawJson_optionGiven_sentAsItIsWithExtraFieldsMerged() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("custom")
            .user("ignored")
            .option(RawJson.of(Map.of("prompt", "Hello", "max_tokens", 64)))
            .additionalModelFields(Map.of("temperature", 0.2))
            .build();
    JsonNode body = Golden.tree(RawJsonCodec.create().encode(r, "custom"));
    assertThat(body.get("prompt").asText()).isEqualTo("Hello");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.has("inputs")).isFalse();
  }

  @Test
  void rawJson_noOption_sendsInputs() {
    GenerationRequest r = GenerationRequest.builder().modelId("custom").user("Hello").build();
    assertThat(Golden.tree(RawJsonCodec.create().encode(r, "custom")).get("inputs").asText())
        .isEqualTo("Hello");
  }

  @Test
  void rawJson_decodeWithPointer_textAtPointerAndRawBody() {
    byte[] body = "{\"predictions\":[{\"answer\":\"42\"}]}".getBytes(StandardCharsets.UTF_8);
    GenerationResponse r =
        RawJsonCodec.create().withTextPointer("/predictions/0/answer").decode(body);
    assertThat(r.text()).isEqualTo("42");
    assertThat(r.rawBody()).isEqualTo("{\"predictions\":[{\"answer\":\"42\"}]}");
  }

  @Test
  void rawJson_decodeDefaultPointers_findsGeneratedText() {
    byte[] body = "[{\"generated_text\":\"hi\"}]".getBytes(StandardCharsets.UTF_8);
    assertThat(RawJsonCodec.create().decode(body).text()).isEqualTo("hi");
    assertThat(RawJsonCodec.create().decode("plain text".getBytes(StandardCharsets.UTF_8)).text())
        .isEqualTo("plain text");
  }

  @Test
  void rawJson_toString_printsSizeNotBody() {
    assertThat(RawJson.of("{\"prompt\":\"zebras\"}").toString()).doesNotContain("zebras");
    assertThatThrownBy(() -> RawJson.of("{not json")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void chatTemplate_plainWithoutSystem_turnsJoinedByBlankLine() {
    GenerationRequest r =
        GenerationRequest.builder().modelId("e").user("a").assistant("b").user("c").build();
    assertThat(ChatTemplate.PLAIN.render(r)).isEqualTo("a\n\nb\n\nc");
    assertThat(
            ChatTemplate.LLAMA3.render(GenerationRequest.builder().modelId("e").user("hi").build()))
        .isEqualTo(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  @Test
  void formats_registries_resolveEveryConstantByFamily() {
    for (var f :
        List.of(
            SageMakerFormats.TGI,
            SageMakerFormats.TGI_LLAMA2,
            SageMakerFormats.TGI_LLAMA3,
            SageMakerFormats.TGI_MISTRAL,
            SageMakerFormats.LMI,
            SageMakerFormats.LMI_LLAMA3,
            SageMakerFormats.JUMPSTART_TEXT2TEXT,
            SageMakerFormats.RAW_JSON)) {
      assertThat(SageMakerFormats.generationCodecs().resolve("any-endpoint", f).codec().family())
          .isEqualTo(f);
    }
    assertThat(
            SageMakerFormats.embeddingCodecs()
                .resolve("e", SageMakerFormats.HF_EMBEDDING)
                .codec()
                .family())
        .isEqualTo(SageMakerFormats.HF_EMBEDDING);
  }
}
