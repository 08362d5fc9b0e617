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
import java.util.List;
import org.junit.jupiter.api.Test;

class CohereCommandCodecTest {
  private static final String FAMILY = "cohere.command";
  private static final String COMMAND = "cohere.command-text-v14";

  private final CohereCommandCodec codec = new CohereCommandCodec();

  /** The documented neutral request behind request.json. */
  static GenerationRequest documentedRequest() {
    return GenerationRequest.builder()
        .modelId(COMMAND)
        .system("You are a concise assistant.")
        .user("Name a fruit.")
        .assistant("Apple.")
        .user("Another one, in one word.")
        .inferenceConfig(
            c -> c.maxTokens(300).temperature(0.5).topP(0.9).topK(50).stopSequences("User:"))
        .build();
  }

  @Test
  void encode_documentedRequest_matchesGoldenWithoutStreamFlag() {
    byte[] body = codec.encode(documentedRequest(), COMMAND);

    Golden.assertJsonEquals(FAMILY, "request.json", body);
  }

  @Test
  void encodeForStream_documentedRequest_addsStreamTrue() {
    com.fasterxml.jackson.databind.JsonNode body =
        CodecJson.read(codec.encodeForStream(documentedRequest(), COMMAND), FAMILY);

    assertThat(body.get("stream").asBoolean()).isTrue();
    com.fasterxml.jackson.databind.node.ObjectNode rest = body.deepCopy();
    rest.remove("stream");
    Golden.assertJsonEquals(Golden.json(FAMILY, "request.json"), CodecJson.write(rest, null));
  }

  @Test
  void encode_singleUserMessage_sentAsIs() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(COMMAND).user("Write a haiku.").build();

