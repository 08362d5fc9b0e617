package dev.genaiaws.sagemaker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.sagemaker.SageMakerFormats;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TgiCodecTest {
  private static final TgiCodec TGI = TgiCodec.create();

  private static GenerationRequest.Builder conversation() {
    return GenerationRequest.builder()
        .modelId("my-endpoint")
        .system("You write short technical blogs.")
        .user("What is serverless?")
        .assistant("Code without servers.")
        .user("Give an example.")
        .inferenceConfig(c -> c.maxTokens(100).temperature(0.0));
  }

  @Test
  void encode_plainTemplateWithEveryParameter_matchesGolden() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("my-endpoint")
            .system("You write short technical blogs.")
            .user("What is serverless?")
            .inferenceConfig(
                c ->
                    c.maxTokens(200)
                        .temperature(0.5)
                        .topP(0.9)
                        .topK(50)
                        .stopSequences(java.util.List.of("\n\n"))
                        .seed(42L))
            .build();

    assertThat(Golden.tree(TGI.encode(r, "my-endpoint")))
        .isEqualTo(Golden.json("tgi/request-plain.json"));
  }

  @Test
  void encodeForStream_sameBody_withStreamTurnedOn() {
    GenerationRequest r = conversation().build();
    JsonNode plain = Golden.tree(TGI.encode(r, "e"));
    JsonNode streamed = Golden.tree(TGI.encodeForStream(r, "e"));

    assertThat(plain.get("stream").asBoolean()).isFalse();
    assertThat(streamed.get("stream").asBoolean()).isTrue();
    ((com.fasterxml.jackson.databind.node.ObjectNode) streamed).put("stream", false);
    assertThat(streamed).isEqualTo(plain);
  }

  @Test
  void encode_llama2Template_matchesGolden() {
    byte[] body =
        TGI.withTemplate(ChatTemplate.LLAMA2).encode(conversation().build(), "my-endpoint");
    assertThat(Golden.tree(body)).isEqualTo(Golden.json("tgi/request-llama2.json"));
  }

  @Test
  void encode_llama3Template_matchesGolden() {
    byte[] body =
        TGI.withTemplate(ChatTemplate.LLAMA3).encode(conversation().build(), "my-endpoint");
    assertThat(Golden.tree(body)).isEqualTo(Golden.json("tgi/request-llama3.json"));
  }

  @Test
  void encode_mistralTemplate_matchesGolden() {
    byte[] body =
        TGI.withTemplate(ChatTemplate.MISTRAL).encode(conversation().build(), "my-endpoint");
    assertThat(Golden.tree(body)).isEqualTo(Golden.json("tgi/request-mistral.json"));
  }

  @Test
  void encode_singleUserMessage_sendsPromptAsWritten() {
    GenerationRequest r = GenerationRequest.builder().modelId("e").user("Hello there").build();
    JsonNode body = Golden.tree(TGI.encode(r, "e"));
    assertThat(body.get("inputs").asText()).isEqualTo("Hello there");
    assertThat(body.at("/parameters/do_sample").asBoolean()).isFalse();
    assertThat(body.at("/parameters/max_new_tokens").isMissingNode()).isTrue();
  }

  @Test
  void encode_topPOfOne_leavesTopPOut() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("e")
            .user("Hi")
            .inferenceConfig(c -> c.topP(1.0))
            .build();
    JsonNode p = Golden.tree(TGI.encode(r, "e")).get("parameters");
    assertThat(p.has("top_p")).isFalse();
    assertThat(p.get("do_sample").asBoolean()).isFalse();
  }

  @Test
  void encode_topPOfZero_failsNamingTheRange() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("e")
            .user("Hi")
            .inferenceConfig(c -> c.topP(0.0))
            .build();
    assertThatThrownBy(() -> TGI.encode(r, "e"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("topP")
        .hasMessageContaining("(0.0, 1.0]");
  }

  @Test
  void encode_additionalModelFieldsUnderParameters_mergedIntoParameters() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("e")
            .user("Hi")
            .inferenceConfig(c -> c.maxTokens(5))
            .additionalModelFields(
                Map.of("parameters", Map.of("repetition_penalty", 1.1), "truncate", 512))
            .build();
    JsonNode body = Golden.tree(TGI.encode(r, "e"));
    assertThat(body.at("/parameters/repetition_penalty").asDouble()).isEqualTo(1.1);
    assertThat(body.at("/parameters/max_new_tokens").asInt()).isEqualTo(5);
    assertThat(body.get("truncate").asInt()).isEqualTo(512);
  }

  @Test
  void encode_imageInMessage_isRefused() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("e")
            .user(
                new TextBlock("What is this?"),
                new ImageBlock(new byte[] {1, 2}, "image/png", null))
            .build();
    assertThatThrownBy(() -> TGI.encode(r, "e"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("image");
  }

  @Test
  void encode_llama2StartingWithAssistant_isRefused() {
    GenerationRequest r =
        GenerationRequest.builder().modelId("e").assistant("Hi").user("Hello").build();
    assertThatThrownBy(() -> TGI.withTemplate(ChatTemplate.LLAMA2).encode(r, "e"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("LLAMA2");
  }

  @Test
  void decode_listForm_readsTextWithoutUsage() {
    GenerationResponse r = TGI.decode(Golden.bytes("tgi/response-list.json"));
    assertThat(r.text()).isEqualTo(" Serverless lets you run code without managing servers.");
    assertThat(r.stopReason()).isEqualTo(StopReason.OTHER);
    assertThat(r.usage().isEmpty()).isTrue();
    assertThat(r.rawBody()).contains("generated_text");
  }

  @Test
  void decode_objectWithDetails_readsStopReasonAndTokens() {
    GenerationResponse r = TGI.decode(Golden.bytes("tgi/response-details.json"));
    assertThat(r.text()).isEqualTo(" Serverless lets you");
    assertThat(r.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(r.rawStopReason()).isEqualTo("length");
    assertThat(r.usage().outputTokens()).isEqualTo(4);
    assertThat(r.usage().inputTokens()).isEqualTo(3);
  }

  @Test
  void decode_answerEchoingThePrompt_stripsThePrompt() {
    GenerationRequest request =
        GenerationRequest.builder().modelId("e").user("What is serverless?").build();
    GenerationResponse r =
        TGI.withTemplate(ChatTemplate.MISTRAL)
            .decode(Golden.bytes("tgi/response-echo.json"), request);
    assertThat(r.text()).isEqualTo(" Serverless lets you run code without managing servers.");
  }

  @Test
  void decode_lmiObject_readsTextAndEosStop() {
    GenerationResponse r = TgiCodec.lmi().decode(Golden.bytes("lmi/response.json"));
    assertThat(r.text()).isEqualTo(" Serverless lets you run code.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.usage().outputTokens()).isEqualTo(7);
  }

  @Test
  void decode_bodyWithoutGeneratedText_failsNamingFieldsNotContent() {
    byte[] body = "{\"outputs\":\"secret text\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TGI.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("outputs")
        .hasMessageNotContaining("secret");
  }

  @Test
  void decode_notJson_failsWithCodecException() {
    assertThatThrownBy(
            () -> TGI.decode("<html>secret output</html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not valid JSON (26 bytes")
        .hasMessageContaining("line 1, column")
        .hasMessageNotContaining("secret")
        .hasNoCause()
        .satisfies(
            e ->
                assertThat(((CodecException) e).rawContent())
                    .contains("<html>secret output</html>"));
  }

  @Test
  void parameters_temperatureAboveHundred_outOfRange() {
    assertThat(
            TGI.parameters("e")
                .range(dev.genaiaws.core.codec.ParameterSupport.Parameter.TEMPERATURE))
        .hasValueSatisfying(r -> assertThat(r.max()).isEqualTo(100.0));
    assertThat(TgiCodec.lmi().family()).isEqualTo(SageMakerFormats.LMI);
  }
}
