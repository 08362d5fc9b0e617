package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.exception.ContentBlockedException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Bedrock image model through {@link BedrockGenerationClient#generate}, against the emulator.
 */
class BedrockImageGenerationTest {
  private static final String PROMPT = "a lighthouse at dawn, watercolour";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BedrockEmulator bedrock;
  private static BedrockGenerationClient client;
  private static BedrockGenerationClient dropping;

  @BeforeAll
  static void start() {
    bedrock = BedrockEmulator.start();
    client = builder().build();
    dropping = builder().unsupportedParameters(UnsupportedParameterPolicy.DROP).build();
  }

  private static BedrockGenerationClient.Builder builder() {
    return BedrockGenerationClient.builder()
        .endpointOverride(bedrock.endpoint())
        .region(Emulated.REGION)
        .credentialsProvider(Emulated.CREDENTIALS)
        .retryPolicy(new RecordingSleeper().policy(3));
  }

  @AfterAll
  static void stop() {
    client.close();
    dropping.close();
    bedrock.close();
  }

  @BeforeEach
  void reset() {
    bedrock.reset();
  }

  private static GenerationRequest request(String model, Consumer<ImageConfig.Builder> config) {
    return GenerationRequest.builder().modelId(model).user(PROMPT).imageConfig(config).build();
  }

  private static BufferedImage read(ImageBlock image) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(image.bytes()));
      assertThat(img).as("decodable %s", image.mediaType()).isNotNull();
      return img;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode sentBody() {
    try {
      return JSON.readTree(bedrock.takeRequest().body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "amazon.titan-image-generator-v1, 512, 512, 1, 11",
    "amazon.titan-image-generator-v2:0, 1152, 768, 3, 2147483646",
    "amazon.nova-canvas-v1:0, 1280, 720, 2, 858993459"
  })
  void generate_titanImageAndNovaCanvas_pngOfRequestedSizeCountAndSeed(
      String model, int w, int h, int count, long seed) {
    GenerationResponse r =
        client.generate(
            request(
                model,
                i ->
                    i.size(w, h)
                        .count(count)
                        .seed(seed)
                        .quality("standard")
                        .cfgScale(8.0)
                        .negativePrompt("people")));

    assertThat(r.images()).hasSize(count);
    for (ImageBlock image : r.images()) {
      assertThat(image.mediaType()).isEqualTo("image/png");
      assertThat(image.seed()).isEqualTo(seed);
      BufferedImage img = read(image);
      assertThat(img.getWidth()).isEqualTo(w);
      assertThat(img.getHeight()).isEqualTo(h);
    }
    assertThat(r.text()).isEmpty();
    assertThat(r.metadata().requestId()).isNotBlank();
    JsonNode body = sentBody();
    assertThat(body.get("taskType").asText()).isEqualTo("TEXT_IMAGE");
    assertThat(body.at("/textToImageParams/negativeText").asText()).isEqualTo("people");
  }

  @ParameterizedTest
  @CsvSource({"1024, 1024, 7", "1216, 832, 4294967295", "640, 1536, 123"})
  void generate_sdxl_pngOfRequestedSizeWithSeedEchoed(int w, int h, long seed) {
    GenerationResponse r =
        client.generate(
            request(
                "stability.stable-diffusion-xl-v1",
                i ->
                    i.size(w, h)
                        .seed(seed)
                        .steps(30)
                        .cfgScale(7.0)
                        .stylePreset("photographic")
                        .negativePrompt("blurry")));

    assertThat(r.images()).hasSize(1);
    ImageBlock image = r.images().get(0);
    assertThat(image.mediaType()).isEqualTo("image/png");
    assertThat(image.seed()).isEqualTo(seed);
    BufferedImage img = read(image);
    assertThat(img.getWidth()).isEqualTo(w);
    assertThat(img.getHeight()).isEqualTo(h);
    JsonNode prompts = sentBody().get("text_prompts");
    assertThat(prompts.get(0).get("weight").asDouble()).isEqualTo(1.0);
    assertThat(prompts.get(1).get("text").asText()).isEqualTo("blurry");
    assertThat(prompts.get(1).get("weight").asDouble()).isEqualTo(-1.0);
  }

  @Test
  void generate_sdxlWithoutSeed_reportsTheSeedTheModelUsed() {
    ImageBlock image =
        client.generate(request("stability.stable-diffusion-xl-v1", i -> {})).images().get(0);

    assertThat(image.seed()).isNotNull().isPositive();
    assertThat(read(image).getWidth()).isEqualTo(1024);
  }

  @ParameterizedTest
  @CsvSource({
    "stability.sd3-large-v1:0, 16:9, png, 1344, 768",
    "stability.sd3-5-large-v1:0, 1:1, jpeg, 1024, 1024",
    "stability.stable-image-core-v1:1, 9:16, png, 768, 1344",
    "stability.stable-image-ultra-v1:1, 21:9, jpeg, 1536, 640",
    "us.stability.stable-image-ultra-v1:0, 3:2, png, 1216, 832"
  })
  void generate_sd3Style_imageOfRatioFormatAndSeed(
      String model, String ratio, String format, int w, int h) {
    GenerationResponse r =
        client.generate(
            request(
                model,
                i ->
                    i.aspectRatio(ratio)
                        .outputFormat(format)
                        .seed(4_294_967_294L)
                        .negativePrompt("blurry")));

    assertThat(r.images()).hasSize(1);
    ImageBlock image = r.images().get(0);
    assertThat(image.mediaType()).isEqualTo("image/" + format);
    assertThat(image.seed()).isEqualTo(4_294_967_294L);
    BufferedImage img = read(image);
    assertThat(img.getWidth()).isEqualTo(w);
    assertThat(img.getHeight()).isEqualTo(h);
    JsonNode body = sentBody();
    assertThat(body.get("aspect_ratio").asText()).isEqualTo(ratio);
    assertThat(body.has("mode")).isEqualTo(model.startsWith("stability.sd3"));
  }

  @Test
  void generateAsync_image_sameAsSync() throws ExecutionException, InterruptedException {
    GenerationRequest req =
        request("amazon.titan-image-generator-v2:0", i -> i.size(512, 512).seed(5L));

    GenerationResponse async = client.generateAsync(req).get();
    GenerationResponse sync = client.generate(req);

    assertThat(async.images()).isEqualTo(sync.images());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "amazon.titan-image-generator-v2:0|{\"images\":[],\"error\":\"This request has been blocked by our content"
            + " filters.\"}|This request has been blocked by our content filters.",
        "amazon.nova-canvas-v1:0|{\"images\":[],\"error\":\"The generated image has been blocked by our content"
            + " filters.\"}|The generated image has been blocked by our content filters.",
        "stability.stable-diffusion-xl-v1|{\"result\":\"success\",\"artifacts\":[{\"seed\":1,\"base64\":\"\","
            + "\"finishReason\":\"CONTENT_FILTERED\"}]}|CONTENT_FILTERED",
        "stability.sd3-5-large-v1:0|{\"finish_reasons\":[\"Filter reason: prompt\"]}|Filter reason: prompt",
        "stability.stable-image-ultra-v1:1|{\"seeds\":[9],\"finish_reasons\":[\"Filter reason: output image\"],"
            + "\"images\":[]}|Filter reason: output image"
      })
  void generate_filteredAnswer_contentBlockedNotRetried(
      String model, String answer, String reason) {
    bedrock.enqueueResponse(model, answer);

    assertThatThrownBy(() -> client.generate(request(model, i -> {})))
        .isInstanceOfSatisfying(
            ContentBlockedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).doesNotContain(PROMPT);
            });
    assertThat(bedrock.requestCount()).isEqualTo(1);
  }

  @Test
  void generate_sd3InferenceError_modelError() {
    bedrock.enqueueResponse(
        "stability.sd3-large-v1:0", "{\"finish_reasons\":[\"Inference error\"]}");

    assertThatThrownBy(() -> client.generate(request("stability.sd3-large-v1:0", i -> {})))
        .isInstanceOf(ModelErrorException.class)
        .hasMessageContaining("Inference error");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "amazon.titan-image-generator-v1|size=1000x1000|imageConfig.width x height must be one of",
        "amazon.titan-image-generator-v2:0|count=6|imageConfig.count must be in [1, 5]",
        "amazon.nova-canvas-v1:0|size=1000x1000|imageConfig.width x height must have each side divisible by 16",
        "stability.stable-diffusion-xl-v1|size=1280x720|imageConfig.width x height must be one of [1024x1024",
        "stability.stable-diffusion-xl-v1|count=2|imageConfig.count must be in [1, 1]",
        "stability.sd3-5-large-v1:0|size=1024x1024|imageConfig.width and height are not supported",
        "stability.stable-image-core-v1:1|ratio=4:3|imageConfig.aspectRatio must be one of"
      })
  void generate_invalidImageConfig_nothingSent(String model, String which, String message) {
    Consumer<ImageConfig.Builder> c;
    if (which.startsWith("size=")) {
      String[] wh = which.substring(5).split("x");
      c = i -> i.size(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    } else if (which.startsWith("count=")) {
      c = i -> i.count(Integer.parseInt(which.substring(6)));
    } else {
      c = i -> i.aspectRatio(which.substring(6));
    }

    assertThatThrownBy(() -> client.generate(request(model, c)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(message)
        .hasMessageContaining(model);
    assertThat(bedrock.requestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "amazon.titan-image-generator-v2:0",
        "stability.stable-diffusion-xl-v1",
        "stability.sd3-5-large-v1:0"
      })
  void generate_inferenceConfigOnImageModel_unsupportedOrDropped(String model) {
    GenerationRequest req =
        GenerationRequest.builder()
            .modelId(model)
            .user(PROMPT)
            .inferenceConfig(c -> c.maxTokens(100).temperature(0.5))
            .build();

    assertThatThrownBy(() -> client.generate(req))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("maxTokens");
    assertThat(bedrock.requestCount()).isZero();

    GenerationResponse r = dropping.generate(req);
    assertThat(r.images()).isNotEmpty();
    assertThat(bedrock.takeRequest().bodyUtf8()).doesNotContain("100");
  }

  @Test
  void stream_imageModel_refusedBeforeSending() {
    GenerationRequest req = request("amazon.nova-canvas-v1:0", i -> {});

    assertThatThrownBy(() -> client.stream(req))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot stream");
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void generate_imageResponseToString_hidesBytesAndPrompt() {
    GenerationResponse r = client.generate(request("stability.sd3-large-v1:0", i -> i.seed(1L)));

    assertThat(r.toString()).doesNotContain(PROMPT).hasSizeLessThan(500);
    assertThat(List.copyOf(r.images()).get(0).toString()).startsWith("ImageBlock[image/png, ");
  }
}
