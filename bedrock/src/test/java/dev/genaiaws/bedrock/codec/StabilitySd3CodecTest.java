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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StabilitySd3CodecTest {
  private static final String DIR = "stability.sd3";
  private static final String SD35 = "stability.sd3-5-large-v1:0";
  private static final String ULTRA = "stability.stable-image-ultra-v1:1";
  private static final String PROMPT = "a lighthouse at dawn, watercolour";

  private final StabilitySd3Codec codec = new StabilitySd3Codec();

  private static GenerationRequest request(String model, Consumer<ImageConfig.Builder> config) {
    return GenerationRequest.builder().modelId(model).user(PROMPT).imageConfig(config).build();
  }

  @Test
  void basics_noParametersNoStreaming() {
    ImageCodecAssertions.assertImageCodecBasics(codec, SD35);
  }

  @Test
  void encode_fullConfig_matchesGolden() {
    GenerationRequest r =
        request(
            SD35,
            i ->
                i.aspectRatio("16:9")
                    .negativePrompt("blurry")
                    .outputFormat("JPG")
                    .seed(4_294_967_294L));

    Golden.assertJsonEquals(DIR, "request.json", codec.encode(r, SD35));
  }

  @Test
  void encode_ultraPromptOnly_noMode() {
    GenerationRequest r = GenerationRequest.builder().modelId(ULTRA).user(PROMPT).build();

    Golden.assertJsonEquals(DIR, "request_ultra.json", codec.encode(r, ULTRA));
  }

  @ParameterizedTest
  @ValueSource(strings = {"16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"})
  void encode_eachAspectRatio_sent(String ratio) {
    String body =
        new String(
            codec.encode(request(SD35, i -> i.aspectRatio(ratio)), SD35), StandardCharsets.UTF_8);

    assertThat(body).contains("\"aspect_ratio\":\"" + ratio + "\"");
  }

  @Test
  void encode_widthAndHeight_rejectedSuggestingAspectRatio() {
    assertThatThrownBy(() -> codec.encode(request(SD35, i -> i.size(1024, 1024)), SD35))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "imageConfig.width and height are not supported by stability.sd3-5-large-v1:0 (it picks the"
                + " size from the aspect ratio) but were 1024x1024; set aspectRatio to one of [16:9, 1:1, 21:9, 2:3,"
                + " 3:2, 4:5, 5:4, 9:16, 9:21] instead");
  }

  @Test
  void encode_unknownAspectRatio_rejected() {
    assertThatThrownBy(() -> codec.encode(request(SD35, i -> i.aspectRatio("4:3")), SD35))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("imageConfig.aspectRatio must be one of [16:9, 1:1");
  }

  @Test
  void encode_seedTooLarge_rejected() {
    assertThatThrownBy(() -> codec.encode(request(SD35, i -> i.seed(4_294_967_295L)), SD35))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "imageConfig.seed must be in [0, 4294967294] for stability.sd3-5-large-v1:0 but was 4294967295");
  }

  @Test
  void encode_stepsOrCountOrFormat_rejected() {
    assertThatThrownBy(() -> codec.encode(request(SD35, i -> i.steps(30)), SD35))
        .hasMessageStartingWith("imageConfig.steps is not supported by stability.sd3-5-large-v1:0");
    assertThatThrownBy(() -> codec.encode(request(SD35, i -> i.count(2)), SD35))
        .hasMessageStartingWith("imageConfig.count must be in [1, 1]");
    assertThatThrownBy(() -> codec.encode(request(SD35, i -> i.outputFormat("gif")), SD35))
        .hasMessageStartingWith("imageConfig.outputFormat must be one of [jpeg, png, webp]");
  }

  @Test
  void encode_promptTooLong_rejected() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(SD35).user("p".repeat(10_001)).build();

    assertThatThrownBy(() -> codec.encode(r, SD35))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "prompt must be at most 10000 characters for stability.sd3-5-large-v1:0 but had 10001");
  }

  @Test
  void decode_success_jpegWithSeed() throws Exception {
    GenerationResponse r = codec.decode(Golden.bytes(DIR, "response.json"));

    ImageBlock image = r.images().get(0);
    assertThat(image.mediaType()).isEqualTo("image/jpeg");
    assertThat(image.seed()).isEqualTo(2_130_420_379L);
    assertThat(ImageIO.read(new ByteArrayInputStream(image.bytes())).getHeight()).isEqualTo(4);
  }

  @Test
  void decode_filtered_contentBlockedWithModelReason() {
    assertThatThrownBy(() -> codec.decode(Golden.bytes(DIR, "filtered.json")))
        .isInstanceOfSatisfying(
            ContentBlockedException.class,
            e -> assertThat(e.reason()).isEqualTo("Filter reason: prompt"));
  }

  @Test
  void decode_inferenceError_modelError() {
    assertThatThrownBy(() -> codec.decode(Golden.bytes(DIR, "error.json")))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> assertThat(e.originalMessage()).isEqualTo("Inference error"));
  }
}
