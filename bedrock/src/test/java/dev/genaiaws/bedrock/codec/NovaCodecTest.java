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

class NovaCodecTest {
  private static final String FAMILY = "amazon.nova";
  private static final String LITE = "amazon.nova-lite-v1:0";
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private final NovaCodec codec = new NovaCodec();

  /**
   * The documented neutral request behind request.json: system, a finished exchange, then text and
   * an image.
   */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(LITE)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user(TextBlock.of("What is in this picture?"), ImageBlock.of(PNG, "image/png"))
        .inferenceConfig(
            c -> c.maxTokens(300).temperature(0.5).topP(0.9).topK(20).stopSequences("END"))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGolden() {
    Golden.assertJsonEquals(FAMILY, "request.json", codec.encode(documentedRequest(), LITE));
  }

  @Test
  void encode_noSystemNoParameters_omitsSystemAndInferenceConfig() {
    GenerationRequest r = GenerationRequest.builder().modelId(LITE).user("Hi").build();

    Golden.assertJsonEquals(
        json(
            "{\"schemaVersion\":\"messages-v1\","
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"),
        codec.encode(r, LITE));
  }

  static com.fasterxml.jackson.databind.JsonNode json(String text) {
    return CodecJson.read(text.getBytes(StandardCharsets.UTF_8), "test");
  }

  @Test
  void encode_consecutiveUserMessages_mergedIntoOneTurn() {
    GenerationRequest r = GenerationRequest.builder().modelId(LITE).user("one").user("two").build();

    var body = CodecJson.read(codec.encode(r, LITE), FAMILY);

    assertThat(body.at("/messages")).hasSize(1);
    assertThat(body.at("/messages/0/content")).hasSize(2);
  }

  @Test
  void encode_additionalModelFields_mergedLast() {
    GenerationRequest r =
        documentedRequest().toBuilder()
            .additionalModelFields(
                java.util.Map.of("toolConfig", java.util.Map.of("tools", java.util.List.of())))
            .build();

    assertThat(CodecJson.read(codec.encode(r, LITE), FAMILY).at("/toolConfig/tools").isArray())
        .isTrue();
  }

  @Test
  void encode_imageForNovaMicro_throwsInvalidRequestNamingModel() {
    GenerationRequest r = documentedRequest().toBuilder().modelId("amazon.nova-micro-v1:0").build();

    assertThatThrownBy(() -> codec.encode(r, "amazon.nova-micro-v1:0"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("amazon.nova-micro-v1:0")
        .hasMessageContaining("text only");
  }

  @Test
  void encode_jpgMediaType_sentAsJpeg() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(LITE)
            .user(TextBlock.of("x"), ImageBlock.of(PNG, "image/jpg"))
            .build();

    assertThat(
            CodecJson.read(codec.encode(r, LITE), FAMILY)
                .at("/messages/0/content/1/image/format")
                .asText())
        .isEqualTo("jpeg");
  }

  @Test
  void encode_unsupportedImageFormat_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(LITE)
            .user(TextBlock.of("x"), ImageBlock.of(PNG, "image/tiff"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, LITE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("image/tiff")
        .hasMessageContaining("png, jpeg, gif and webp");
  }

  @Test
  void encode_conversationStartingWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(LITE).assistant("Hello").user("Hi").build();

    assertThatThrownBy(() -> codec.encode(r, LITE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(LITE)
        .hasMessageContaining("user message");
  }

  @Test
  void encode_endingWithAssistant_allowedAsPrefill() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(LITE).user("Hi").assistant("{").build();

    assertThat(CodecJson.read(codec.encode(r, LITE), FAMILY).at("/messages/1/role").asText())
        .isEqualTo("assistant");
  }

  @Test
  void decode_goldenResponse_givesTextStopReasonAndUsage() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo("A small PNG header, not a picture of anything.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("end_turn");
    assertThat(r.usage()).isEqualTo(TokenUsage.of(1290, 12));
    assertThat(r.rawBody()).contains("\"stopReason\"");
  }

  @Test
  void decode_stopReasons_mappedPerTable() {
    assertThat(stopOf("max_tokens")).isEqualTo(StopReason.LENGTH);
    assertThat(stopOf("stop_sequence")).isEqualTo(StopReason.STOP);
    assertThat(stopOf("content_filtered")).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(stopOf("guardrail_intervened")).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(stopOf("tool_use")).isEqualTo(StopReason.TOOL_USE);
    assertThat(stopOf("something_new")).isEqualTo(StopReason.OTHER);
  }

  private StopReason stopOf(String raw) {
    String body = "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"" + raw + "\"}";
    return codec.decode(body.getBytes(StandardCharsets.UTF_8)).stopReason();
  }

  @Test
  void decode_missingContent_throwsCodecExceptionWithoutContent() {
    byte[] body =
        "{\"output\":{\"message\":{\"role\":\"assistant\"}},\"stopReason\":\"secret words\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("amazon.nova")
        .hasMessageContaining("output.message.content")
        .hasMessageNotContaining("secret");
  }

  @Test
  void decode_notJson_throwsCodecExceptionWithoutContent() {
    assertThatThrownBy(() -> codec.decode("secret words".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("amazon.nova")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_giveSameTextAndOneCompletedWithMetricsUsage() {
    var events = Golden.decode(codec.newStreamDecoder(), Golden.chunks(FAMILY, "stream.jsonl"));

    StreamAssert.assertStream(
        events,
        "A small PNG header, not a picture of anything.",
        StopReason.STOP,
        "end_turn",
        TokenUsage.of(1290, 12));
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(1.7));

    assertThatThrownBy(() -> codec.parameters(LITE).apply(c, LITE, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("temperature must be in [0.0, 1.0] for amazon.nova-lite-v1:0 but was 1.7");
  }

  @Test
  void parameters_maxTokensPerModel_differ() {
    assertThat(
            codec
                .parameters(LITE)
                .range(dev.genaiaws.core.codec.ParameterSupport.Parameter.MAX_TOKENS))
        .hasValueSatisfying(r -> assertThat(r.max()).isEqualTo(5000));
    assertThat(
            codec
                .parameters("amazon.nova-premier-v1:0")
                .range(dev.genaiaws.core.codec.ParameterSupport.Parameter.MAX_TOKENS))
        .hasValueSatisfying(r -> assertThat(r.max()).isEqualTo(32000));
    InferenceConfig c = InferenceConfig.of(b -> b.maxTokens(6000));
    assertThatThrownBy(() -> codec.parameters(LITE).apply(c, LITE, UnsupportedParameterPolicy.FAIL))
        .hasMessage("maxTokens must be in [1, 5000] for amazon.nova-lite-v1:0 but was 6000");
  }

  @Test
  void parameters_topKOutOfRange_fails() {
    InferenceConfig c = InferenceConfig.of(b -> b.topK(129));

    assertThatThrownBy(() -> codec.parameters(LITE).apply(c, LITE, UnsupportedParameterPolicy.FAIL))
        .hasMessage("topK must be in [0, 128] for amazon.nova-lite-v1:0 but was 129");
  }

  @Test
  void parameters_seed_unsupported() {
    InferenceConfig c = InferenceConfig.of(b -> b.seed(7L));

    assertThatThrownBy(() -> codec.parameters(LITE).apply(c, LITE, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("seed")
        .hasMessageContaining("amazon.nova");
  }

  @Test
  void encode_seedSetDirectly_throwsUnsupportedParameter() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(LITE)
            .user("Hi")
            .inferenceConfig(c -> c.seed(3L))
            .build();

    assertThatThrownBy(() -> codec.encode(r, LITE))
        .isInstanceOf(UnsupportedParameterException.class);
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("NovaCodec[amazon.nova]");
    assertThat(codec.family()).isEqualTo(BedrockFamilies.AMAZON_NOVA);
    assertThat(codec.supportsStreaming()).isTrue();
  }
}
