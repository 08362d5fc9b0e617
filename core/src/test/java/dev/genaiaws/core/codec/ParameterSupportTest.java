package dev.genaiaws.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import org.junit.jupiter.api.Test;

class ParameterSupportTest {
  static final ParameterSupport TITAN =
      ParameterSupport.builder("amazon.titan-text")
          .maxTokens(1, 8192)
          .temperature(0, 1)
          .topP(0, 1)
          .stopSequences(1)
          .build();

  @Test
  void apply_valueOutOfRange_messageNamesParameterModelRangeAndValue() {
    InferenceConfig c = InferenceConfig.builder().temperature(1.7).build();
    assertThatThrownBy(
            () -> TITAN.apply(c, "amazon.titan-text-express-v1", UnsupportedParameterPolicy.DROP))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "temperature must be in [0.0, 1.0] for amazon.titan-text-express-v1 but was 1.7");
    InferenceConfig big = InferenceConfig.builder().maxTokens(9000).build();
    assertThatThrownBy(
            () -> TITAN.apply(big, "amazon.titan-text-express-v1", UnsupportedParameterPolicy.FAIL))
        .hasMessage("maxTokens must be in [1, 8192] for amazon.titan-text-express-v1 but was 9000");
  }

  @Test
  void apply_unsupportedParameterUnderFail_throwsNamingFamilyAndParameter() {
    InferenceConfig c = InferenceConfig.builder().topK(40).build();
    assertThatThrownBy(
            () -> TITAN.apply(c, "amazon.titan-text-lite-v1", UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageStartingWith(
            "topK is not supported by the amazon.titan-text family (model amazon.titan-text-lite-v1)")
        .hasMessageContaining("UnsupportedParameterPolicy.DROP")
        .satisfies(
            e -> {
              UnsupportedParameterException u = (UnsupportedParameterException) e;
              assertThat(u.parameter()).isEqualTo("topK");
              assertThat(u.family()).isEqualTo("amazon.titan-text");
            });
  }

  @Test
  void apply_unsupportedParametersUnderDrop_removesOnlyThose() {
    InferenceConfig c =
        InferenceConfig.builder().maxTokens(100).topK(40).seed(3L).temperature(0.5).build();
    InferenceConfig out =
        TITAN.apply(c, "amazon.titan-text-lite-v1", UnsupportedParameterPolicy.DROP);
    assertThat(out).isEqualTo(InferenceConfig.builder().maxTokens(100).temperature(0.5).build());
  }

  @Test
  void apply_tooManyStopSequences_rejectedEvenUnderDrop() {
    InferenceConfig c = InferenceConfig.builder().stopSequences("|", "||").build();
    assertThatThrownBy(
            () -> TITAN.apply(c, "amazon.titan-text-lite-v1", UnsupportedParameterPolicy.DROP))
        .hasMessage(
            "stopSequences must have at most 1 entries for amazon.titan-text-lite-v1 but had 2");
  }

  @Test
  void apply_stopSequencesUnsupportedUnderDrop_dropped() {
    ParameterSupport none = ParameterSupport.builder("x").build();
    InferenceConfig c = InferenceConfig.builder().stopSequences("a").build();
    assertThat(none.apply(c, "m", UnsupportedParameterPolicy.DROP).stopSequences()).isEmpty();
    assertThatThrownBy(() -> none.apply(c, "m", UnsupportedParameterPolicy.FAIL))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageStartingWith("stopSequences");
  }

  @Test
  void apply_everythingValid_returnsSameInstance() {
    InferenceConfig c = InferenceConfig.builder().maxTokens(10).topP(0.9).build();
    assertThat(TITAN.apply(c, "m", UnsupportedParameterPolicy.FAIL)).isSameAs(c);
    assertThat(TITAN.supports(ParameterSupport.Parameter.TOP_K)).isFalse();
    assertThat(TITAN.range(ParameterSupport.Parameter.MAX_TOKENS))
        .get()
        .isEqualTo(new ParameterSupport.Range(1, 8192));
  }
}
