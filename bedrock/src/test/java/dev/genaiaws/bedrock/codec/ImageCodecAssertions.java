package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;

/** Checks every image codec shares: no inference parameters, no streaming. */
final class ImageCodecAssertions {
  private ImageCodecAssertions() {}

  static void assertImageCodecBasics(ModelCodec codec, String modelId) {
    assertThat(codec.supportsStreaming()).isFalse();
    assertThat(codec.parameters(modelId).ranges()).isEmpty();
    InferenceConfig config = InferenceConfig.builder().maxTokens(100).temperature(0.5).build();
    assertThatThrownBy(
            () -> codec.parameters(modelId).apply(config, modelId, UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("maxTokens");
    InferenceConfig dropped =
        codec.parameters(modelId).apply(config, modelId, UnsupportedParameterPolicy.DROP);
    assertThat(dropped.maxTokens()).isNull();
    assertThat(dropped.temperature()).isNull();
    assertThatThrownBy(codec::newStreamDecoder)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot stream");
  }
}
