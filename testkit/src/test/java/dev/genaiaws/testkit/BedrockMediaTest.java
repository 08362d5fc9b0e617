package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/** Embedding and image families. */
class BedrockMediaTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static BedrockRuntimeClient client;

  @BeforeAll
  static void clients() {
    client = Clients.bedrock(BEDROCK.endpoint());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static double norm(JsonNode v) {
    double s = 0;
    for (JsonNode x : v) {
      s += x.asDouble() * x.asDouble();
    }
    return Math.sqrt(s);
  }

  static BufferedImage png(String base64) throws IOException {
    byte[] bytes = Base64.getDecoder().decode(base64);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void invoke_titanEmbedV1_1536DimsInputTokensOnlyHeader() {
    InvokeModelResponse r =
        Clients.invoke(client, "amazon.titan-embed-text-v1", "{\"inputText\":\"hello world\"}");
    JsonNode body = Clients.json(r.body().asByteArray());

    assertThat(body.path("embedding")).hasSize(1536);
    assertThat(body.path("inputTextTokenCount").asInt()).isEqualTo(2);
    assertThat(r.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count"))
        .hasValue("2");
    assertThat(r.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1024, 512, 256})
  void invoke_titanEmbedV2_requestedDimensionsNormalised(int dims) {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    "amazon.titan-embed-text-v2:0",
                    "{\"inputText\":\"hello\",\"dimensions\":"
                        + dims
                        + ",\"normalize\":true,\"embeddingTypes\":[\"float\",\"binary\"]}")
                .body()
                .asByteArray());

    assertThat(body.path("embedding")).hasSize(dims);
    assertThat(norm(body.path("embedding")))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(body.at("/embeddingsByType/float")).hasSize(dims);
    assertThat(body.at("/embeddingsByType/binary")).hasSize(dims);
  }

  @Test
  void invoke_titanEmbedV2_deterministicPerText() {
    String a =
        Clients.invoke(client, "amazon.titan-embed-text-v2:0", "{\"inputText\":\"same\"}")
            .body()
            .asUtf8String();
    String b =
        Clients.invoke(client, "amazon.titan-embed-text-v2:0", "{\"inputText\":\"same\"}")
            .body()
            .asUtf8String();
    String c =
        Clients.invoke(client, "amazon.titan-embed-text-v2:0", "{\"inputText\":\"different\"}")
            .body()
            .asUtf8String();

    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    assertThat(norm(Clients.json(a).path("embedding")))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void invoke_cohereEmbed_oneVectorPerTextLowerCasedEcho() {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    "cohere.embed-multilingual-v3",
                    "{\"texts\":[\"Hello World\",\"Zürich café\"],\"input_type\":\"search_document\"}")
                .body()
                .asByteArray());

    assertThat(body.path("embeddings")).hasSize(2);
    assertThat(body.at("/embeddings/0")).hasSize(1024);
    assertThat(body.path("response_type").asText()).isEqualTo("embeddings_floats");
    assertThat(body.path("texts").get(0).asText()).isEqualTo("hello world");
    assertThat(body.path("texts").get(1).asText()).isEqualTo("zürich café");
  }

  @Test
  void invoke_cohereEmbedByType_embeddingsKeyedByType() {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    "cohere.embed-english-v3",
                    "{\"texts\":[\"a\"],\"input_type\":\"search_query\",\"embedding_types\":[\"float\",\"int8\"]}")
                .body()
                .asByteArray());

    assertThat(body.path("response_type").asText()).isEqualTo("embeddings_by_type");
    assertThat(body.at("/embeddings/float/0")).hasSize(1024);
    assertThat(body.at("/embeddings/int8/0")).hasSize(1024);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "amazon.titan-image-generator-v1",
        "amazon.titan-image-generator-v2:0",
        "amazon.nova-canvas-v1:0"
      })
  void invoke_titanImageShape_requestedCountAndSizeAsPng(String modelId) throws IOException {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    modelId,
                    "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a lighthouse\"},"
                        + "\"imageGenerationConfig\":{\"numberOfImages\":2,\"width\":576,\"height\":384,\"seed\":7}}")
                .body()
                .asByteArray());

    assertThat(body.path("images")).hasSize(2);
    BufferedImage img = png(body.path("images").get(0).asText());
    assertThat(img.getWidth()).isEqualTo(576);
    assertThat(img.getHeight()).isEqualTo(384);
    assertThat(body.path("images").get(0).asText())
        .isNotEqualTo(body.path("images").get(1).asText());
  }

  @Test
  void invoke_titanImageSizes_documentedListOnlyWhileNovaCanvasTakesAGrid() throws IOException {
    String odd =
        "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a lighthouse\"},"
            + "\"imageGenerationConfig\":{\"width\":1173,\"height\":640}}";
    JsonNode body =
        Clients.json(
            Clients.invoke(client, "amazon.titan-image-generator-v2:0", odd).body().asByteArray());
    assertThat(png(body.path("images").get(0).asText()).getWidth()).isEqualTo(1173);

    String grid =
        "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a lighthouse\"},"
            + "\"imageGenerationConfig\":{\"width\":1008,\"height\":1008}}";
    assertThatThrownBy(() -> Clients.invoke(client, "amazon.titan-image-generator-v2:0", grid))
        .isInstanceOf(
            software.amazon.awssdk.services.bedrockruntime.model.ValidationException.class)
        .hasMessageContaining("1008x1008 is not supported");
    assertThat(
            png(Clients.json(
                        Clients.invoke(client, "amazon.nova-canvas-v1:0", grid)
                            .body()
                            .asByteArray())
                    .path("images")
                    .get(0)
                    .asText())
                .getHeight())
        .isEqualTo(1008);
    assertThatThrownBy(() -> Clients.invoke(client, "amazon.nova-canvas-v1:0", odd))
        .isInstanceOf(
            software.amazon.awssdk.services.bedrockruntime.model.ValidationException.class);
  }

  @Test
  void invoke_sdxl_artifactWithEchoedSeedAndSize() throws IOException {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    "stability.stable-diffusion-xl-v1",
                    "{\"text_prompts\":[{\"text\":\"a lighthouse\",\"weight\":1},{\"text\":\"blurry\",\"weight\":-1}],"
                        + "\"width\":640,\"height\":384,\"seed\":1234,\"steps\":30,\"style_preset\":\"photographic\"}")
                .body()
                .asByteArray());

    assertThat(body.path("result").asText()).isEqualTo("success");
    assertThat(body.at("/artifacts/0/seed").asLong()).isEqualTo(1234);
    assertThat(body.at("/artifacts/0/finishReason").asText()).isEqualTo("SUCCESS");
    BufferedImage img = png(body.at("/artifacts/0/base64").asText());
    assertThat(img.getWidth()).isEqualTo(640);
    assertThat(img.getHeight()).isEqualTo(384);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "stability.sd3-large-v1:0",
        "stability.stable-image-core-v1:1",
        "us.stability.stable-image-ultra-v1:0"
      })
  void invoke_sd3Style_aspectRatioSizeAndSeeds(String modelId) throws IOException {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    modelId,
                    "{\"prompt\":\"a lighthouse\",\"aspect_ratio\":\"16:9\",\"seed\":42}")
                .body()
                .asByteArray());

    assertThat(body.path("seeds").get(0).asLong()).isEqualTo(42);
    assertThat(body.path("finish_reasons").get(0).isNull()).isTrue();
    BufferedImage img = png(body.path("images").get(0).asText());
    assertThat(img.getWidth()).isEqualTo(1344);
    assertThat(img.getHeight()).isEqualTo(768);
  }

  @Test
  void invoke_sd3WithoutSeed_seedChosenAndEchoed() {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    "stability.sd3-5-large-v1:0",
                    "{\"prompt\":\"a lighthouse\",\"output_format\":\"jpeg\"}")
                .body()
                .asByteArray());

    assertThat(body.path("seeds").get(0).asLong()).isPositive();
    assertThat(Base64.getDecoder().decode(body.path("images").get(0).asText()))
        .startsWith(0xFF, 0xD8);
  }
}
