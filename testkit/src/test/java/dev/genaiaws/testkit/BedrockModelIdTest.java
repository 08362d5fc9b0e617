package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Profiles, ARNs and aliases resolve to the model family. */
class BedrockModelIdTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static BedrockRuntimeClient client;
  static final String BODY = "{\"prompt\":\"hi\",\"max_gen_len\":50}";

  @BeforeAll
  static void clients() {
    client = Clients.bedrock(BEDROCK.endpoint());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "meta.llama3-8b-instruct-v1:0",
        "us.meta.llama3-8b-instruct-v1:0",
        "eu.meta.llama3-8b-instruct-v1:0",
        "apac.meta.llama3-8b-instruct-v1:0",
        "jp.meta.llama3-8b-instruct-v1:0",
        "au.meta.llama3-8b-instruct-v1:0",
        "us-gov.meta.llama3-8b-instruct-v1:0",
        "global.meta.llama3-8b-instruct-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-8b-instruct-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-8b-instruct-v1:0"
      })
  void invoke_profileOrArn_resolvesToFamily(String modelId) {
    assertThat(
            Clients.json(Clients.invoke(client, modelId, BODY).body().asByteArray())
                .has("generation"))
        .isTrue();
    assertThat(BEDROCK.emulator().takeRequest().modelId()).isEqualTo(modelId);
  }

  @Test
  void invoke_provisionedArnWithoutAlias_invalidIdentifier() {
    assertThatThrownBy(
            () ->
                Clients.invoke(
                    client,
                    "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
                    BODY))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("The provided model identifier is invalid.");
  }

  @Test
  void invoke_provisionedArnWithAlias_answersAsAliasedModel() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz789";
    BEDROCK.emulator().alias(arn, "meta.llama3-8b-instruct-v1:0");
    BEDROCK.emulator().forModel(arn).enqueueResponse("{\"generation\":\"scripted\"}");

    assertThat(Clients.invoke(client, arn, BODY).body().asUtf8String()).contains("scripted");
    assertThat(Clients.invoke(client, arn, BODY).body().asUtf8String())
        .contains("prompt_token_count");
  }

  @Test
  void alias_unknownTarget_rejected() {
    assertThatThrownBy(() -> BEDROCK.emulator().alias("x", "acme.nothing-v1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
