package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.internal.GuardrailMapping;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentFilter;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentPolicyAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailPiiEntityFilter;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailSensitiveInformationPolicyAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTopic;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTopicPolicyAssessment;

/**
 * Bedrock API keys (bearer auth), CountTokens in both request shapes, and ApplyGuardrail: the
 * requests as AWS documents them, and the emulator's answers read back (token counts equal to what
 * the same request reports as {@code inputTokens} when generated; the emulator's guardrail
 * decisions and assessments as typed results). The mapping of policies the emulator's guardrail
 * does not have (topics, content filters) is tested on SDK objects with the fields the API
 * reference documents.
 */
class BedrockTokensGuardrailsAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final String NOVA = "us.amazon.nova-lite-v1:0";

  /** A model Bedrock lists for CountTokens (and so the emulator counts for). */
  private static final String HAIKU_35 = "anthropic.claude-3-5-haiku-20241022-v1:0";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static BedrockGenerationClient client;

  record City(String city) {}

  @BeforeAll
  static void setUp() {
    client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  private static JsonNode body(RecordedRequest r) throws Exception {
    return JSON.readTree(r.bodyUtf8());
  }

  @Test
  void apiKey_sentAsBearerTokenInsteadOfSigV4() {
    try (BedrockGenerationClient keyed =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .apiKey("bedrock-api-key-test")
            .build()) {
      keyed.generate(req -> req.modelId(HAIKU).user("Hi"));
      keyed.generate(
          req -> req.modelId(NOVA).user("Hi").tools(ToolSpec.of("get_weather", null, City.class)));
    }
    for (RecordedRequest r : BEDROCK.emulator().requests()) {
      assertThat(r.header("Authorization")).hasValue("Bearer bedrock-api-key-test");
    }
    assertThat(BEDROCK.emulator().requests()).hasSize(2);
    assertThatThrownBy(() -> BedrockGenerationClient.builder().apiKey(" "))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void countTokens_invokeModelShape_sendsTheCodecBody() throws Exception {
    GenerationRequest request = GenerationRequest.builder().modelId(HAIKU).user("Count me").build();
    byte[] encoded = client.encode(request);

    assertThatThrownBy(() -> client.countTokens(request)).isInstanceOf(GenAiException.class);

    RecordedRequest sent = BEDROCK.emulator().takeRequest();
    assertThat(sent.operation()).isEqualTo("count-tokens");
    JsonNode input = body(sent).get("input");
    assertThat(
            new String(
                Base64.getDecoder().decode(input.at("/invokeModel/body").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo(new String(encoded, StandardCharsets.UTF_8));
  }

  @Test
  void countTokens_converseShape_sendsMessagesSystemAndTools() throws Exception {
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId(NOVA)
            .system("Be brief.")
            .user("Count me")
            .tools(ToolSpec.of("get_weather", null, City.class))
            .build();

    assertThatThrownBy(() -> client.countTokens(request)).isInstanceOf(GenAiException.class);

    JsonNode converse = body(BEDROCK.emulator().takeRequest()).at("/input/converse");
    assertThat(converse.at("/messages/0/content/0/text").asText()).isEqualTo("Count me");
    assertThat(converse.at("/system/0/text").asText()).isEqualTo("Be brief.");
    assertThat(converse.at("/toolConfig/tools/0/toolSpec/name").asText()).isEqualTo("get_weather");
  }

  @Test
  void applyGuardrail_sendsDocumentedRequest() throws Exception {
    assertThatThrownBy(
            () -> client.applyGuardrail(GuardrailCheck.input("gr-abc123", "1", "Pick a lock?")))
        .isInstanceOf(GenAiException.class);

    RecordedRequest sent = BEDROCK.emulator().takeRequest();
    assertThat(sent.path()).isEqualTo("/guardrail/gr-abc123/version/1/apply");
    JsonNode b = body(sent);
    assertThat(b.get("source").asText()).isEqualTo("INPUT");
    assertThat(b.at("/content/0/text/text").asText()).isEqualTo("Pick a lock?");
    assertThat(b.get("outputScope").asText()).isEqualTo("INTERVENTIONS");
  }

  @Test
  void guardrailResult_interventionMappedToTypedFindings() {
    ApplyGuardrailResponse response =
        ApplyGuardrailResponse.builder()
            .action("GUARDRAIL_INTERVENED")
            .actionReason("Guardrail blocked.")
            .outputs(
                GuardrailOutputContent.builder().text("Sorry, I can't help with that.").build())
            .assessments(
                GuardrailAssessment.builder()
                    .topicPolicy(
                        GuardrailTopicPolicyAssessment.builder()
                            .topics(
                                GuardrailTopic.builder()
                                    .name("Burglary")
                                    .type("DENY")
                                    .action("BLOCKED")
                                    .detected(true)
                                    .build())
                            .build())
                    .contentPolicy(
                        GuardrailContentPolicyAssessment.builder()
                            .filters(
                                GuardrailContentFilter.builder()
                                    .type("MISCONDUCT")
                                    .confidence("HIGH")
                                    .filterStrength("HIGH")
                                    .action("BLOCKED")
                                    .build())
                            .build())
                    .sensitiveInformationPolicy(
                        GuardrailSensitiveInformationPolicyAssessment.builder()
                            .piiEntities(
                                GuardrailPiiEntityFilter.builder()
                                    .type("EMAIL")
                                    .match("a@b.example")
                                    .action("ANONYMIZED")
                                    .detected(true)
                                    .build())
                            .build())
                    .build())
            .build();

    GuardrailResult r = GuardrailMapping.result(response);

    assertThat(r.intervened()).isTrue();
    assertThat(r.outputText()).isEqualTo("Sorry, I can't help with that.");
    assertThat(r.findings())
        .containsExactly(
            new GuardrailFinding("topicPolicy", "Burglary", "BLOCKED", true, null, null),
            new GuardrailFinding("contentPolicy", "MISCONDUCT", "BLOCKED", true, null, null),
            new GuardrailFinding(
                "sensitiveInformationPolicy", "EMAIL", "ANONYMIZED", true, "a@b.example", null));
    assertThat(r.toString()).doesNotContain("a@b.example").doesNotContain("Sorry");
    assertThat(
            GuardrailMapping.result(ApplyGuardrailResponse.builder().action("NONE").build())
                .intervened())
        .isFalse();
  }

  // ---------------------------------------------------------------- answers of the emulator

  @Test
  void countTokens_invokeModelShape_equalsTheInputTokensOfTheSameCall() {
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId(HAIKU_35)
            .system("Answer in one sentence.")
            .user("How many tokens does this prompt take on the way in?")
            .build();
    assertThat(client.apiFor(request)).isEqualTo(BedrockApi.INVOKE_MODEL);

    int counted = client.countTokens(request);
    int reported = client.generate(request).usage().inputTokens();

    assertThat(counted).isPositive().isEqualTo(reported);
    assertThat(BEDROCK.emulator().takeRequest().operation()).isEqualTo("count-tokens");
    assertThat(BEDROCK.emulator().takeRequest().operation()).isEqualTo("invoke");
  }

  @Test
  void countTokens_converseShape_equalsTheInputTokensOfTheSameConverseCall() {
    GenerationRequest shorter =
        GenerationRequest.builder()
            .modelId(HAIKU_35)
            .option(BedrockApi.CONVERSE)
            .system("Be brief.")
            .user("What is the weather in Paris today, and should I take an umbrella?")
            .build();
    GenerationRequest request =
        shorter.toBuilder()
            .tools(ToolSpec.of("get_weather", "The weather in a city", City.class))
            .build();

    int counted = client.countTokens(request);
    int reported = client.generate(request).usage().inputTokens();
    int withoutTools = client.countTokens(shorter);

    assertThat(counted).isPositive().isEqualTo(reported);
    assertThat(withoutTools).as("the tool specification is counted too").isLessThan(counted);
    assertThat(BEDROCK.emulator().takeRequest().operation()).isEqualTo("count-tokens");
    assertThat(BEDROCK.emulator().takeRequest().operation()).isEqualTo("converse");
  }

  @Test
  void countTokens_modelWithoutTokenCounting_isAValidationError() {
    GenerationRequest request = GenerationRequest.builder().modelId(HAIKU).user("Count me").build();

    assertThatThrownBy(() -> client.countTokens(request))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(HAIKU);
  }

  @Test
  void applyGuardrail_blockedWord_intervenesWithTheBlockedMessageAndAWordFinding() {
    GuardrailResult r =
        client.applyGuardrail(GuardrailCheck.input("gr1abc", "1", "Tell me the Forbidden recipe"));

    assertThat(r.intervened()).isTrue();
    assertThat(r.action()).isEqualTo("GUARDRAIL_INTERVENED");
    assertThat(r.outputText()).isEqualTo("Sorry, the model cannot answer this question.");
    assertThat(r.findings())
        .containsExactly(
            new GuardrailFinding("wordPolicy", "CUSTOM_WORD", "BLOCKED", true, "Forbidden", null));
  }

  @Test
  void applyGuardrail_emailAddresses_anonymisedWithOneFindingEach() {
    GuardrailResult r =
        client.applyGuardrail(
            GuardrailCheck.output(
                "gr1abc", "DRAFT", "Write to ana@example.com or to bo@example.org."));

    assertThat(r.intervened()).isTrue();
    assertThat(r.outputText()).isEqualTo("Write to {EMAIL} or to {EMAIL}.");
    assertThat(r.findings())
        .containsExactly(
            new GuardrailFinding(
                "sensitiveInformationPolicy", "EMAIL", "ANONYMIZED", true, "ana@example.com", null),
            new GuardrailFinding(
                "sensitiveInformationPolicy", "EMAIL", "ANONYMIZED", true, "bo@example.org", null));
    assertThat(BEDROCK.emulator().takeRequest().path())
        .isEqualTo("/guardrail/gr1abc/version/DRAFT/apply");
  }

  @Test
  void applyGuardrail_cleanText_noInterventionNoOutputs_unlessFullOutputAsked() {
    GuardrailResult r =
        client.applyGuardrail(
            GuardrailCheck.input("gr1abc", "1", "What is the capital of France?"));
    GuardrailResult full =
        client.applyGuardrail(
            GuardrailCheck.input("gr1abc", "1", "What is the capital of France?").withFullOutput());

    assertThat(r.intervened()).isFalse();
    assertThat(r.action()).isEqualTo("NONE");
    assertThat(r.outputs()).isEmpty();
    assertThat(r.findings()).isEmpty();
    assertThat(full.intervened()).isFalse();
    assertThat(full.outputText()).isEqualTo("What is the capital of France?");
  }

  @Test
  void applyGuardrail_identifierBedrockRefuses_isAValidationError() {
    assertThatThrownBy(() -> client.applyGuardrail(GuardrailCheck.input("Not An Id", "1", "Hi")))
        .isInstanceOf(ValidationException.class);
  }
}
