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
import dev.genaiaws.core.Message;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaudeMessagesCodecTest {
  private static final String DIR = "anthropic.claude-messages";
  private static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgo=");

  private final ClaudeMessagesCodec codec = new ClaudeMessagesCodec();

  private static GenerationRequest.Builder request() {
    return GenerationRequest.builder().modelId(HAIKU);
  }

  private static JsonNode encoded(ClaudeMessagesCodec codec, GenerationRequest r, String id) {
    return CodecJson.read(codec.encode(r, id), "test");
  }

  @Test
  void encode_multiTurnWithImageAndAllParameters_matchesGolden() {
    GenerationRequest r =
        request()
            .system("You write short technical blogs.")
            .user(TextBlock.of("Describe this"), ImageBlock.of(PNG, "image/png"))
            .assistant("A tiny PNG.")
            .user("Shorter.")
            .user("One word.")
            .inferenceConfig(
                c ->
                    c.maxTokens(200)
                        .temperature(0.5)
                        .topP(0.999)
                        .topK(250)
                        .stopSequences("\n\nHuman:"))
            .build();

    Golden.assertJsonEquals(DIR, "request.json", codec.encode(r, HAIKU));
  }

  @Test
  void encode_maxTokensUnset_sendsDefaultCappedAtModelLimit() {
    GenerationRequest r = request().user("Hi").build();

    assertThat(encoded(codec, r, HAIKU).get("max_tokens").asInt())
        .isEqualTo(ClaudeMessagesCodec.DEFAULT_MAX_TOKENS);
    assertThat(
            encoded(codec, r, "anthropic.claude-3-7-sonnet-20250219-v1:0")
                .get("max_tokens")
                .asInt())
        .isEqualTo(4096);
    assertThat(encoded(codec, r, HAIKU).has("system")).isFalse();
    assertThat(encoded(codec, r, HAIKU).has("temperature")).isFalse();
  }

  @Test
  void encode_firstMessageFromAssistant_refusedNamingModel() {
    GenerationRequest r = request().assistant("I start").user("Hi").build();

    assertThatThrownBy(() -> codec.encode(r, HAIKU))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("first message")
        .hasMessageContaining(HAIKU)
        .hasMessageContaining("assistant");
  }

  @Test
  void encode_trailingAssistantMessage_isSentAsPrefill() {
    GenerationRequest r = request().user("Count").assistant("1, 2,").build();

    JsonNode messages = encoded(codec, r, HAIKU).get("messages");

    assertThat(messages).hasSize(2);
    assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
  }

  @Test
  void encode_imageForClaudeV2_refusedNamingModel() {
    GenerationRequest r =
        request().modelId("anthropic.claude-v2:1").user(ImageBlock.of(PNG, "image/png")).build();

    assertThatThrownBy(() -> codec.encode(r, "anthropic.claude-v2:1"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("anthropic.claude-v2:1")
        .hasMessageContaining("text only");
  }

  @Test
  void encode_unsupportedImageType_refusedWithAllowedTypes() {
    GenerationRequest r = request().user(ImageBlock.of(PNG, "image/tiff")).build();

    assertThatThrownBy(() -> codec.encode(r, HAIKU))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("image/tiff")
        .hasMessageContaining("image/png");
  }

  @Test
  void encode_additionalModelFields_mergedLast() {
    GenerationRequest r =
        request()
            .user("Hi")
            .additionalModelFields(
                java.util.Map.of("anthropic_beta", List.of("x"), "max_tokens", 7))
            .build();

    JsonNode body = encoded(codec, r, HAIKU);

    assertThat(body.get("anthropic_beta").get(0).asText()).isEqualTo("x");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void parameters_perModel_declareRangesAndRefuseSeed() {
    ParameterSupport haiku = codec.parameters(HAIKU);

    assertThat(haiku.range(ParameterSupport.Parameter.MAX_TOKENS))
        .hasValue(new ParameterSupport.Range(1, 4096));
    assertThat(
            codec
                .parameters("anthropic.claude-3-5-sonnet-20241022-v2:0")
                .range(ParameterSupport.Parameter.MAX_TOKENS))
        .hasValue(new ParameterSupport.Range(1, 8192));
    assertThat(haiku.supports(ParameterSupport.Parameter.SEED)).isFalse();
    assertThatThrownBy(
            () ->
                haiku.apply(
                    InferenceConfig.of(c -> c.seed(1L)), HAIKU, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("seed");
    assertThatThrownBy(
            () ->
                haiku.apply(
                    InferenceConfig.of(c -> c.temperature(1.5)),
                    HAIKU,
                    UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("temperature must be in [0.0, 1.0] for " + HAIKU + " but was 1.5");
  }

  @Test
  void decode_goldenResponse_textStopReasonAndUsage() {
    GenerationResponse r = codec.decode(Golden.bytes(DIR, "response.json"));

    assertThat(r.text()).isEqualTo("Serverless GenAI lets you ship faster.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("end_turn");
    assertThat(r.usage()).isEqualTo(TokenUsage.of(16, 29));
    assertThat(r.rawBody()).contains("msg_bdrk_");
  }

  @Test
  void decode_stopReasons_mapToNeutral() {
    assertThat(ClaudeMessagesCodec.STOP_REASONS.apply("max_tokens")).isEqualTo(StopReason.LENGTH);
    assertThat(ClaudeMessagesCodec.STOP_REASONS.apply("stop_sequence")).isEqualTo(StopReason.STOP);
    assertThat(ClaudeMessagesCodec.STOP_REASONS.apply("tool_use")).isEqualTo(StopReason.TOOL_USE);
    assertThat(ClaudeMessagesCodec.STOP_REASONS.apply("refusal"))
        .isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(ClaudeMessagesCodec.STOP_REASONS.apply("pause_turn")).isEqualTo(StopReason.OTHER);
  }

  @Test
  void decode_notJson_codecExceptionWithoutContent() {
    byte[] body = "secret prompt echo".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_textThenOneCompletedWithUsage() {
    List<GenerationEvent> events =
        Golden.decode(codec.newStreamDecoder(), Golden.chunks(DIR, "stream.jsonl"));

    assertThat(Golden.text(events)).isEqualTo("Hola, mundo");
    assertThat(events).filteredOn(GenerationEvent.Completed.class::isInstance).hasSize(1);
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(done.rawStopReason()).isEqualTo("end_turn");
    assertThat(done.usage()).isEqualTo(TokenUsage.of(21, 22));
  }

  @Test
  void stream_endsWithoutMetrics_usageFromMessageEvents() {
    List<byte[]> chunks = Golden.chunks(DIR, "stream.jsonl");
    List<GenerationEvent> events =
        Golden.decode(codec.newStreamDecoder(), chunks.subList(0, chunks.size() - 1));

    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.usage()).isEqualTo(TokenUsage.of(21, 22));
  }

  @Test
  void encode_consecutiveUserMessages_mergedIntoOneTurn() {
    GenerationRequest r = request().message(Message.user("a")).message(Message.user("b")).build();

    JsonNode messages = encoded(codec, r, HAIKU).get("messages");

    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).get("content")).hasSize(2);
  }
}
