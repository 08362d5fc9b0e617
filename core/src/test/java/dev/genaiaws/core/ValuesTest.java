package dev.genaiaws.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static final String SECRET_PROMPT = "the launch code is 0000";

  @Test
  void inferenceConfig_outOfRangeValues_messageNamesFieldRangeAndValue() {
    assertThatThrownBy(() -> InferenceConfig.builder().topP(1.5).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("topP must be in [0.0, 1.0] but was 1.5");
    assertThatThrownBy(() -> InferenceConfig.builder().maxTokens(0).build())
        .hasMessage("maxTokens must be >= 1 but was 0");
    assertThatThrownBy(() -> InferenceConfig.builder().temperature(-0.1).build())
        .hasMessage("temperature must be >= 0.0 but was -0.1");
    assertThatThrownBy(() -> InferenceConfig.builder().topK(-1).build())
        .hasMessage("topK must be >= 0 but was -1");
    assertThatThrownBy(() -> InferenceConfig.builder().seed(-5L).build())
        .hasMessage("seed must be >= 0 but was -5");
    assertThatThrownBy(() -> InferenceConfig.builder().stopSequences("a", "").build())
        .hasMessage("stopSequences[1] must not be empty");
    assertThatThrownBy(() -> InferenceConfig.builder().temperature(Double.NaN).build())
        .hasMessageContaining("temperature");
  }

  @Test
  void inferenceConfig_withOverrides_requestValuesWinAndGapsFallBack() {
    InferenceConfig defaults =
        InferenceConfig.builder().maxTokens(512).temperature(0.2).stopSequences("###").build();
    InferenceConfig request = InferenceConfig.builder().temperature(0.9).topP(0.5).build();

    InferenceConfig merged = defaults.withOverrides(request);

    assertThat(merged.maxTokens()).isEqualTo(512);
    assertThat(merged.temperature()).isEqualTo(0.9);
    assertThat(merged.topP()).isEqualTo(0.5);
    assertThat(merged.stopSequences()).containsExactly("###");
    assertThat(merged.topK()).isNull();
  }

  @Test
  void inferenceConfig_withOverridesStopSequences_replacesWholeList() {
    InferenceConfig defaults = InferenceConfig.builder().stopSequences("a", "b").build();
    InferenceConfig merged =
        defaults.withOverrides(InferenceConfig.builder().stopSequences("c").build());
    assertThat(merged.stopSequences()).containsExactly("c");
  }

  @Test
  void inferenceConfig_withOverridesOfEmpty_returnsSameInstance() {
    InferenceConfig defaults = InferenceConfig.builder().maxTokens(5).build();
    assertThat(defaults.withOverrides(InferenceConfig.empty())).isSameAs(defaults);
    assertThat(defaults.withOverrides(null)).isSameAs(defaults);
    assertThat(InferenceConfig.empty().withOverrides(defaults)).isSameAs(defaults);
  }

  @Test
  void inferenceConfig_stopSequencesList_isDefensivelyCopied() {
    List<String> stops = new ArrayList<>(List.of("x"));
    InferenceConfig c = InferenceConfig.builder().stopSequences(stops).build();
    stops.add("y");
    assertThat(c.stopSequences()).containsExactly("x");
    assertThatThrownBy(() -> c.stopSequences().add("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void generationRequest_missingPieces_failWithActionableMessages() {
    assertThatThrownBy(() -> GenerationRequest.builder().user("hi").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("modelId must not be blank but was null");
    assertThatThrownBy(() -> GenerationRequest.builder().modelId("  ").user("hi").build())
        .hasMessage("modelId must not be blank but was '  '");
    assertThatThrownBy(() -> GenerationRequest.builder().modelId("m").build())
        .hasMessageContaining("messages must hold at least one message");
    assertThatThrownBy(() -> GenerationRequest.builder().modelId(" m").user("x").build())
        .hasMessageContaining("white space");
    assertThatThrownBy(
            () -> GenerationRequest.builder().modelId("m").user("x").timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(
            () -> GenerationRequest.builder().modelId("x".repeat(2049)).user("x").build())
        .hasMessageContaining("at most 2048");
    assertThatThrownBy(() -> new Message(Role.USER, List.of()))
        .hasMessage("a user message must have at least one content block");
  }

  @Test
  void generationRequest_consumerBuilders_editInPlace() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("m")
            .system("sys")
            .user("u1")
            .assistant("a1")
            .user("u2")
            .inferenceConfig(c -> c.maxTokens(10))
            .inferenceConfig(c -> c.temperature(0.3))
            .imageConfig(i -> i.size(512, 512))
            .build();

    assertThat(r.messages())
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
    assertThat(r.inferenceConfig().maxTokens()).isEqualTo(10);
    assertThat(r.inferenceConfig().temperature()).isEqualTo(0.3);
    assertThat(r.imageConfig().width()).isEqualTo(512);
    assertThat(r.lastUserText()).isEqualTo("u2");
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  record TestOptions(String value) implements ProviderOptions {}

  record OtherOptions(int n) implements ProviderOptions {}

  @Test
  void generationRequest_options_lookedUpByClass() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("m")
            .user("x")
            .option(new TestOptions("a"))
            .option(new TestOptions("b"))
            .build();

    assertThat(r.option(TestOptions.class)).contains(new TestOptions("b"));
    assertThat(r.option(OtherOptions.class)).isEmpty();
  }

  @Test
  void toString_ofValuesHoldingText_neverPrintsTheText() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId("m")
            .system(SECRET_PROMPT)
            .user(SECRET_PROMPT)
            .additionalModelFields(Map.of("k", SECRET_PROMPT))
            .build();
    GenerationResponse resp = GenerationResponse.builder().text(SECRET_PROMPT).build();
    ImageBlock img = ImageBlock.of(SECRET_PROMPT.getBytes(StandardCharsets.UTF_8), "image/png");

    for (Object o :
        List.of(
            r,
            resp,
            r.messages().get(0),
            new TextBlock(SECRET_PROMPT),
            img,
            new GenerationEvent.TextDelta(SECRET_PROMPT),
            ImageConfig.builder().negativePrompt(SECRET_PROMPT).build(),
            EmbeddingRequest.builder().modelId("e").text(SECRET_PROMPT).build())) {
      assertThat(o.toString()).doesNotContain("launch code");
    }
    assertThat(r.toString()).contains("modelId=m").contains("23 chars");
  }

  @Test
  void imageBlock_bytes_copiedInAndOut() {
    byte[] data = {1, 2, 3};
    ImageBlock b = ImageBlock.of(data, "image/png");
    data[0] = 9;
    b.bytes()[1] = 9;
    assertThat(b.bytes()).containsExactly(1, 2, 3);
    assertThat(b.format()).isEqualTo("png");
    assertThat(b).isEqualTo(ImageBlock.of(new byte[] {1, 2, 3}, "image/png"));
    assertThatThrownBy(() -> ImageBlock.of(new byte[0], "image/png"))
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> ImageBlock.of(data, "text/plain")).hasMessageContaining("image/");
  }

  @Test
  void imageConfig_badValues_rejected() {
    assertThatThrownBy(() -> ImageConfig.builder().aspectRatio("wide").build())
        .hasMessage("aspectRatio must look like '16:9' but was 'wide'");
    assertThatThrownBy(() -> ImageConfig.builder().count(0).build())
        .hasMessage("count must be >= 1 but was 0");
    ImageConfig merged =
        ImageConfig.builder()
            .count(2)
            .seed(1L)
            .build()
            .withOverrides(ImageConfig.builder().seed(5L).build());
    assertThat(merged.count()).isEqualTo(2);
    assertThat(merged.seed()).isEqualTo(5L);
  }

  @Test
  void generationResponse_textAndImages_selectBlocksInOrder() {
    ImageBlock img = new ImageBlock(new byte[] {1}, "image/png", 42L);
    GenerationResponse r =
        GenerationResponse.builder()
            .content(List.of(new TextBlock("a"), img, new TextBlock("b")))
            .build();
    assertThat(r.text()).isEqualTo("ab");
    assertThat(r.toBuilder().content(List.of(img, new TextBlock("only"))).build().text())
        .isEqualTo("only");
    assertThat(r.toBuilder().content(List.of(img)).build().text()).isEmpty();
    assertThat(
            r.toBuilder()
                .content(List.of(new TextBlock("a"), new TextBlock("b"), new TextBlock("c")))
                .build()
                .text())
        .isEqualTo("abc");
    assertThat(r.images()).containsExactly(img);
    assertThat(r.stopReason()).isEqualTo(StopReason.OTHER);
    assertThat(r.usage()).isEqualTo(TokenUsage.none());
  }

  @Test
  void tokenUsage_orElse_fillsOnlyMissingCounts() {
    assertThat(TokenUsage.of(0, 7).orElse(TokenUsage.of(3, 9))).isEqualTo(TokenUsage.of(3, 7));
    // nothing to fill in (the usual answer: body and headers agree, no cache counts): the same
    // instance, so the runtime keeps the decoded response instead of rebuilding it
    TokenUsage known = TokenUsage.of(3, 7);
    assertThat(known.orElse(TokenUsage.of(3, 7))).isSameAs(known);
    assertThat(known.orElse(TokenUsage.none())).isSameAs(known);
    assertThat(known.orElse(null)).isSameAs(known);
    assertThat(TokenUsage.of(1, 2).plus(TokenUsage.of(3, 4)).totalTokens()).isEqualTo(10);
    assertThatThrownBy(() -> TokenUsage.of(-1, 0)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void embeddingRequest_validation_namesTheProblem() {
    assertThatThrownBy(() -> EmbeddingRequest.builder().modelId("e").build())
        .hasMessage("texts must hold at least one text");
    assertThatThrownBy(() -> EmbeddingRequest.builder().modelId("e").text("a").text("").build())
        .hasMessage("texts[1] must not be empty");
    assertThatThrownBy(
            () -> EmbeddingRequest.builder().modelId("e").text("a").dimensions(0).build())
        .hasMessage("dimensions must be >= 1 but was 0");
  }

  @Test
  void embeddingResponse_vectors_areCopies() {
    float[] v = {1f, 2f};
    EmbeddingResponse r = new EmbeddingResponse(List.of(v), null, null);
    v[0] = 9f;
    r.vector(0)[1] = 9f;
    assertThat(r.vector(0)).containsExactly(1f, 2f);
    assertThat(r.dimensions()).isEqualTo(2);
    assertThat(r.size()).isEqualTo(1);
  }

  private record Scores(double value) implements ResponseDetail {}

  @Test
  void generationResponse_detail_keptByClassThroughCopies() {
    GenerationResponse r = GenerationResponse.builder().text("x").detail(new Scores(-1.5)).build();

    assertThat(r.detail(Scores.class)).contains(new Scores(-1.5));
    assertThat(r.toBuilder().build().detail(Scores.class)).contains(new Scores(-1.5));
    assertThat(r.withMetadata(ResponseMetadata.empty()).detail(Scores.class))
        .contains(new Scores(-1.5));
    assertThat(GenerationResponse.builder().text("x").build().detail(Scores.class)).isEmpty();
    assertThat(r.toString()).contains("details=[Scores]");
    assertThatThrownBy(() -> r.details().put(Scores.class, new Scores(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void tokenUsage_cacheCounts_partOfTheWholePromptAndSummed() {
    TokenUsage u = TokenUsage.of(10, 5, 100, 20);
    assertThat(u.totalInputTokens()).isEqualTo(130);
    assertThat(u.totalTokens()).isEqualTo(135);
    assertThat(u.plus(TokenUsage.of(1, 1)).cacheReadInputTokens()).isEqualTo(100);
    assertThat(TokenUsage.of(0, 5).orElse(u)).isEqualTo(TokenUsage.of(10, 5, 100, 20));
    assertThat(TokenUsage.of(1, 2)).hasToString("TokenUsage[inputTokens=1, outputTokens=2]");
    assertThatThrownBy(() -> TokenUsage.of(1, 2, -1, 0))
        .isInstanceOf(dev.genaiaws.core.exception.InvalidRequestException.class)
        .hasMessageContaining("cache read -1");
  }
}
