package dev.genaiaws.opentelemetry;

import static io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.telemetry.GenAiConventions;
import io.opentelemetry.semconv.incubating.AwsIncubatingAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiOperationNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiProviderNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiTokenTypeIncubatingValues;
import org.junit.jupiter.api.Test;

/**
 * Our names are kept as plain strings (no incubating artifact at run time); this test holds them to
 * the OpenTelemetry semantic-conventions artifact wherever it has the name.
 */
class ConventionNamesTest {

  @Test
  void attributeNames_matchTheSemanticConventions() {
    assertThat(GenAiConventions.OPERATION_NAME).isEqualTo(GEN_AI_OPERATION_NAME.getKey());
    assertThat(GenAiConventions.PROVIDER_NAME).isEqualTo(GEN_AI_PROVIDER_NAME.getKey());
    assertThat(GenAiConventions.REQUEST_MODEL).isEqualTo(GEN_AI_REQUEST_MODEL.getKey());
    assertThat(GenAiConventions.REQUEST_MAX_TOKENS).isEqualTo(GEN_AI_REQUEST_MAX_TOKENS.getKey());
    assertThat(GenAiConventions.REQUEST_TEMPERATURE).isEqualTo(GEN_AI_REQUEST_TEMPERATURE.getKey());
    assertThat(GenAiConventions.REQUEST_TOP_P).isEqualTo(GEN_AI_REQUEST_TOP_P.getKey());
    assertThat(GenAiConventions.REQUEST_TOP_K).isEqualTo(GEN_AI_REQUEST_TOP_K.getKey());
    assertThat(GenAiConventions.REQUEST_STOP_SEQUENCES)
        .isEqualTo(GEN_AI_REQUEST_STOP_SEQUENCES.getKey());
    assertThat(GenAiConventions.REQUEST_SEED).isEqualTo(GEN_AI_REQUEST_SEED.getKey());
    assertThat(GenAiConventions.RESPONSE_MODEL).isEqualTo(GEN_AI_RESPONSE_MODEL.getKey());
    assertThat(GenAiConventions.RESPONSE_FINISH_REASONS)
        .isEqualTo(GEN_AI_RESPONSE_FINISH_REASONS.getKey());
    assertThat(GenAiConventions.USAGE_INPUT_TOKENS).isEqualTo(GEN_AI_USAGE_INPUT_TOKENS.getKey());
    assertThat(GenAiConventions.USAGE_OUTPUT_TOKENS).isEqualTo(GEN_AI_USAGE_OUTPUT_TOKENS.getKey());
    assertThat(GenAiConventions.OUTPUT_TYPE).isEqualTo(GEN_AI_OUTPUT_TYPE.getKey());
    assertThat(GenAiConventions.TOKEN_TYPE).isEqualTo(GEN_AI_TOKEN_TYPE.getKey());
    assertThat(GenAiConventions.AWS_REQUEST_ID)
        .isEqualTo(AwsIncubatingAttributes.AWS_REQUEST_ID.getKey());
  }

  @Test
  void values_matchTheSemanticConventions() {
    assertThat(GenAiConventions.PROVIDER_BEDROCK)
        .isEqualTo(GenAiProviderNameIncubatingValues.AWS_BEDROCK);
    assertThat(GenAiConventions.OPERATION_CHAT).isEqualTo(GenAiOperationNameIncubatingValues.CHAT);
    assertThat(GenAiConventions.OPERATION_EMBEDDINGS)
        .isEqualTo(GenAiOperationNameIncubatingValues.EMBEDDINGS);
    assertThat(GenAiConventions.OPERATION_GENERATE_CONTENT)
        .isEqualTo(GenAiOperationNameIncubatingValues.GENERATE_CONTENT);
    assertThat(GenAiConventions.TOKEN_TYPE_INPUT).isEqualTo(GenAiTokenTypeIncubatingValues.INPUT);
    assertThat(GenAiConventions.TOKEN_TYPE_OUTPUT).isEqualTo(GenAiTokenTypeIncubatingValues.OUTPUT);
  }
}
