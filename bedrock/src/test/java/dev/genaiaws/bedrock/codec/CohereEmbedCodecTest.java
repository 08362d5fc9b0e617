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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CohereEmbedCodecTest {
  private static final String DIR = "cohere.embed";
  private static final String EN = "cohere.embed-english-v3";
  private static final List<String> TEXTS = List.of("first document", "second document");

  private final CohereEmbedCodec codec = new CohereEmbedCodec();

  @Test
  void maxBatchSize_is96() {
    assertThat(codec.maxBatchSize(EN)).isEqualTo(96);
  }

  @Test
  void encode_inputTypeAndTruncate_matchesGolden() {
    EmbeddingRequest r =
        EmbeddingRequest.builder()
            .modelId(EN)
            .texts(TEXTS)
            .inputType(EmbeddingInputType.SEARCH_QUERY)
            .option(CohereEmbedOptions.truncate(CohereEmbedOptions.Truncate.END))
            .build();

    Golden.assertJsonEquals(DIR, "request.json", codec.encode(r, TEXTS, EN));
  }

  @Test
  void encode_noInputType_defaultsToSearchDocument() {
    EmbeddingRequest r = EmbeddingRequest.builder().modelId(EN).text("first document").build();

    Golden.assertJsonEquals(
        DIR, "request_default.json", codec.encode(r, List.of("first document"), EN));
  }

  @ParameterizedTest
  @EnumSource(EmbeddingInputType.class)
  void encode_eachInputType_sentLowerCase(EmbeddingInputType type) {
    EmbeddingRequest r =
        EmbeddingRequest.builder().modelId(EN).texts(TEXTS).inputType(type).build();

    String body = new String(codec.encode(r, TEXTS, EN), StandardCharsets.UTF_8);

    assertThat(body).contains("\"input_type\":\"" + type.name().toLowerCase(Locale.ROOT) + "\"");
  }

  @Test
  void encode_onlyTheBatchIsSent() {
    EmbeddingRequest r = EmbeddingRequest.builder().modelId(EN).texts(TEXTS).build();

    String body =
        new String(codec.encode(r, List.of("second document"), EN), StandardCharsets.UTF_8);

    assertThat(body).contains("\"texts\":[\"second document\"]");
  }

  @Test
  void encode_dimensionsOtherThan1024_rejected() {
    EmbeddingRequest r =
        EmbeddingRequest.builder().modelId(EN).texts(TEXTS).dimensions(512).build();

    assertThatThrownBy(() -> codec.encode(r, TEXTS, EN))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("dimensions must be 1024 (fixed) for cohere.embed-english-v3 but was 512");
  }

  @Test
  void encode_dimensions1024AndNormalizeTrue_accepted() {
    EmbeddingRequest r =
        EmbeddingRequest.builder()
            .modelId(EN)
            .texts(TEXTS)
            .dimensions(1024)
            .normalize(true)
            .build();

    assertThat(codec.encode(r, TEXTS, EN)).isNotEmpty();
  }

  @Test
  void encode_normalizeFalse_rejected() {
    EmbeddingRequest r =
        EmbeddingRequest.builder().modelId(EN).texts(TEXTS).normalize(false).build();

    assertThatThrownBy(() -> codec.encode(r, TEXTS, EN))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("normalize must be true or unset for cohere.embed-english-v3");
  }

  @Test
  void encode_textOver2048Chars_namesIndex() {
    List<String> texts = List.of("short", "x".repeat(2049));
    EmbeddingRequest r = EmbeddingRequest.builder().modelId(EN).texts(texts).build();

    assertThatThrownBy(() -> codec.encode(r, texts, EN))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(
            "texts[1] must be at most 2048 characters for cohere.embed-english-v3 but had 2049");
  }

  @Test
  void encode_batchOver96_rejected() {
    List<String> texts = java.util.Collections.nCopies(97, "t");
    EmbeddingRequest r = EmbeddingRequest.builder().modelId(EN).texts(texts).build();

    assertThatThrownBy(() -> codec.encode(r, texts, EN))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("1 to 96 texts");
  }

  @Test
  void decode_byType_vectorsInOrderNoUsage() {
    EmbeddingCodec.Batch b = codec.decode(Golden.bytes(DIR, "response.json"));

    assertThat(b.vectors()).hasSize(2);
    assertThat(b.vectors().get(0)).containsExactly(0.6f, 0.8f, 0.0f);
    assertThat(b.vectors().get(1)).containsExactly(0.0f, 0.6f, -0.8f);
    assertThat(b.usage().isEmpty()).isTrue();
  }

  @Test
  void decode_floatsResponseType_alsoRead() {
    EmbeddingCodec.Batch b = codec.decode(Golden.bytes(DIR, "response_floats.json"));

    assertThat(b.vectors()).hasSize(2);
    assertThat(b.vectors().get(1)).containsExactly(0.0f, 0.6f, -0.8f);
  }

  @Test
  void decode_noEmbeddings_codecError() {
    assertThatThrownBy(() -> codec.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no embeddings");
  }
}
