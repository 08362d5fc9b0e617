package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.exception.ContentBlockedException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ModelErrorException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StabilitySdxlCodecTest {
  private static final String DIR = "stability.sdxl";
  private static final String SDXL = "stability.stable-diffusion-xl-v1";
  private static final String PROMPT = "a lighthouse at dawn, watercolour";

  private final StabilitySdxlCodec codec = new StabilitySdxlCodec();

  private static GenerationRequest request(Consumer<ImageConfig.Builder> config) {
    return GenerationRequest.builder().modelId(SDXL).user(PROMPT).imageConfig(config).build();
  }

  @Test
  void basics_noParametersNoStreaming() {
    ImageCodecAssertions.assertImageCodecBasics(codec, SDXL);
  }

  @Test
  void encode_fullConfig_matchesGolden() {
    GenerationRequest r =
        request(
            i ->
                i.size(1216, 832)
                    .cfgScale(7.0)
                    .steps(30)
                    .seed(4_294_967_295L)
                    .count(1)
                    .negativePrompt("blurry")
                    .stylePreset("photographic"));

    Golden.assertJsonEquals(DIR, "request.json", codec.encode(r, SDXL));
  }

  @Test
  void encode_promptOnly_textPromptWithWeightOne() {
    GenerationRequest r = GenerationRequest.builder().modelId(SDXL).user(PROMPT).build();

    assertThat(new String(codec.encode(r, SDXL), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"text_prompts\":[{\"text\":\"a lighthouse at dawn, watercolour\",\"weight\":1.0}]}");
  }

  @Test
  void encode_additionalModelFields_mergedLast() {
    GenerationRequest r =
        GenerationRequest.builder()
            .modelId(SDXL)
            .user(PROMPT)
            .additionalModelFields(
                Map.of("sampler", "K_EULER", "clip_guidance_preset", "FAST_BLUE"))
            .build();

    String body = new String(codec.encode(r, SDXL), StandardCharsets.UTF_8);

    assertThat(body)
        .contains("\"sampler\":\"K_EULER\"")
        .contains("\"clip_guidance_preset\":\"FAST_BLUE\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1000x1000|imageConfig.width x height must be one of [1024x1024, 1152x896, 896x1152, 1216x832, 832x1216,"
            + " 1344x768, 768x1344, 1536x640, 640x1536] for stability.stable-diffusion-xl-v1 but was 1000x1000",
        "steps=5|imageConfig.steps must be in [10, 150] for stability.stable-diffusion-xl-v1 but was 5",
        "cfg=36|imageConfig.cfgScale must be in [0.0, 35.0] for stability.stable-diffusion-xl-v1 but was 36.0",
        "seed=4294967296|imageConfig.seed must be in [0, 4294967295] for stability.stable-diffusion-xl-v1 but was"
            + " 4294967296",
        "count=2|imageConfig.count must be in [1, 1] for stability.stable-diffusion-xl-v1 but was 2",
        "style=watercolor|imageConfig.stylePreset must be one of",
        "ratio=16:9|imageConfig.aspectRatio is not supported by stability.stable-diffusion-xl-v1 but was 16:9;"
            + " set width and height",
        "jpeg|imageConfig.outputFormat must be png for stability.stable-diffusion-xl-v1",
        "widthOnly|imageConfig.width and height must be set together"
      })
  void encode_invalidConfig_clearMessage(String which, String message) {
    Consumer<ImageConfig.Builder> c =
        switch (which) {
          case "1000x1000" -> i -> i.size(1000, 1000);
          case "steps=5" -> i -> i.steps(5);
          case "cfg=36" -> i -> i.cfgScale(36.0);
          case "seed=4294967296" -> i -> i.seed(4_294_967_296L);
          case "count=2" -> i -> i.count(2);
          case "style=watercolor" -> i -> i.stylePreset("watercolor");
          case "ratio=16:9" -> i -> i.aspectRatio("16:9");
          case "jpeg" -> i -> i.outputFormat("jpeg");
          default -> i -> i.width(1024);
        };

    assertThatThrownBy(() -> codec.encode(request(c), SDXL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void encode_systemPrompt_rejected() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(SDXL).system("be nice").user(PROMPT).build();

    assertThatThrownBy(() -> codec.encode(r, SDXL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("system is not supported by stability.stable-diffusion-xl-v1");
  }

  @Test
  void encode_noUserText_rejected() {
    GenerationRequest r = GenerationRequest.builder().modelId(SDXL).assistant("hello").build();

    assertThatThrownBy(() -> codec.encode(r, SDXL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("an image prompt is required");
  }

  @Test
  void decode_success_pngWithSeed() throws Exception {
    GenerationResponse r = codec.decode(Golden.bytes(DIR, "response.json"));

    assertThat(r.images()).hasSize(1);
    ImageBlock image = r.images().get(0);
    assertThat(image.mediaType()).isEqualTo("image/png");
    assertThat(image.seed()).isEqualTo(1_234_567_890L);
    assertThat(
            javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(image.bytes())).getWidth())
        .isEqualTo(4);
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(r.rawStopReason()).isEqualTo("SUCCESS");
    assertThat(r.text()).isEmpty();
  }

  @Test
  void decode_contentFiltered_contentBlockedWithReason() {
    assertThatThrownBy(() -> codec.decode(Golden.bytes(DIR, "filtered.json")))
        .isInstanceOfSatisfying(
            ContentBlockedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("CONTENT_FILTERED");
              assertThat(e.retryable()).isFalse();
              assertThat(e.provider()).isEqualTo("bedrock");
            });
  }

  @Test
  void decode_error_modelError() {
    assertThatThrownBy(() -> codec.decode(Golden.bytes(DIR, "error.json")))
        .isInstanceOfSatisfying(
            ModelErrorException.class, e -> assertThat(e.originalMessage()).isEqualTo("ERROR"));
  }
}
