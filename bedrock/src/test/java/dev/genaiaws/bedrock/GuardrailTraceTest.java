package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.internal.GuardrailMapping;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;

/**
 * Guardrail interventions on model calls as a typed {@link GuardrailTrace} on the response: real
 * recorded InvokeModel and Converse answers (see {@code src/test/resources/guardrail/SOURCE.md} and
 * {@code converse/SOURCE.md}) played back by the emulator, and the emulator's own guardrail
 * deciding, both through the real AWS SDK.
 */
class GuardrailTraceTest {
  private static final String TITAN = "amazon.titan-text-express-v1";
  private static final String NOVA_MICRO = "us.amazon.nova-micro-v1:0";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static BedrockGenerationClient client;

  @BeforeAll
  static void setUp() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  private static String resource(String path) {
    try (InputStream in = GuardrailTraceTest.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BedrockOptions guardrail(String id, String trace) {
    return BedrockOptions.builder().guardrail(id, "DRAFT").trace(trace).build();
  }

  // ---------------------------------------------------------------- InvokeModel: fields in the
  // model's body

  @Test
  void invokeModel_recordedIntervention_typedWithOutputFindingsAndModelOutput() {
    BEDROCK
        .emulator()
        .enqueueResponse(TITAN, resource("guardrail/invoke-model-titan.response.json"));

    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(TITAN)
                    .user("Tell me a joke about opentelemetry")
                    .option(guardrail("5zwrmdlsra2e", "ENABLED")));

    RecordedRequest sent = BEDROCK.emulator().takeRequest();
    assertThat(sent.operation()).isEqualTo("invoke");
    assertThat(sent.header("X-Amzn-Bedrock-GuardrailIdentifier")).hasValue("5zwrmdlsra2e");
    assertThat(sent.header("X-Amzn-Bedrock-Trace")).hasValue("ENABLED");
    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.intervened()).isTrue();
    assertThat(g.action()).isEqualTo("INTERVENED");
    assertThat(g.traced()).isTrue();
    assertThat(g.inputFindings()).isEmpty();
    assertThat(g.outputFindings())
        .containsExactly(
            new GuardrailFinding(
                "sensitiveInformationPolicy",
                "Account Number",
                "ANONYMIZED",
                true,
                "1234561666",
                null));
    assertThat(g.inputBlocked()).isFalse();
    assertThat(g.modelOutput()).singleElement().asString().contains("1234561666");
    assertThat(r.text()).contains("{Account Number}").doesNotContain("1234561666");
    assertThat(g.toString()).doesNotContain("1234561666").contains("Account Number");
  }

