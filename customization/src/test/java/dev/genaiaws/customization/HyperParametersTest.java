package dev.genaiaws.customization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.InvalidRequestException;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

  @Test
  void check_learningRateOutOfRange_namesRangeValueAndDefault() {
    CustomizableModel premier = CustomizableModel.of("amazon.titan-text-premier-v1:0");

    assertThat(premier.check(HyperParameters.builder().learningRate(0.01).build()))
        .containsExactly(
            "learningRate must be in [1.0E-7, 1.0E-5] for amazon.titan-text-premier-v1 but was 0.01 (default 1.0E-6)");
  }

  @Test
  void check_fractionalEpochs_mustBeWhole() {
    CustomizableModel titan = CustomizableModel.of("amazon.titan-text-express-v1");

    assertThat(titan.check(HyperParameters.builder().epochCount(0).batchSize(65).build()))
        .containsExactly(
            "epochCount must be a whole number in [1, 10] for amazon.titan-text-express-v1 but was 0 (default 5.0)",
            "batchSize must be a whole number in [1, 64] for amazon.titan-text-express-v1 but was 65 (default 1.0)");
  }

  @Test
  void check_parameterTheModelDoesNotTake_listsWhatItTakes() {
    CustomizableModel haiku = CustomizableModel.of("anthropic.claude-3-haiku-20240307-v1:0");

    assertThat(haiku.check(HyperParameters.builder().learningRate(1e-5).build()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("learningRate is not a hyper-parameter of")
                    .contains("learningRateMultiplier"));
  }

  @Test
  void check_requiredWithoutDefault_asksForIt() {
    CustomizableModel embed = CustomizableModel.of("amazon.titan-embed-image-v1");

    assertThat(embed.check(HyperParameters.defaults()))
        .containsExactly(
            "epochCount has no default for amazon.titan-embed-image-v1: set it, in [1, 100]");
    assertThat(embed.check(HyperParameters.builder().epochCount(3).build())).isEmpty();
  }

  @Test
  void check_undocumentedRange_onlyTypeChecked() {
    CustomizableModel nova = CustomizableModel.of("amazon.nova-lite-v1:0:300k");

    assertThat(nova.check(HyperParameters.builder().learningRateWarmupSteps(10).build())).isEmpty();
  }

  @Test
  void toWire_decimalsWrittenOut() {
    assertThat(
            HyperParameters.builder()
                .epochCount(2)
                .learningRate(1e-5)
                .learningRateMultiplier(1.0)
                .build()
                .toWire())
        .containsExactly(
            java.util.Map.entry("epochCount", "2"),
            java.util.Map.entry("learningRate", "0.00001"),
            java.util.Map.entry("learningRateMultiplier", "1"));
  }

  @Test
  void of_modelThatCannotBeCustomized_listsThoseThatCan() {
    assertThatThrownBy(() -> CustomizableModel.of("anthropic.claude-3-5-sonnet-20240620-v1:0"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot be customized")
        .hasMessageContaining("amazon.titan-text-express-v1");
  }

  @Test
  void find_foundationModelArnAndVariant_matchTheEntry() {
    assertThat(
            CustomizableModel.find(
                "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-lite-v1:0:4k"))
        .map(CustomizableModel::modelId)
        .contains("amazon.titan-text-lite-v1");
    assertThat(CustomizableModel.find("meta.llama3-1-8b-instruct-v1:0:128k"))
        .map(CustomizableModel::types)
        .hasValueSatisfying(t -> assertThat(t).contains(CustomizationType.DISTILLATION));
  }
}
