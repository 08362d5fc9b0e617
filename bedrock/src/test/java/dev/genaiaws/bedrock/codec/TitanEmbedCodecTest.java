package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.EmbeddingInputType;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TitanEmbedCodecTest {
  private static final String DIR = "amazon.titan-embed-text";
  private static final String V1 = "amazon.titan-embed-text-v1";
  private static final String V2 = "amazon.titan-embed-text-v2:0";
  private static final String TEXT = "The quick brown fox";

  private final TitanEmbedCodec codec = new TitanEmbedCodec();

  private static EmbeddingRequest.Builder request(String model) {
    return EmbeddingRequest.builder().modelId(model).text(TEXT);
  }

  @Test
  void maxBatchSize_anyModel_isOne() {
    assertThat(codec.maxBatchSize(V1)).isEqualTo(1);
    assertThat(codec.maxBatchSize(V2)).isEqualTo(1);
  }

  @Test
  void encode_v2WithDimensionsAndNormalize_matchesGolden() {
    EmbeddingRequest r = request(V2).dimensions(512).normalize(true).build();

    Golden.assertJsonEquals(DIR, "request.json", codec.encode(r, List.of(TEXT), V2));
  }

  @Test
  void encode_v1_inputTextOnly() {
    Golden.assertJsonEquals(
        DIR, "request_v1.json", codec.encode(request(V1).build(), List.of(TEXT), V1));
  }

  @Test
  void encode_v1WithItsOwnDimensionsOrNormalizeFalse_accepted() {
    EmbeddingRequest r = request(V1).dimensions(1536).normalize(false).build();

    Golden.assertJsonEquals(DIR, "request_v1.json", codec.encode(r, List.of(TEXT), V1));
  }

  @Test
  void encode_v2Defaults_onlyInputTextAndFloatType() {
    String body =
        new String(codec.encode(request(V2).build(), List.of(TEXT), V2), StandardCharsets.UTF_8);

    assertThat(body)
        .isEqualTo("{\"inputText\":\"The quick brown fox\",\"embeddingTypes\":[\"float\"]}");
  }

  @ParameterizedTest
  @ValueSource(ints = {256, 512, 1024})
  void encode_v2EachDimension_sent(int dims) {
    String body =
        new String(
            codec.encode(request(V2).dimensions(dims).build(), List.of(TEXT), V2),
            StandardCharsets.UTF_8);

    assertThat(body).contains("\"dimensions\":" + dims);
  }

  @Test
  void encode_v2BadDimensions_namesFieldModelAllowedAndValue() {
    assertThatThrownBy(() -> codec.encode(request(V2).dimensions(300).build(), List.of(TEXT), V2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "dimensions must be one of [256, 512, 1024] for amazon.titan-embed-text-v2:0 but was 300");
  }

  @Test
  void encode_v1OtherDimensions_rejectedWithHint() {
    assertThatThrownBy(() -> codec.encode(request(V1).dimensions(512).build(), List.of(TEXT), V1))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(
            "dimensions must be 1536 (fixed) for amazon.titan-embed-text-v1 but was 512")
        .hasMessageContaining("amazon.titan-embed-text-v2:0");
  }

  @Test
  void encode_v1NormalizeTrue_rejected() {
    assertThatThrownBy(() -> codec.encode(request(V1).normalize(true).build(), List.of(TEXT), V1))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("normalize is not supported by amazon.titan-embed-text-v1");
  }

  @Test
  void encode_inputType_rejected() {
    EmbeddingRequest r = request(V2).inputType(EmbeddingInputType.SEARCH_QUERY).build();

    assertThatThrownBy(() -> codec.encode(r, List.of(TEXT), V2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(
            "inputType is not supported by amazon.titan-embed-text-v2:0 but was SEARCH_QUERY");
  }

  @Test
  void encode_textOverLimit_namesIndexAndLength() {
    String big = "a".repeat(TitanEmbedCodec.MAX_TEXT_CHARS + 1);
    EmbeddingRequest r = EmbeddingRequest.builder().modelId(V2).text("ok").text(big).build();

    assertThatThrownBy(() -> codec.encode(r, List.of("ok"), V2))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "texts[1] must be at most 50000 characters for amazon.titan-embed-text-v2:0 but had 50001");
  }

  @Test
  void decode_v2_readsFloatByTypeAndTokenCount() {
    EmbeddingCodec.Batch b = codec.decode(Golden.bytes(DIR, "response.json"));

    assertThat(b.vectors()).hasSize(1);
    assertThat(b.vectors().get(0)).containsExactly(0.5f, -0.5f, 0.5f, -0.5f);
    assertThat(b.usage().inputTokens()).isEqualTo(5);
    assertThat(b.usage().outputTokens()).isZero();
  }

  @Test
  void decode_v1_readsEmbedding() {
    EmbeddingCodec.Batch b = codec.decode(Golden.bytes(DIR, "response_v1.json"));

    assertThat(b.vectors().get(0)).containsExactly(0.125f, 0.25f, -0.375f);
    assertThat(b.usage().inputTokens()).isEqualTo(5);
  }

  @Test
  void decode_noVector_codecErrorWithoutContent() {
    assertThatThrownBy(
            () -> codec.decode("{\"inputTextTokenCount\":3}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no embedding vector");
  }
}