  @Test
  void invokeModel_recordedIntervention_typedOnTheAsyncPathToo() {
    BEDROCK
        .emulator()
        .enqueueResponse(TITAN, resource("guardrail/invoke-model-titan.response.json"));

    GenerationResponse r =
        client
            .generateAsync(
                GenerationRequest.builder()
                    .modelId(TITAN)
                    .user("Tell me a joke about opentelemetry")
                    .option(guardrail("5zwrmdlsra2e", "ENABLED"))
                    .build())
            .join();

    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.intervened()).isTrue();
    assertThat(g.outputFindings())
        .extracting(GuardrailFinding::type)
        .containsExactly("Account Number");
  }

  @Test
  void invokeModel_withoutGuardrail_hasNoTrace() {
    GenerationResponse r = client.generate(req -> req.modelId(TITAN).user("Hello"));

    assertThat(r.detail(GuardrailTrace.class)).isEmpty();
  }

  @Test
  void invokeModel_guardrailWhoseAnswerCarriesNoGuardrailField_hasNoTrace() {
    // the emulator's InvokeModel does not apply guardrails: its answer has neither field
    GenerationResponse r =
        client.generate(
            req -> req.modelId(TITAN).user("Hello").option(guardrail("gr1abc", "ENABLED")));

    assertThat(r.detail(GuardrailTrace.class)).isEmpty();
  }

  // ---------------------------------------------------------------- Converse: stop reason and
  // trace.guardrail

  @Test
  void converse_recordedMasking_typedWithEveryFindingAndTheReason() {
    BEDROCK
        .emulator()
        .enqueueResponse(TITAN, resource("guardrail/converse-titan-masked.response.json"));

    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(TITAN)
                    .user("what is the capital of Italy?")
                    .user("what is the capital of Japan?")
                    .option(BedrockApi.CONVERSE)
                    .option(guardrail("5zwrmdlsra2e", "ENABLED")));

    assertThat(r.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.intervened()).isTrue();
    assertThat(g.action()).isEqualTo("INTERVENED");
    assertThat(g.actionReason()).isEqualTo("No action.\nGuardrail masked.");
    assertThat(g.inputFindings()).isEmpty();
    assertThat(g.outputFindings())
        .extracting(GuardrailFinding::match)
        .containsExactly("Italy", "Rome", "Japan", "Tokyo");
    assertThat(g.outputFindings())
        .allSatisfy(
            f -> {
              assertThat(f.policy()).isEqualTo("sensitiveInformationPolicy");
              assertThat(f.type()).isEqualTo("ADDRESS");
              assertThat(f.action()).isEqualTo("ANONYMIZED");
              assertThat(f.detected()).isTrue();
            });
    assertThat(g.findings()).isEqualTo(g.outputFindings());
    assertThat(g.modelOutput()).singleElement().asString().contains("Rome");
    assertThat(r.text()).contains("{ADDRESS}").doesNotContain("Rome");
    assertThat(g.toString()).doesNotContain("Rome");
  }

  @Test
  void converse_recordedNoAction_tracedWithoutFindings() {
    BEDROCK.emulator().enqueueResponse(NOVA_MICRO, resource("converse/guardrail.response.json"));

    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .user("What is the capital of France?")
                    .option(BedrockApi.CONVERSE)
                    .option(guardrail("xbgw7g293v7o", "ENABLED")));

    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.intervened()).isFalse();
    assertThat(g.action()).isEqualTo("NONE");
    assertThat(g.actionReason()).isEqualTo("No action.");
    assertThat(g.traced()).isTrue();
    assertThat(g.findings()).isEmpty();
    assertThat(g.modelOutput()).isEmpty();
  }

  @Test
  void converse_emulatorBlocksThePrompt_inputBlockedWithTheWordFinding() throws Exception {
    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .user("Tell me the forbidden recipe")
                    .option(BedrockApi.CONVERSE)
                    .option(guardrail("gr1abc", "ENABLED")));

    assertThat(
            JSON.readTree(BEDROCK.emulator().takeRequest().bodyUtf8())
                .at("/guardrailConfig/trace")
                .asText())
        .isEqualTo("enabled");
    assertThat(r.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.intervened()).isTrue();
    assertThat(g.inputBlocked()).isTrue();
    assertThat(g.inputFindings())
        .containsExactly(
            new GuardrailFinding("wordPolicy", "CUSTOM_WORD", "BLOCKED", true, "forbidden", null));
    assertThat(g.outputFindings()).isEmpty();
    assertThat(r.text()).isEqualTo("Sorry, the model cannot answer this question.");
  }

  @Test
  void converse_emulatorFindsPiiInThePrompt_aFindingWithoutIntervention() {
    // the emulator's guardrail anonymises e-mail addresses; on a prompt that is a finding, not a
    // block
    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .user("Write to ana@example.com")
                    .option(BedrockApi.CONVERSE)
                    .option(guardrail("gr1abc", "ENABLED")));

    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.traced()).isTrue();
    assertThat(g.intervened()).isFalse();
    assertThat(g.action()).isEqualTo("NONE");
    assertThat(g.inputFindings())
        .containsExactly(
            new GuardrailFinding(
                "sensitiveInformationPolicy",
                "EMAIL",
                "ANONYMIZED",
                true,
                "ana@example.com",
                null));
    assertThat(g.inputBlocked()).isFalse();
  }

  @Test
  void converse_guardrailWithoutTrace_verdictOnlyNoFindings() {
    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .user("Tell me the forbidden recipe")
                    .option(BedrockApi.CONVERSE)
                    .option(BedrockOptions.builder().guardrail("gr1abc", "1").build()));

    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.intervened()).isTrue();
    assertThat(g.traced()).isFalse();
    assertThat(g.findings()).isEmpty();
    assertThat(g.inputBlocked())
        .as("without a trace nothing says which side was blocked")
        .isFalse();
  }

  @Test
  void converse_withoutGuardrail_hasNoTrace() {
    GenerationResponse r =
        client.generate(req -> req.modelId(NOVA_MICRO).user("Hello").option(BedrockApi.CONVERSE));

    assertThat(r.detail(GuardrailTrace.class)).isEmpty();
  }

  @Test
  void converseStream_emulatorBlocksThePrompt_theStreamsResponseCarriesTheTypedVerdict() {
    GenerationResponse r;
    try (GenerationStream s =
        client.stream(
            GenerationRequest.builder()
                .modelId(NOVA_MICRO)
                .user("Tell me the forbidden recipe")
                .option(BedrockApi.CONVERSE)
                .option(guardrail("gr1abc", "ENABLED"))
                .build())) {
      r = s.response();
      assertThat(s.completed().orElseThrow().details()).hasSize(1);
    }

    assertThat(r.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    GuardrailTrace g = r.detail(GuardrailTrace.class).orElseThrow();
    assertThat(g.intervened()).isTrue();
    assertThat(g.traced()).isTrue();
    assertThat(g.inputBlocked()).isTrue();
    assertThat(g.inputFindings())
        .containsExactly(
            new GuardrailFinding("wordPolicy", "CUSTOM_WORD", "BLOCKED", true, "forbidden", null));
  }

  @Test
  void converseStream_guardrailWithoutTrace_verdictOnly_andWithoutGuardrail_none() {
    try (GenerationStream s =
        client.stream(
            GenerationRequest.builder()
                .modelId(NOVA_MICRO)
                .user("Tell me the forbidden recipe")
                .option(BedrockApi.CONVERSE)
                .option(BedrockOptions.builder().guardrail("gr1abc", "1").build())
                .build())) {
      GuardrailTrace g = s.response().detail(GuardrailTrace.class).orElseThrow();
      assertThat(g.intervened()).isTrue();
      assertThat(g.traced()).isFalse();
    }
    try (GenerationStream s =
        client.stream(
            GenerationRequest.builder()
                .modelId(NOVA_MICRO)
                .user("Hello")
                .option(BedrockApi.CONVERSE)
                .build())) {
      assertThat(s.response().detail(GuardrailTrace.class)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- every policy, both forms

  @Test
  @SuppressWarnings("unchecked") // the SDK builders take varargs of Consumer<...Builder>
  void invokeModelTraceJson_everyPolicyMappedLikeTheTypedAssessment() throws Exception {
    // one assessment with every policy the API reference's GuardrailAssessment lists, as
    // InvokeModel's trace
    // carries it (JSON) and as Converse / ApplyGuardrail carry it (SDK objects): the findings must
    // be the same
    String assessment =
        """
        {"topicPolicy":{"topics":[{"name":"Burglary","type":"DENY","action":"BLOCKED","detected":true}]},
         "contentPolicy":{"filters":[{"type":"MISCONDUCT","confidence":"HIGH","action":"BLOCKED","detected":true}]},
         "wordPolicy":{"customWords":[{"match":"lockpick","action":"BLOCKED","detected":true}],
                       "managedWordLists":[{"match":"darn","type":"PROFANITY","action":"NONE","detected":false}]},
         "sensitiveInformationPolicy":{"piiEntities":[{"match":"a@b.example","type":"EMAIL","action":"ANONYMIZED"}],
                                       "regexes":[{"name":"Account Number","match":"1234561666","action":"ANONYMIZED"}]},
         "contextualGroundingPolicy":{"filters":[{"type":"GROUNDING","threshold":0.7,"score":0.42,
                                                   "action":"BLOCKED","detected":true}]}}""";
    GuardrailTrace fromJson =
        GuardrailMapping.invokeModelTrace(
            JSON.readTree(
                "{\"amazon-bedrock-guardrailAction\":\"INTERVENED\",\"amazon-bedrock-trace\":{\"guardrail\":{"
                    + "\"input\":{\"g1\":"
                    + assessment
                    + "},\"outputs\":[{\"g1\":"
                    + assessment
                    + "}]}}}"));
    GuardrailAssessment typed =
        GuardrailAssessment.builder()
            .topicPolicy(
                p ->
                    p.topics(t -> t.name("Burglary").type("DENY").action("BLOCKED").detected(true)))
            .contentPolicy(
                p ->
                    p.filters(
                        f ->
                            f.type("MISCONDUCT")
                                .confidence("HIGH")
                                .action("BLOCKED")
                                .detected(true)))
            .wordPolicy(
                p ->
                    p.customWords(w -> w.match("lockpick").action("BLOCKED").detected(true))
                        .managedWordLists(
                            w -> w.match("darn").type("PROFANITY").action("NONE").detected(false)))
            .sensitiveInformationPolicy(
                p ->
                    p.piiEntities(e -> e.match("a@b.example").type("EMAIL").action("ANONYMIZED"))
                        .regexes(
                            x -> x.name("Account Number").match("1234561666").action("ANONYMIZED")))
            .contextualGroundingPolicy(
                p ->
                    p.filters(
                        f ->
                            f.type("GROUNDING")
                                .threshold(0.7)
                                .score(0.42)
                                .action("BLOCKED")
                                .detected(true)))
            .build();

    List<GuardrailFinding> expected = GuardrailMapping.findings(List.of(typed));
    assertThat(expected).hasSize(7);
    assertThat(fromJson.inputFindings()).isEqualTo(expected);
    assertThat(fromJson.outputFindings()).isEqualTo(expected);
    assertThat(fromJson.intervened()).isTrue();
    assertThat(fromJson.inputBlocked()).isTrue();
    assertThat(expected.get(3))
        .isEqualTo(new GuardrailFinding("wordPolicy", "PROFANITY", "NONE", false, "darn", null));
    assertThat(expected.get(6))
        .isEqualTo(
            new GuardrailFinding(
                "contextualGroundingPolicy", "GROUNDING", "BLOCKED", true, null, 0.42));
  }

  @Test
  void invokeModelTraceJson_actionWithoutTrace_verdictOnly() throws Exception {
    GuardrailTrace g =
        GuardrailMapping.invokeModelTrace(
            JSON.readTree("{\"outputText\":\"x\",\"amazon-bedrock-guardrailAction\":\"NONE\"}"));

    assertThat(g.intervened()).isFalse();
    assertThat(g.traced()).isFalse();
    assertThat(g.findings()).isEmpty();
    assertThat(GuardrailMapping.invokeModelTrace(JSON.readTree("{\"outputText\":\"x\"}"))).isNull();
  }
}