    assertThat(CodecJson.read(codec.encode(r, COMMAND), FAMILY).get("prompt").asText())
        .isEqualTo("Write a haiku.");
  }

  @Test
  void encode_singleUserMessageWithSystem_systemThenBlankLine() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(COMMAND)
            .system("Be brief.")
            .user("Write a haiku.")
            .build();

    assertThat(CodecJson.read(codec.encode(r, COMMAND), FAMILY).get("prompt").asText())
        .isEqualTo("Be brief.\n\nWrite a haiku.");
  }

  @Test
  void encode_endsWithAssistant_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(COMMAND).user("Hi").assistant("Hello").build();

    assertThatThrownBy(() -> codec.encode(r, COMMAND))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(COMMAND)
        .hasMessageContaining("must be a user message");
  }

  @Test
  void encode_image_throwsInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(COMMAND)
            .user(TextBlock.of("What is this?"), ImageBlock.of(new byte[] {1, 2}, "image/png"))
            .build();

    assertThatThrownBy(() -> codec.encode(r, COMMAND))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text only");
  }

  @Test
  void decode_goldenResponse_givesFirstGenerationAndStopReason() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.text()).isEqualTo(" Banana.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("COMPLETE");
    assertThat(r.usage()).isEqualTo(TokenUsage.none());
  }

  @Test
  void decode_finishReasons_mappedPerTable() {
    assertThat(stopOf("MAX_TOKENS")).isEqualTo(StopReason.LENGTH);
    assertThat(stopOf("ERROR_TOXIC")).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(stopOf("ERROR")).isEqualTo(StopReason.OTHER);
  }

  private StopReason stopOf(String raw) {
    String body = "{\"generations\":[{\"text\":\"x\",\"finish_reason\":\"" + raw + "\"}]}";
    return codec.decode(body.getBytes(StandardCharsets.UTF_8)).stopReason();
  }

  @Test
  void decode_noGenerations_throwsCodecExceptionWithoutContent() {
    byte[] body = "{\"text\":\"secret words\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(FAMILY)
        .hasMessageContaining("generations.0")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stream_goldenChunks_giveSameTextAndOneCompletedWithMetricsUsage() {
    var events = Golden.decode(codec.newStreamDecoder(), Golden.chunks(FAMILY, "stream.jsonl"));

    StreamAssert.assertStream(
        events, " Banana.", StopReason.STOP, "COMPLETE", TokenUsage.of(33, 4));
  }

  @Test
  void stream_twoGenerations_onlyIndexZeroTextDelivered() {
    List<byte[]> chunks =
        List.of(
            chunk("{\"is_finished\":false,\"text\":\" A\",\"index\":0}"),
            chunk("{\"is_finished\":false,\"text\":\"pple\",\"index\":0}"),
            chunk("{\"is_finished\":false,\"text\":\" Pear\",\"index\":1}"),
            chunk(
                "{\"finish_reason\":\"MAX_TOKENS\",\"is_finished\":true,"
                    + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":5,\"outputTokenCount\":6}}"));

    var events = Golden.decode(codec.newStreamDecoder(), chunks);

    StreamAssert.assertStream(
        events, " Apple", StopReason.LENGTH, "MAX_TOKENS", TokenUsage.of(5, 6));
  }

  @Test
  void stream_nonStreamedBodyAsOneChunk_deliversFirstGeneration() {
    List<byte[]> chunks =
        List.of(
            chunk(
                "{\"generations\":[{\"text\":\" Banana.\",\"finish_reason\":\"COMPLETE\"}],"
                    + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":9,\"outputTokenCount\":3}}"));

    var events = Golden.decode(codec.newStreamDecoder(), chunks);

    StreamAssert.assertStream(events, " Banana.", StopReason.STOP, "COMPLETE", TokenUsage.of(9, 3));
  }

  private static byte[] chunk(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parameters_temperatureOutOfRange_failsWithRangeMessage() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(5.5));

    assertThatThrownBy(
            () -> codec.parameters(COMMAND).apply(c, COMMAND, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("temperature must be in [0.0, 5.0] for cohere.command-text-v14 but was 5.5");
  }

  @Test
  void parameters_temperatureAboveOneButWithinFive_accepted() {
    InferenceConfig c = InferenceConfig.of(b -> b.temperature(1.7));

    assertThat(codec.parameters(COMMAND).apply(c, COMMAND, UnsupportedParameterPolicy.FAIL))
        .isSameAs(c);
  }

  @Test
  void parameters_fiveStopSequences_fail() {
    InferenceConfig c = InferenceConfig.of(b -> b.stopSequences("a", "b", "c", "d", "e"));

    assertThatThrownBy(
            () -> codec.parameters(COMMAND).apply(c, COMMAND, UnsupportedParameterPolicy.FAIL))
        .hasMessage(
            "stopSequences must have at most 4 entries for cohere.command-text-v14 but had 5");
  }

  @Test
  void parameters_seed_unsupported() {
    InferenceConfig c = InferenceConfig.of(b -> b.seed(1L));

    assertThatThrownBy(
            () -> codec.parameters(COMMAND).apply(c, COMMAND, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("seed");
  }

  @Test
  void toString_namesFamilyOnly() {
    assertThat(codec).hasToString("CohereCommandCodec[cohere.command]");
  }

  @Test
  void encode_returnLikelihoodsOption_sendsTheEnumName() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(COMMAND)
            .user("Hi")
            .option(
                CohereCommandOptions.returnLikelihoods(
                    CohereCommandOptions.ReturnLikelihoods.GENERATION))
            .build();

    assertThat(CodecJson.read(codec.encode(r, COMMAND), FAMILY).get("return_likelihoods").asText())
        .isEqualTo("GENERATION");
  }

  @Test
  void encode_noOption_sendsNoReturnLikelihoods() {
    GenerationRequest r = GenerationRequest.builder().modelId(COMMAND).user("Hi").build();

    assertThat(CodecJson.read(codec.encode(r, COMMAND), FAMILY).has("return_likelihoods"))
        .isFalse();
  }

  @Test
  void encodeForStream_likelihoodsAsked_refusedSayingUseGenerate() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(COMMAND)
            .user("Hi")
            .option(
                CohereCommandOptions.returnLikelihoods(CohereCommandOptions.ReturnLikelihoods.ALL))
            .build();

    assertThatThrownBy(() -> codec.encodeForStream(r, COMMAND))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("call generate instead of stream");
  }

  @Test
  void decode_capturedLikelihoodsAnswer_tokensAndOverallAsTypedDetail() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response_likelihoods.json"));

    CohereLikelihoods l = r.detail(CohereLikelihoods.class).orElseThrow();
    assertThat(l.likelihood()).isEqualTo(-3.063711);
    assertThat(l.tokens()).hasSize(22);
    assertThat(l.tokens().get(0)).isEqualTo(new CohereLikelihoods.TokenLikelihood("hello", null));
    assertThat(l.tokens().get(1))
        .isEqualTo(new CohereLikelihoods.TokenLikelihood(" world", -5.876836));
    assertThat(l.tokens().get(21))
        .isEqualTo(new CohereLikelihoods.TokenLikelihood(" album", -0.23419714));
    assertThat(
            l.tokens().stream()
                .map(CohereLikelihoods.TokenLikelihood::token)
                .skip(2)
                .reduce("", String::concat))
        .isEqualTo(r.text());
    assertThat(r.stopReason()).isEqualTo(StopReason.OTHER);
    assertThat(l.toString()).doesNotContain("album");
  }

  @Test
  void decode_answerWithoutLikelihoods_hasNoDetail() {
    GenerationResponse r = codec.decode(Golden.bytes(FAMILY, "response.json"));

    assertThat(r.detail(CohereLikelihoods.class)).isEmpty();
  }

  @Test
  void decode_tokenLikelihoodWithoutToken_throwsCodecException() {
    byte[] body =
        "{\"generations\":[{\"text\":\"x\",\"token_likelihoods\":[{\"likelihood\":-1.0}]}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("without a token");
  }
}
