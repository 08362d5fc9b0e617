package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.exception.ContentBlockedException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ModelErrorException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitanImageCodecTest {
  private static final String DIR = "amazon.titan-image";
  private static final String V1 = "amazon.titan-image-generator-v1";
  private static final String V2 = "amazon.titan-image-generator-v2:0";
  private static final String CANVAS = "amazon.nova-canvas-v1:0";
  private static final String PROMPT = "a lighthouse at dawn, watercolour";

  private final TitanImageCodec codec = new TitanImageCodec();

  private static GenerationRequest request(String model, Consumer<ImageConfig.Builder> config) {
    return GenerationRequest.builder().modelId(model).user(PROMPT).imageConfig(config).build();
  }

  @Test
  void basics_noParametersNoStreaming() {
    ImageCodecAssertions.assertImageCodecBasics(codec, V2);
  }

  @Test
  void encode_fullConfig_matchesGolden() {
    GenerationRequest r =
        request(
            V2,
            i ->
                i.count(2)
                    .quality("PREMIUM")
                    .size(1152, 768)
                    .cfgScale(8.0)
                    .seed(42L)
                    .negativePrompt("people"));

    Golden.assertJsonEquals(DIR, "request.json", codec.encode(r, V2));
  }

  @Test
  void encode_novaCanvasFreeSize_matchesGolden() {
    GenerationRequest r = request(CANVAS, i -> i.count(1).size(1280, 720).seed(7L));

    Golden.assertJsonEquals(DIR, "request_nova_canvas.json", codec.encode(r, CANVAS));
  }

  @Test
  void encode_promptOnly_noGenerationConfig() {
    GenerationRequest r = GenerationRequest.builder().modelId(V1).user(PROMPT).build();

    assertThat(new String(codec.encode(r, V1), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a lighthouse at dawn, watercolour\"}}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v2|1280x720|imageConfig.width x height must be one of [1024x1024, 768x768",
        "canvas|1000x1000|imageConfig.width x height must have each side divisible by 16 for amazon.nova-canvas-v1:0"
            + " but was 1000x1000",
        "canvas|4096x4096|imageConfig.width x height must have at most 4194304 pixels",
        "canvas|320x1600|imageConfig.width x height must have an aspect ratio between 1:4 and 4:1",
        "canvas|304x320|imageConfig.width x height must have each side between 320 and 4096",
        "v2|count=6|imageConfig.count must be in [1, 5] for amazon.titan-image-generator-v2:0 but was 6",
        "v2|cfg=1.0|imageConfig.cfgScale must be in [1.1, 10.0] for amazon.titan-image-generator-v2:0 but was 1.0",
        "v2|seed=2147483647|imageConfig.seed must be in [0, 2147483646] for amazon.titan-image-generator-v2:0",
        "canvas|seed=858993460|imageConfig.seed must be in [0, 858993459] for amazon.nova-canvas-v1:0",
        "v2|quality=ultra|imageConfig.quality must be one of [standard, premium]",
        "v2|ratio=1:1|imageConfig.aspectRatio is not supported by amazon.titan-image-generator-v2:0 but was 1:1",
        "v2|steps=20|imageConfig.steps is not supported",
        "v2|neg=long|imageConfig.negativePrompt must be at most 512 characters for amazon.titan-image-generator-v2:0"
      })
  void encode_invalidConfig_clearMessage(String model, String which, String message) {
    Consumer<ImageConfig.Builder> c =
        switch (which) {
          case "count=6" -> i -> i.count(6);
          case "cfg=1.0" -> i -> i.cfgScale(1.0);
          case "seed=2147483647" -> i -> i.seed(2_147_483_647L);
          case "seed=858993460" -> i -> i.seed(858_993_460L);
          case "quality=ultra" -> i -> i.quality("ultra");
          case "ratio=1:1" -> i -> i.aspectRatio("1:1");
          case "steps=20" -> i -> i.steps(20);
          case "neg=long" -> i -> i.negativePrompt("n".repeat(513));
          default -> {
            String[] wh = which.split("x");
            yield i -> i.size(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
          }
        };
    String id = model.equals("canvas") ? CANVAS : V2;

    assertThatThrownBy(() -> codec.encode(request(id, c), id))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void encode_promptLimits_titan512Canvas1024() {
    GenerationRequest titan = GenerationRequest.builder().modelId(V1).user("p".repeat(513)).build();
    GenerationRequest canvasOk =
        GenerationRequest.builder().modelId(CANVAS).user("p".repeat(1024)).build();
    GenerationRequest canvasLong =
        GenerationRequest.builder().modelId(CANVAS).user("p".repeat(1025)).build();

    assertThatThrownBy(() -> codec.encode(titan, V1))
        .hasMessage(
            "prompt must be at most 512 characters for amazon.titan-image-generator-v1 but had 513");
    assertThat(codec.encode(canvasOk, CANVAS)).isNotEmpty();
    assertThatThrownBy(() -> codec.encode(canvasLong, CANVAS))
        .hasMessage(
            "prompt must be at most 1024 characters for amazon.nova-canvas-v1:0 but had 1025");
  }

  @Test
  void decode_twoImages_pngWithRequestSeed() {
    GenerationRequest r = request(V2, i -> i.count(2).seed(42L));

    GenerationResponse response = codec.decode(Golden.bytes(DIR, "response.json"), r);

    assertThat(response.images())
        .hasSize(2)
        .allSatisfy(
            image -> {
              assertThat(image.mediaType()).isEqualTo("image/png");
              assertThat(image.seed()).isEqualTo(42L);
              assertThat(image.size()).isPositive();
            });
  }

  @Test
  void decode_withoutRequest_noSeed() {
    ImageBlock image = codec.decode(Golden.bytes(DIR, "response.json")).images().get(0);

    assertThat(image.seed()).isNull();
  }

  @Test
  void decode_contentFilterError_contentBlockedWithModelWords() {
    assertThatThrownBy(() -> codec.decode(Golden.bytes(DIR, "filtered.json")))
        .isInstanceOfSatisfying(
            ContentBlockedException.class,
            e ->
                assertThat(e.reason())
                    .startsWith("This request has been blocked by our content filters."));
  }

  @Test
  void decode_otherError_modelError() {
    assertThatThrownBy(() -> codec.decode(Golden.bytes(DIR, "error.json")))
        .isInstanceOf(ModelErrorException.class)
        .hasMessageContaining("Internal error while generating the image");
  }
}
