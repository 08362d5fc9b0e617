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
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TitanTextCodecTest {
  private static final String DIR = "amazon.titan-text";
  private static final String EXPRESS = "amazon.titan-text-express-v1";

  private final TitanTextCodec codec = new TitanTextCodec();

  private static GenerationRequest.Builder request() {
    return GenerationRequest.builder().modelId(EXPRESS);
  }

  @Test
  void encode_systemAndMultiTurn_matchesGolden() {
    GenerationRequest r =
        request()
            .system("You are terse.")
            .user("Name a fruit.")
            .assistant("Apple.")
            .user("Another one.")
            .user("A red one.")
            .inferenceConfig(c -> c.maxTokens(512).temperature(0.7).topP(0.9).stopSequences("|"))
            .build();

    Golden.assertJsonEquals(DIR, "request.json", codec.encode(r, EXPRESS));
  }

  @Test
  void encode_singleUserNoConfig_userBotTemplateOnly() {
    JsonNode body = CodecJson.read(codec.encode(request().user("Hi").build(), EXPRESS), "t");

    assertThat(body.get("inputText").asText()).isEqualTo("User: Hi\nBot:");
    assertThat(body.has("textGenerationConfig")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"|", "|||", "User:"})
  void encode_allowedStopSequence_sent(String stop) {
    GenerationRequest r = request().user("Hi").inferenceConfig(c -> c.stopSequences(stop)).build();

    JsonNode body = CodecJson.read(codec.encode(r, EXPRESS), "t");

    assertThat(body.at("/textGenerationConfig/stopSequences/0").asText()).isEqualTo(stop);
  }

  @ParameterizedTest
  @ValueSource(strings = {"END", "User", "|a", "\n\nHuman:"})
  void encode_stopSequenceOutsidePattern_refusedNamingPattern(String stop) {
    GenerationRequest r = request().user("Hi").inferenceConfig(c -> c.stopSequences(stop)).build();

    assertThatThrownBy(() -> codec.encode(r, EXPRESS))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("stopSequences[0]")
        .hasMessageContaining(EXPRESS)
        .hasMessageContaining("^(\\|+|User:)$");
  }

  @Test
  void parameters_twoStopSequences_refusedAsTooMany() {
    InferenceConfig c = InferenceConfig.of(b -> b.stopSequences("|", "User:"));

    assertThatThrownBy(
            () -> codec.parameters(EXPRESS).apply(c, EXPRESS, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most 1");
  }

  @ParameterizedTest
  @CsvSource({
    "amazon.titan-text-lite-v1,4096",
    "amazon.titan-text-express-v1,8192",
    "amazon.titan-text-premier-v1:0,3072",
    "amazon.titan-tg1-large,8192"
  })
  void parameters_perModel_maxTokenCountRange(String model, int max) {
    ParameterSupport p = codec.parameters(model);

    assertThat(p.range(ParameterSupport.Parameter.MAX_TOKENS))
        .hasValue(new ParameterSupport.Range(1, max));
    assertThatThrownBy(
            () ->
                p.apply(
                    InferenceConfig.of(c -> c.maxTokens(max + 1)),
                    model,
                    UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(
            "maxTokens must be in [1, " + max + "] for " + model + " but was " + (max + 1));
  }

  @Test
  void parameters_topKAndSeed_unsupportedOrDropped() {
    ParameterSupport p = codec.parameters(EXPRESS);
    InferenceConfig c = InferenceConfig.of(b -> b.topK(5).seed(3L).maxTokens(10));

    assertThatThrownBy(() -> p.apply(c, EXPRESS, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("amazon.titan-text");
    InferenceConfig dropped = p.apply(c, EXPRESS, UnsupportedParameterPolicy.DROP);
    assertThat(dropped.topK()).isNull();
    assertThat(dropped.seed()).isNull();
    assertThat(dropped.maxTokens()).isEqualTo(10);
  }

  @Test
  void encode_image_refusedNamingModel() {
    GenerationRequest r =
        request().user(TextBlock.of("x"), ImageBlock.of(new byte[] {1}, "image/png")).build();

    assertThatThrownBy(() -> codec.encode(r, EXPRESS))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(EXPRESS);
  }

  @Test
  void decode_goldenResponse_textLengthAndUsage() {
    GenerationResponse r = codec.decode(Golden.bytes(DIR, "response.json"));

    assertThat(r.text()).startsWith("\nDatadog is");
    assertThat(r.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(r.rawStopReason()).isEqualTo("LENGTH");
    assertThat(r.usage()).isEqualTo(TokenUsage.of(18, 50));
  }

  @Test
  void decode_floatCountsAndGuardrail_readLeniently() {
    byte[] body =
        ("{\"inputTextTokenCount\":28.0,\"results\":[{\"tokenCount\":3.0,\"outputText\":\"Input blocked\"}],"
                + "\"amazon-bedrock-guardrailAction\":\"INTERVENED\"}")
            .getBytes(StandardCharsets.UTF_8);

    GenerationResponse r = codec.decode(body);

    assertThat(r.usage()).isEqualTo(TokenUsage.of(28, 3));
    assertThat(r.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(r.rawStopReason()).isEqualTo("INTERVENED");
  }

  @Test
  void stream_goldenChunks_textAndCompleted() {
    List<GenerationEvent> events =
        Golden.decode(codec.newStreamDecoder(), Golden.chunks(DIR, "stream.jsonl"));

    assertThat(Golden.text(events)).isEqualTo("\nStrawberry and cherry.");
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(done.rawStopReason()).isEqualTo("FINISH");
    assertThat(done.usage()).isEqualTo(TokenUsage.of(28, 5));
    assertThat(events).filteredOn(GenerationEvent.Completed.class::isInstance).hasSize(1);
  }

  @Test
  void stream_inputBlockedByGuardrail_contentFilterWithoutMetrics() {
    List<GenerationEvent> events =
        Golden.decode(codec.newStreamDecoder(), Golden.chunks(DIR, "stream_blocked.jsonl"));

    assertThat(Golden.text(events)).isEqualTo("Input blocked");
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(done.usage()).isEqualTo(TokenUsage.of(6, 3));
  }
}
