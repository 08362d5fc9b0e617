package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.bedrock.codec.CohereCommandOptions;
import dev.genaiaws.bedrock.codec.CohereCommandOptions.ReturnLikelihoods;
import dev.genaiaws.bedrock.codec.CohereLikelihoods;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cohere Command's return likelihoods through the client, answered by the emulator. */
class CohereLikelihoodsTest {
  private static final String COMMAND = "cohere.command-text-v14";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  @Test
  void generate_generationLikelihoods_typedTokensSpellTheAnswer() {
    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build()) {
      GenerationResponse r =
          client.generate(
              req ->
                  req.modelId(COMMAND)
                      .user("Name a fruit.")
                      .inferenceConfig(c -> c.maxTokens(25))
                      .option(
                          CohereCommandOptions.returnLikelihoods(ReturnLikelihoods.GENERATION)));

      CohereLikelihoods l = r.detail(CohereLikelihoods.class).orElseThrow();
      assertThat(l.tokens()).isNotEmpty();
      assertThat(
              l.tokens().stream()
                  .map(CohereLikelihoods.TokenLikelihood::token)
                  .reduce("", String::concat))
          .isEqualTo(r.text());
      assertThat(l.tokens()).allSatisfy(t -> assertThat(t.likelihood()).isNotNull().isNegative());
      assertThat(l.likelihood()).isNegative();
    }
    assertThat(BEDROCK.emulator().takeRequest().bodyUtf8())
        .contains("\"return_likelihoods\":\"GENERATION\"");
  }

  @Test
  void generate_allLikelihoods_promptTokensComeFirstAndTheFirstHasNone() {
    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build()) {
      GenerationResponse r =
          client.generate(
              req ->
                  req.modelId(COMMAND)
                      .user("Name a fruit.")
                      .inferenceConfig(c -> c.maxTokens(25))
                      .option(CohereCommandOptions.returnLikelihoods(ReturnLikelihoods.ALL)));

      CohereLikelihoods l = r.detail(CohereLikelihoods.class).orElseThrow();
      assertThat(l.tokens().get(0)).isEqualTo(new CohereLikelihoods.TokenLikelihood("Name", null));
      assertThat(
              l.tokens().stream()
                  .map(CohereLikelihoods.TokenLikelihood::token)
                  .reduce("", String::concat))
          .isEqualTo("Name a fruit." + r.text());
    }
  }

  @Test
  void generate_withoutOption_noDetail() {
    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build()) {
      GenerationResponse r =
          client.generate(
              req ->
                  req.modelId(COMMAND).user("Name a fruit.").inferenceConfig(c -> c.maxTokens(25)));

      assertThat(r.detail(CohereLikelihoods.class)).isEmpty();
    }
  }

  @Test
  void stream_withLikelihoods_refusedBeforeSending() {
    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build()) {
      assertThatThrownBy(
              () ->
                  client.stream(
                          req ->
                              req.modelId(COMMAND)
                                  .user("Name a fruit.")
                                  .option(
                                      CohereCommandOptions.returnLikelihoods(
                                          ReturnLikelihoods.ALL)))
                      .text())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("call generate instead of stream");
    }
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }
}
