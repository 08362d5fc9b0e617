package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaCodecRegistryTest {
  private final CodecRegistry<ModelCodec> text = BedrockCodecs.textRegistry();
  private final CodecRegistry<EmbeddingCodec> embeddings = BedrockCodecs.embeddingRegistry();

  @ParameterizedTest
  @CsvSource({
    "amazon.titan-image-generator-v1, amazon.titan-image, amazon.titan-image-generator-v1",
    "amazon.titan-image-generator-v2:0, amazon.titan-image, amazon.titan-image-generator-v2:0",
    "amazon.nova-canvas-v1:0, amazon.titan-image, amazon.nova-canvas-v1:0",
    "us.amazon.nova-canvas-v1:0, amazon.titan-image, amazon.nova-canvas-v1:0",
    "stability.stable-diffusion-xl-v1, stability.sdxl, stability.stable-diffusion-xl-v1",
    "stability.sd3-large-v1:0, stability.sd3, stability.sd3-large-v1:0",
    "stability.sd3-5-large-v1:0, stability.sd3, stability.sd3-5-large-v1:0",
    "us.stability.stable-image-core-v1:1, stability.sd3, stability.stable-image-core-v1:1",
    "stability.stable-image-ultra-v1:0, stability.sd3, stability.stable-image-ultra-v1:0",
    "arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0, stability.sd3, stability.sd3-5-large-v1:0"
  })
  void textRegistry_imageModels_resolveToImageCodecs(String id, String family, String base) {
    CodecRegistry.Resolution<ModelCodec> r = text.resolve(id);

    assertThat(r.codec().family().name()).isEqualTo(family);
    assertThat(r.baseModelId()).isEqualTo(base);
    assertThat(r.codec().supportsStreaming()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "amazon.titan-embed-text-v1, amazon.titan-embed-text",
    "amazon.titan-embed-text-v2:0, amazon.titan-embed-text",
    "amazon.titan-embed-g1-text-02, amazon.titan-embed-text",
    "cohere.embed-english-v3, cohere.embed",
    "cohere.embed-multilingual-v3, cohere.embed",
    "us.cohere.embed-english-v3, cohere.embed"
  })
  void embeddingRegistry_embeddingModels_resolve(String id, String family) {
    assertThat(embeddings.resolve(id).codec().family().name()).isEqualTo(family);
  }
}
