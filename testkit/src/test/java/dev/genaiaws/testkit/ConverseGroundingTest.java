package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Citation;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatType;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Documents and citations, guardrails (Converse, ConverseStream, ApplyGuardrail), structured
 * output, CountTokens and the Converse-only models, through the raw AWS SDK clients.
 */
class ConverseGroundingTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static final String SONNET_4 = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  static final String HANDBOOK =
      "Employees get 25 days of paid leave per year. Remote work is allowed on "
          + "Fridays. Expense reports are due within 30 days of purchase.";
  static BedrockRuntimeClient client;
  static BedrockRuntimeAsyncClient async;

  @BeforeAll
  static void clients() {
    client = Clients.bedrock(BEDROCK.endpoint());
    async = Clients.bedrockAsync(BEDROCK.endpoint());
  }

  @AfterAll
  static void close() {
    client.close();
    async.close();
  }

  static Message userWith(DocumentBlock doc, String question) {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(ContentBlock.fromDocument(doc), ContentBlock.fromText(question))
        .build();
  }

  static DocumentBlock handbook(boolean citations) {
    return DocumentBlock.builder()
        .name("Handbook")
        .format(DocumentFormat.TXT)
        .source(DocumentSource.fromText(HANDBOOK))
        .citations(c -> c.enabled(citations))
        .build();
  }

  static ConverseRequest ask(String model, Message... messages) {
    return ConverseRequest.builder()
        .modelId(model)
        .messages(messages)
        .inferenceConfig(c -> c.maxTokens(400))
        .build();
  }

  // ---- citations ----------------------------------------------------------------------------

  @Test
  void converse_documentWithCitations_citesARealSpanOfIt() {
    ConverseResponse r =
        client.converse(ask(SONNET_4, userWith(handbook(true), "How many days of paid leave?")));

    CitationsContentBlock cc =
        r.output().message().content().stream()
            .map(ContentBlock::citationsContent)
            .filter(c -> c != null)
            .findFirst()
            .orElseThrow();
    Citation c = cc.citations().get(0);
    int start = c.location().documentChar().start();
    int end = c.location().documentChar().end();
    assertThat(c.title()).isEqualTo("Handbook");
    assertThat(c.location().documentChar().documentIndex()).isZero();
    assertThat(HANDBOOK.substring(start, end))
        .isEqualTo(c.sourceContent().get(0).text())
        .isEqualTo("Employees get 25 days of paid leave per year.");
    assertThat(cc.content().get(0).text()).isNotBlank();
    assertThat(r.output().message().content().get(0).text()).isNotBlank();
  }

  @Test
  void converse_txtBytesDocument_citesByCharacterOffsets() {
    DocumentBlock bytes =
        DocumentBlock.builder()
            .name("Handbook")
            .format(DocumentFormat.TXT)
            .source(DocumentSource.fromBytes(SdkBytes.fromString(HANDBOOK, StandardCharsets.UTF_8)))
            .citations(c -> c.enabled(true))
            .build();

    ConverseResponse r =
        client.converse(ask(SONNET_4, userWith(bytes, "When are expense reports due?")));

    Citation c = r.output().message().content().get(1).citationsContent().citations().get(0);
    assertThat(c.sourceContent().get(0).text())
        .isEqualTo("Expense reports are due within 30 days of purchase.");
    assertThat(
            HANDBOOK.substring(
                c.location().documentChar().start(), c.location().documentChar().end()))
        .isEqualTo(c.sourceContent().get(0).text());
  }

  @Test
  void converse_contentChunks_citedByChunkIndex() {
    DocumentBlock chunks =
        DocumentBlock.builder()
            .name("Notes")
            .source(
                DocumentSource.fromContent(
                    List.of(
                        DocumentContentBlock.fromText("The office opens at nine."),
                        DocumentContentBlock.fromText("Parking is free for visitors."))))
            .citations(c -> c.enabled(true))
            .build();

    ConverseResponse r =
        client.converse(ask(SONNET_4, userWith(chunks, "Is parking free for visitors?")));

    Citation c = r.output().message().content().get(1).citationsContent().citations().get(0);
    assertThat(c.location().documentChunk().start()).isEqualTo(1);
    assertThat(c.location().documentChunk().end()).isEqualTo(1);
    assertThat(c.sourceContent().get(0).text()).isEqualTo("Parking is free for visitors.");
  }

  @Test
  void converse_citationsOff_plainText() {
    ConverseResponse r =
        client.converse(ask(SONNET_4, userWith(handbook(false), "How many days of paid leave?")));

    assertThat(r.output().message().content())
        .allSatisfy(b -> assertThat(b.citationsContent()).isNull());
  }

  @Test
  void converseStream_citations_textDeltasThenCitationDelta() {
    ConverseRequest req = ask(SONNET_4, userWith(handbook(true), "How many days of paid leave?"));
    ConverseResponse whole = client.converse(req);

    Streamed s = stream(req, null);

    Citation expected =
        whole.output().message().content().get(1).citationsContent().citations().get(0);
    ContentBlockDeltaEvent citation =
        s.deltas().stream().filter(d -> d.delta().citation() != null).findFirst().orElseThrow();
    assertThat(citation.contentBlockIndex()).isEqualTo(1);
    assertThat(citation.delta().citation().location()).isEqualTo(expected.location());
    assertThat(citation.delta().citation().sourceContent().get(0).text())
        .isEqualTo(expected.sourceContent().get(0).text());
  }

  @Test
  void converse_documentWithoutText_rejected() {
    Message docOnly =
        Message.builder()
            .role(ConversationRole.USER)
            .content(ContentBlock.fromDocument(handbook(true)))
            .build();

    assertThatThrownBy(() -> client.converse(ask(SONNET_4, docOnly)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must also include a text content block");
  }

  // ---- guardrails ---------------------------------------------------------------------------

  static ConverseRequest guarded(String question) {
    return ask("amazon.nova-pro-v1:0", ConverseToolsTest.user(question)).toBuilder()
        .guardrailConfig(
            g ->
                g.guardrailIdentifier("gr1abc").guardrailVersion("1").trace(GuardrailTrace.ENABLED))
        .build();
  }

  @Test
  void converse_blockedWordInInput_guardrailIntervenesWithTrace() {
    ConverseResponse r = client.converse(guarded("Tell me the forbidden recipe."));

    assertThat(r.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    assertThat(r.output().message().content().get(0).text())
        .isEqualTo("Sorry, the model cannot answer this question.");
    assertThat(r.usage().outputTokens()).isZero();
    var assessment = r.trace().guardrail().inputAssessment().get("gr1abc");
    assertThat(assessment.wordPolicy().customWords().get(0).match()).isEqualTo("forbidden");
    assertThat(assessment.wordPolicy().customWords().get(0).actionAsString()).isEqualTo("BLOCKED");
    assertThat(assessment.invocationMetrics().usage().wordPolicyUnits()).isEqualTo(1);
  }

  @Test
  void converse_cleanInput_answersWithAssessmentsInTrace() {
    ConverseResponse r = client.converse(guarded("Tell me about caching."));

    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.trace().guardrail().inputAssessment()).containsKey("gr1abc");
    assertThat(r.trace().guardrail().outputAssessments().get("gr1abc")).hasSize(1);
  }

  @Test
  void converse_traceDisabled_noTrace() {
    ConverseResponse r =
        client.converse(
            guarded("forbidden").toBuilder()
                .guardrailConfig(g -> g.guardrailIdentifier("gr1abc").guardrailVersion("DRAFT"))
                .build());

    assertThat(r.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    assertThat(r.trace()).isNull();
  }

  @Test
  void converse_guardContentPresent_onlyItIsAssessed() {
    Message m =
        Message.builder()
            .role(ConversationRole.USER)
            .content(
                ContentBlock.fromText("The forbidden word is here"),
                ContentBlock.fromGuardContent(
                    GuardrailConverseContentBlock.fromText(t -> t.text("A harmless question."))))
            .build();

    ConverseResponse r = client.converse(guarded("x").toBuilder().messages(m).build());

    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
  }

  @Test
  void converse_badGuardrailVersion_rejected() {
    assertThatThrownBy(
            () ->
                client.converse(
                    guarded("hi").toBuilder()
                        .guardrailConfig(
                            g -> g.guardrailIdentifier("gr1abc").guardrailVersion("v1"))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("guardrailConfig.guardrailVersion");
  }

  static final String NOTE_SCHEMA =
      """
      {"type":"object","properties":{"note":{"type":"string"},"score":{"type":"integer","minimum":1,"maximum":5}},
       "required":["note","score"],"additionalProperties":false}""";

  static ConverseRequest structured(ConverseRequest r) {
    return r.toBuilder()
        .outputConfig(
            o ->
                o.textFormat(
                    f ->
                        f.type(OutputFormatType.JSON_SCHEMA)
                            .structure(s -> s.jsonSchema(j -> j.name("note").schema(NOTE_SCHEMA)))))
        .build();
  }

  @Test
  void converse_structuredOutput_answerIsJsonValidAgainstTheSchema() {
    ConverseResponse r =
        client.converse(
            structured(
                ask(
                    "amazon.nova-lite-v1:0",
                    ConverseToolsTest.user("Rate it: note=great score=4"))));

    JsonNode answer = Clients.json(r.output().message().content().get(0).text());
    assertThat(ConverseToolsTest.violations(NOTE_SCHEMA, answer)).isEmpty();
    assertThat(answer.path("note").asText()).isEqualTo("great");
    assertThat(answer.path("score").asInt()).isEqualTo(4);
  }

  @Test
  void converseStream_outputBlockedSync_blockedMessageStreamed_asyncOriginalThenIntervention() {
    // guardContent keeps the hint out of the input assessment, so only the model's output trips the
    // guardrail
    Message m =
        Message.builder()
            .role(ConversationRole.USER)
            .content(
                ContentBlock.fromText("note=forbidden score=2"),
                ContentBlock.fromGuardContent(
                    GuardrailConverseContentBlock.fromText(t -> t.text("Rate this."))))
            .build();
    ConverseRequest req = structured(guarded("x").toBuilder().messages(m).build());

    Streamed sync = stream(req, GuardrailStreamProcessingMode.SYNC);
    Streamed asyn = stream(req, GuardrailStreamProcessingMode.ASYNC);
    ConverseResponse whole = client.converse(req);

    assertThat(whole.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    assertThat(whole.trace().guardrail().modelOutput().get(0)).contains("forbidden");
    assertThat(sync.text().toString()).isEqualTo("Sorry, the model cannot answer this question.");
    assertThat(sync.stop()[0]).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    assertThat(asyn.text().toString()).contains("forbidden");
    assertThat(asyn.stop()[0]).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    assertThat(sync.metadata().get(0).trace().guardrail().outputAssessments())
        .containsKey("gr1abc");
  }

  @Test
  void applyGuardrail_blockedWord_intervenesWithBlockedOutput() {
    ApplyGuardrailResponse r =
        client.applyGuardrail(
            a ->
                a.guardrailIdentifier("gr1abc")
                    .guardrailVersion("DRAFT")
                    .source(GuardrailContentSource.INPUT)
                    .content(GuardrailContentBlock.fromText(t -> t.text("Something forbidden"))));

    assertThat(r.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
    assertThat(r.outputs().get(0).text())
        .isEqualTo("Sorry, the model cannot answer this question.");
    assertThat(r.assessments().get(0).wordPolicy().customWords().get(0).detected()).isTrue();
    assertThat(r.guardrailCoverage().textCharacters().total()).isEqualTo(19);
  }

  @Test
  void applyGuardrail_email_anonymised() {
    ApplyGuardrailResponse r =
        client.applyGuardrail(
            a ->
                a.guardrailIdentifier("gr1abc")
                    .guardrailVersion("2")
                    .source(GuardrailContentSource.OUTPUT)
                    .content(
                        GuardrailContentBlock.fromText(
                            t -> t.text("Write to jane.doe@example.com today"))));

    assertThat(r.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
    assertThat(r.outputs().get(0).text()).isEqualTo("Write to {EMAIL} today");
    assertThat(r.assessments().get(0).sensitiveInformationPolicy().piiEntities().get(0).match())
        .isEqualTo("jane.doe@example.com");
  }

  @Test
  void applyGuardrail_cleanText_none() {
    ApplyGuardrailResponse r =
        client.applyGuardrail(
            a ->
                a.guardrailIdentifier("gr1abc")
                    .guardrailVersion("2")
                    .source(GuardrailContentSource.INPUT)
                    .content(GuardrailContentBlock.fromText(t -> t.text("Hello"))));

    assertThat(r.action()).isEqualTo(GuardrailAction.NONE);
    assertThat(r.outputs()).isEmpty();
    assertThat(r.usage().wordPolicyUnits()).isEqualTo(1);
  }

  @Test
  void applyGuardrail_badIdentifier_rejected() {
    assertThatThrownBy(
            () ->
                client.applyGuardrail(
                    a ->
                        a.guardrailIdentifier("Bad_Id")
                            .guardrailVersion("1")
                            .source(GuardrailContentSource.INPUT)
                            .content(GuardrailContentBlock.fromText(t -> t.text("x")))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("guardrailIdentifier");
  }

  // ---- CountTokens --------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked") // generic varargs of the SDK's consumer builders
  void countTokens_converseShape_sameAsConverseInputTokens() {
    ConverseRequest req =
        ask(SONNET_4, ConverseToolsTest.user("Count these few words please")).toBuilder()
            .system(s -> s.text("You are terse."))
            .build();

    int counted =
        client
            .countTokens(
                c ->
                    c.modelId(SONNET_4)
                        .input(
                            CountTokensInput.fromConverse(
                                t -> t.messages(req.messages()).system(req.system()))))
            .inputTokens();

    assertThat(counted).isEqualTo(client.converse(req).usage().inputTokens()).isEqualTo(8);
  }

  @Test
  void countTokens_invokeModelShape_sameAsInvokeModelHeader() {
    String body =
        "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}";
    InvokeModelResponse invoked =
        Clients.invoke(client, "anthropic.claude-3-7-sonnet-20250219-v1:0", body);

    int counted =
        client
            .countTokens(
                c ->
                    c.modelId("anthropic.claude-3-7-sonnet-20250219-v1:0")
                        .input(
                            CountTokensInput.fromInvokeModel(
                                i -> i.body(SdkBytes.fromUtf8String(body)))))
            .inputTokens();

    assertThat(String.valueOf(counted))
        .isEqualTo(
            invoked
                .sdkHttpResponse()
                .firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")
                .orElseThrow());
  }

  @Test
  void countTokens_invalidConversation_rejectedLikeConverse() {
    assertThatThrownBy(
            () ->
                client.countTokens(
                    c ->
                        c.modelId(SONNET_4)
                            .input(
                                CountTokensInput.fromConverse(
                                    t ->
                                        t.messages(
                                            ConverseToolsTest.user("a"),
                                            ConverseToolsTest.user("b"))))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("alternate");
  }

  @Test
  void countTokens_unsupportedModel_rejected() {
    assertThatThrownBy(
            () ->
                client.countTokens(
                    c ->
                        c.modelId("amazon.nova-pro-v1:0")
                            .input(
                                CountTokensInput.fromConverse(
                                    t -> t.messages(ConverseToolsTest.user("a"))))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("doesn't support counting tokens");
  }

  // ---- Converse-only models -----------------------------------------------------------------

  @Test
  void converse_deepSeekR1_unsignedReasoningThenText() {
    ConverseResponse r =
        client.converse(ask("us.deepseek.r1-v1:0", ConverseToolsTest.user("Why is the sky blue?")));

    assertThat(r.output().message().content().get(0).reasoningContent().reasoningText().text())
        .isNotBlank();
    assertThat(r.output().message().content().get(0).reasoningContent().reasoningText().signature())
        .isNull();
    assertThat(r.output().message().content().get(1).text()).isNotBlank();
  }

  @Test
  void converse_qwenWithTools_callsTheNamedTool() {
    ConverseResponse r =
        client.converse(
            ConverseToolsTest.ask(
                "qwen.qwen3-32b-v1:0", null, ConverseToolsTest.user("get_weather city=Rome")));

    assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
  }

  @Test
  void invokeModel_converseOnlyModel_saysTheEmulatorServesConverseOnly() {
    assertThatThrownBy(() -> Clients.invoke(client, "openai.gpt-oss-120b-1:0", "{\"messages\":[]}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("emulates openai.gpt-oss-120b-1:0 on the Converse API only");
  }

  // ---- streaming helper ---------------------------------------------------------------------

  record Streamed(
      StringBuilder text,
      List<ContentBlockDeltaEvent> deltas,
      List<ConverseStreamMetadataEvent> metadata,
      StopReason[] stop,
      Throwable error) {}

  static Streamed stream(ConverseRequest r, GuardrailStreamProcessingMode mode) {
    StringBuilder text = new StringBuilder();
    List<ContentBlockDeltaEvent> deltas = Collections.synchronizedList(new ArrayList<>());
    List<ConverseStreamMetadataEvent> metadata = Collections.synchronizedList(new ArrayList<>());
    StopReason[] stop = new StopReason[1];
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onContentBlockDelta(
                        e -> {
                          deltas.add(e);
                          synchronized (text) {
                            if (e.delta().text() != null) {
                              text.append(e.delta().text());
                            }
                          }
                        })
                    .onMessageStop(e -> stop[0] = e.stopReason())
                    .onMetadata(metadata::add)
                    .build())
            .build();
    ConverseStreamRequest.Builder b =
        ConverseStreamRequest.builder()
            .modelId(r.modelId())
            .messages(r.messages())
            .inferenceConfig(r.inferenceConfig())
            .outputConfig(r.outputConfig());
    if (r.guardrailConfig() != null) {
      b.guardrailConfig(
          g ->
              g.guardrailIdentifier(r.guardrailConfig().guardrailIdentifier())
                  .guardrailVersion(r.guardrailConfig().guardrailVersion())
                  .trace(r.guardrailConfig().traceAsString())
                  .streamProcessingMode(mode));
    }
    CompletableFuture<Void> f = async.converseStream(b.build(), handler);
    Throwable error = Clients.await(f);
    synchronized (text) {
      return new Streamed(text, List.copyOf(deltas), List.copyOf(metadata), stop, error);
    }
  }
}
