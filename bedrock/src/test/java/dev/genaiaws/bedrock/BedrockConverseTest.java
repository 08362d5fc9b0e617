package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.genaiaws.core.CachePointBlock;
import dev.genaiaws.core.Citation;
import dev.genaiaws.core.DocumentBlock;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.Latency;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.Reasoning;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.ResponseFormat;
import dev.genaiaws.core.ServiceTier;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.ToolChoice;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.StructuredOutputException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Converse wire API through {@link BedrockGenerationClient}: routing, the request as sent
 * (compared with recorded Bedrock requests), and real recorded answers (see {@code
 * src/test/resources/converse/SOURCE.md}) played back by the emulator through the real AWS SDK.
 */
class BedrockConverseTest {
  static final String CLAUDE_37 = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
  static final String CLAUDE_4 = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  static final String NOVA_MICRO = "us.amazon.nova-micro-v1:0";
  static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static BedrockGenerationClient client;

  record Country(String name) {}

  @BeforeAll
  static void setUp() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  private static BedrockEmulator emulator() {
    return BEDROCK.emulator();
  }

  static String resource(String name) {
    try (InputStream in = BedrockConverseTest.class.getResourceAsStream("/converse/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource converse/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A recorded event stream (one JSON object per line) as the JSON array the emulator plays back.
   */
  static String stream(String name) {
    ArrayNode events = JSON.createArrayNode();
    for (String line : resource(name).split("\n")) {
      if (!line.isBlank()) {
        events.add(tree(line));
      }
    }
    return events.toString();
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode sent() {
    RecordedRequest r = emulator().takeRequest();
    assertThat(r.operation()).startsWith("converse");
    return tree(r.bodyUtf8());
  }

  private static final ToolSpec GET_USER_COUNTRY =
      new ToolSpec(
          "get_user_country",
          null,
          JsonValue.parse("{\"additionalProperties\":false,\"properties\":{},\"type\":\"object\"}"),
          false);

  // ---------------------------------------------------------------- routing

  @Test
  void auto_plainRequestWithCodec_goesThroughInvokeModel() {
    GenerationRequest r = GenerationRequest.builder().modelId(HAIKU).user("Hi").build();
    client.generate(r);
    assertThat(emulator().takeRequest().operation()).isEqualTo("invoke");
    assertThat(client.apiFor(r)).isEqualTo(BedrockApi.INVOKE_MODEL);
  }

  @Test
  void auto_requestWithTools_goesThroughConverse() {
    GenerationRequest r =
        GenerationRequest.builder().modelId(NOVA_MICRO).user("Hi").tools(GET_USER_COUNTRY).build();
    assertThat(client.apiFor(r)).isEqualTo(BedrockApi.CONVERSE);
    assertThat(client.apiFor(r.toBuilder().option(BedrockApi.INVOKE_MODEL).build()))
        .isEqualTo(BedrockApi.INVOKE_MODEL);
  }

  @Test
  void auto_claudeWithToolsAndReasoning_staysOnInvokeModelButDocumentsGoToConverse() {
    GenerationRequest tools =
        GenerationRequest.builder()
            .modelId(HAIKU)
            .user("Hi")
            .tools(GET_USER_COUNTRY)
            .reasoning(Reasoning.budget(1024))
            .build();
    assertThat(client.apiFor(tools)).isEqualTo(BedrockApi.INVOKE_MODEL);
    GenerationRequest doc =
        GenerationRequest.builder()
            .modelId(HAIKU)
            .user(DocumentBlock.ofText("notes", "x"), new TextBlock("Summarise"))
            .build();
    assertThat(client.apiFor(doc)).isEqualTo(BedrockApi.CONVERSE);
  }

  @Test
  void auto_modelNoCodecKnows_goesThroughConverse() {
    GenerationRequest r =
        GenerationRequest.builder().modelId("deepseek.r1-v1:0").user("Hi").build();
    assertThat(client.apiFor(r)).isEqualTo(BedrockApi.CONVERSE);
    assertThatThrownBy(() -> client.encode(r))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Converse");
  }

  @Test
  void invokeModel_forcedWithToolsOnFamilyWithoutTools_failsBeforeSending() {
    int before = emulator().requestCount();
    assertThatThrownBy(
            () ->
                client.generate(
                    req ->
                        req.modelId("meta.llama3-8b-instruct-v1:0")
                            .user("Hi")
                            .tools(GET_USER_COUNTRY)
                            .option(BedrockApi.INVOKE_MODEL)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot express tools")
        .hasMessageContaining("Converse");
    assertThat(emulator().requestCount()).isEqualTo(before);
  }

  @Test
  void converse_plainRequest_sendsConverseShape() {
    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .system("Be terse.")
                    .user("Name a fruit.")
                    .inferenceConfig(
                        c ->
                            c.maxTokens(50).temperature(0.2).topK(20).stopSequences(List.of("END")))
                    .option(BedrockApi.CONVERSE));
    assertThat(r.text()).isNotBlank();
    JsonNode body = sent();
    assertThat(body.at("/system/0/text").asText()).isEqualTo("Be terse.");
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Name a fruit.");
    assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(50);
    assertThat(body.at("/inferenceConfig/stopSequences/0").asText()).isEqualTo("END");
    assertThat(body.at("/additionalModelRequestFields/inferenceConfig/topK").asInt()).isEqualTo(20);
  }

  @Test
  void converse_tierAndLatency_sentAsTypedSettings() {
    client.generate(
        req ->
            req.modelId(NOVA_MICRO)
                .user("Hi")
                .serviceTier(ServiceTier.FLEX)
                .latency(Latency.OPTIMIZED)
                .option(BedrockApi.CONVERSE));
    JsonNode body = sent();
    assertThat(body.at("/serviceTier/type").asText()).isEqualTo("flex");
    assertThat(body.at("/performanceConfig/latency").asText()).isEqualTo("optimized");
  }

  @Test
  void invokeModel_tierAndLatency_sentAsHeaders() {
    client.generate(
        req ->
            req.modelId(HAIKU)
                .user("Hi")
                .serviceTier(ServiceTier.PRIORITY)
                .latency(Latency.OPTIMIZED));
    RecordedRequest r = emulator().takeRequest();
    assertThat(r.operation()).isEqualTo("invoke");
    assertThat(r.header("X-Amzn-Bedrock-Service-Tier")).hasValue("priority");
    assertThat(r.header("X-Amzn-Bedrock-PerformanceConfig-Latency")).hasValue("optimized");
  }

  // ---------------------------------------------------------------- tools and reasoning, recorded

  @Test
  void toolTurnWithReasoning_recordedAnswers_roundTripSignatureUnmodifiedAndInOrder() {
    GenerationRequest first =
        GenerationRequest.builder()
            .modelId(CLAUDE_37)
            .user("What is the largest city in the user country?")
            .tools(GET_USER_COUNTRY)
            .reasoning(Reasoning.budget(1024))
            .option(BedrockApi.CONVERSE)
            .build();
    emulator().enqueueResponse(CLAUDE_37, resource("tool-with-thinking-1.response.json"));

    GenerationResponse answer = client.generate(first);

    assertThat(answer.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(answer.rawStopReason()).isEqualTo("tool_use");
    assertThat(answer.content()).hasSize(3);
    assertThat(answer.content().get(0)).isInstanceOf(ReasoningBlock.class);
    assertThat(answer.content().get(1)).isInstanceOf(TextBlock.class);
    ToolUseBlock call = answer.toolUses().get(0);
    assertThat(call.name()).isEqualTo("get_user_country");
    assertThat(call.input()).isEqualTo(JsonValue.emptyObject());
    assertThat(answer.reasoning().get(0).signature()).startsWith("Er");
    assertThat(answer.usage().inputTokens()).isPositive();
    JsonNode firstSent = sent();
    assertThat(firstSent.at("/additionalModelRequestFields/thinking/budget_tokens").asInt())
        .isEqualTo(1024);
    assertThat(firstSent.at("/toolConfig/tools/0/toolSpec/name").asText())
        .isEqualTo("get_user_country");

    // the next turn: our answer appended as is, then the tool's result; compared with the recorded
    // request
    JsonNode golden = tree(resource("tool-with-thinking-2.request.json"));
    GenerationRequest second =
        first.toBuilder()
            .message(answer.message())
            .message(Message.toolResults(List.of(ToolResultBlock.ofText(call.id(), "Mexico"))))
            .build();
    emulator().enqueueResponse(CLAUDE_37, resource("tool-with-thinking-2.response.json"));

    GenerationResponse last = client.generate(second);

    assertThat(last.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(last.text()).contains("Mexico City");
    JsonNode secondSent = sent();
    assertThat(secondSent.get("messages")).isEqualTo(golden.get("messages"));
    assertThat(secondSent.at("/toolConfig/tools")).isEqualTo(golden.at("/toolConfig/tools"));
    assertThat(secondSent.get("additionalModelRequestFields"))
        .isEqualTo(golden.get("additionalModelRequestFields"));
  }

  @Test
  void stream_recordedThinking_signatureOnlyDeltaKeptOnItsBlock() {
    emulator().enqueueResponse(CLAUDE_4, stream("thinking.stream.jsonl"));
    List<GenerationEvent> events = new ArrayList<>();
    try (GenerationStream s =
        client.stream(
            req ->
                req.modelId(CLAUDE_4)
                    .user("Hello")
                    .reasoning(Reasoning.budget(1024))
                    .option(BedrockApi.CONVERSE))) {
      s.forEach(events::add);
    }
    List<GenerationEvent.ReasoningDelta> reasoning =
        events.stream()
            .filter(GenerationEvent.ReasoningDelta.class::isInstance)
            .map(GenerationEvent.ReasoningDelta.class::cast)
            .toList();
    assertThat(reasoning).anyMatch(d -> d.signature() != null && d.text() == null);
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.content()).hasSize(2);
    ReasoningBlock block = (ReasoningBlock) done.content().get(0);
    String joined =
        reasoning.stream()
            .filter(d -> d.text() != null)
            .map(GenerationEvent.ReasoningDelta::text)
            .reduce("", String::concat);
    assertThat(block.text()).isEqualTo(joined).startsWith("The user has greeted me");
    assertThat(block.signature()).startsWith("Eu0CCkgIBxAB");
    assertThat(done.content().get(1))
        .isEqualTo(
            new TextBlock(
                events.stream()
                    .filter(GenerationEvent.TextDelta.class::isInstance)
                    .map(e -> ((GenerationEvent.TextDelta) e).text())
                    .reduce("", String::concat)));
    assertThat(done.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(done.usage().outputTokens()).isEqualTo(73);
    assertThat(sent().at("/additionalModelRequestFields/thinking/type").asText())
        .isEqualTo("enabled");
  }

  @Test
  void stream_recordedRedactedThinking_redactedBlocksKeptInOrder() {
    emulator().enqueueResponse(CLAUDE_37, stream("redacted-thinking.stream.jsonl"));
    GenerationResponse r;
    try (GenerationStream s =
        client.stream(
            req ->
                req.modelId(CLAUDE_37)
                    .user("ANTHROPIC_MAGIC_STRING")
                    .reasoning(Reasoning.budget(1024))
                    .option(BedrockApi.CONVERSE))) {
      r = s.response();
    }
    assertThat(r.content()).hasSize(3);
    assertThat(r.reasoning()).hasSize(2).allMatch(ReasoningBlock::isRedacted);
    assertThat(r.content().get(2)).isInstanceOf(TextBlock.class);
    assertThat(r.text()).startsWith("I notice you've sent");
  }

  @Test
  void stream_recordedToolUse_fragmentsAssembledIntoOneToolCall() {
    emulator().enqueueResponse(NOVA_MICRO, stream("tool-use.stream.jsonl"));
    ToolSpec temperature = ToolSpec.of("get_temperature", "Current temperature", City.class);
    List<GenerationEvent.ToolCall> calls = new ArrayList<>();
    GenerationEvent.Completed done = null;
    try (GenerationStream s =
        client.stream(
            req ->
                req.modelId(NOVA_MICRO)
                    .user("What is the temperature of the capital of France?")
                    .tools(temperature))) {
      for (GenerationEvent e : s) {
        if (e instanceof GenerationEvent.ToolCall c) {
          calls.add(c);
        } else if (e instanceof GenerationEvent.Completed c) {
          done = c;
        }
      }
    }
    assertThat(calls).hasSize(1);
    ToolUseBlock call = calls.get(0).toolUse();
    assertThat(call.id()).isEqualTo("tooluse_lAG_zP8QRHmSYOwZzzaCqA");
    assertThat(call.inputAs(City.class)).isEqualTo(new City("Paris"));
    assertThat(done).isNotNull();
    assertThat(done.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(done.content()).hasSize(2).last().isEqualTo(call);
    JsonNode body = sent();
    assertThat(body.at("/toolConfig/tools/0/toolSpec/inputSchema/json/required/0").asText())
        .isEqualTo("city");
  }

  record City(String city) {}

  // ---------------------------------------------------------------- cache points, guardrails,
  // structured output

  @Test
  void cachePoints_onToolsSystemAndMessages_sentLikeRecordedRequestAndUsageReadsCacheTokens() {
    JsonNode golden = tree(resource("cache-points.request.json"));
    ToolSpec lookup =
        new ToolSpec(
            "catalog_lookup",
            null,
            JsonValue.parse(golden.at("/toolConfig/tools/0/toolSpec/inputSchema/json").toString()),
            false);
    ToolSpec diagnostics =
        new ToolSpec(
            "diagnostics",
            null,
            JsonValue.parse(golden.at("/toolConfig/tools/1/toolSpec/inputSchema/json").toString()),
            false);
    JsonNode user = golden.at("/messages/0/content");
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId(CLAUDE_37)
            .system(golden.at("/system/0/text").asText())
            .systemCachePoint(CachePointBlock.create())
            .toolConfig(ToolConfig.of(lookup, diagnostics).withCachePoint(CachePointBlock.create()))
            .user(
                new TextBlock(user.get(0).get("text").asText()),
                DocumentBlock.of(
                    "Document 1",
                    "txt",
                    java.util.Base64.getDecoder()
                        .decode(user.get(1).at("/document/source/bytes").asText())),
                new TextBlock("\n"),
                CachePointBlock.create(),
                new TextBlock("What is 10 + 11?"),
                CachePointBlock.create())
            .build();
    emulator().enqueueResponse(CLAUDE_37, resource("cache-write.response.json"));
    emulator().enqueueResponse(CLAUDE_37, resource("cache-read.response.json"));

    GenerationResponse written = client.generate(request);
    GenerationResponse read = client.generate(request);

    assertThat(written.usage().cacheWriteInputTokens()).isEqualTo(1322);
    assertThat(read.usage().cacheReadInputTokens()).isEqualTo(1322);
    assertThat(read.usage().inputTokens()).isEqualTo(2);
    JsonNode body = sent();
    assertThat(body.get("messages")).isEqualTo(golden.get("messages"));
    assertThat(body.get("system")).isEqualTo(golden.get("system"));
    assertThat(body.at("/toolConfig/tools")).isEqualTo(golden.at("/toolConfig/tools"));
  }

  @Test
  void cachePoint_withOneHourTtl_sendsTtl() {
    client.generate(
        req ->
            req.modelId(NOVA_MICRO)
                .system("Be terse.")
                .systemCachePoint(CachePointBlock.withTtl(Duration.ofHours(1)))
                .user("Hi")
                .option(BedrockApi.CONVERSE));
    assertThat(sent().at("/system/1/cachePoint/ttl").asText()).isEqualTo("1h");
  }

  @Test
  void guardrail_onConverse_sentLikeRecordedRequestAndTraceReasonKept() {
    JsonNode golden = tree(resource("guardrail.request.json"));
    emulator().enqueueResponse(NOVA_MICRO, resource("guardrail.response.json"));
    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .system("You are a helpful chatbot.")
                    .user("What is the capital of France?")
                    .option(BedrockApi.CONVERSE)
                    .option(
                        BedrockOptions.builder()
                            .guardrail("xbgw7g293v7o", "DRAFT")
                            .trace("ENABLED")
                            .build()));
    assertThat(r.text()).contains("Paris");
    assertThat(r.metadata().attribute("guardrailActionReason")).isEqualTo("No action.");
    JsonNode body = sent();
    assertThat(body.get("guardrailConfig")).isEqualTo(golden.get("guardrailConfig"));
    assertThat(body.get("messages")).isEqualTo(golden.get("messages"));
  }

  @Test
  void guardrail_onConverseStream_sendsStreamProcessingMode() {
    try (GenerationStream s =
        client.stream(
            req ->
                req.modelId(NOVA_MICRO)
                    .user("Hi")
                    .option(BedrockApi.CONVERSE)
                    .option(
                        BedrockOptions.builder()
                            .guardrail("gr1", "1")
                            .guardrailStreamProcessingMode("async")
                            .build()))) {
      s.text();
    }
    assertThat(sent().at("/guardrailConfig/streamProcessingMode").asText()).isEqualTo("async");
  }

  record Answer(String city, int population) {}

  @Test
  void responseFormat_fromRecord_sendsJsonSchemaAsString() {
    client.generate(
        req ->
            req.modelId(NOVA_MICRO)
                .user("Largest city of Mexico?")
                .responseFormat(ResponseFormat.of(Answer.class)));
    JsonNode body = sent();
    assertThat(body.at("/outputConfig/textFormat/type").asText()).isEqualTo("json_schema");
    JsonNode schema =
        tree(body.at("/outputConfig/textFormat/structure/jsonSchema/schema").asText());
    assertThat(schema.at("/properties/population/type").asText()).isEqualTo("integer");
    assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void responseAs_answerNotFittingRecord_failsNamingThePath() {
    emulator()
        .enqueueResponse(
            NOVA_MICRO,
            "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
                + "\"{\\\"city\\\":\\\"Mexico City\\\",\\\"population\\\":\\\"many\\\"}\"}]}},\"stopReason\":\"end_turn\","
                + "\"usage\":{\"inputTokens\":1,\"outputTokens\":1,\"totalTokens\":2},\"metrics\":{\"latencyMs\":1}}");
    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .user("Largest city of Mexico?")
                    .responseFormat(ResponseFormat.of(Answer.class)));
    assertThatThrownBy(() -> r.as(Answer.class))
        .isInstanceOf(StructuredOutputException.class)
        .hasMessageContaining("$.population")
        .hasMessageContaining("number")
        .hasMessageNotContaining("many");
  }

  @Test
  void citations_documentWithCitations_sentAndCitedAnswerRead() {
    emulator()
        .enqueueResponse(
            NOVA_MICRO,
            "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":["
                + "{\"citationsContent\":{\"content\":[{\"text\":\"Friday.\"}],\"citations\":[{\"title\":\"notes\","
                + "\"sourceContent\":[{\"text\":\"The meeting moved to Friday.\"}],"
                + "\"location\":{\"documentChar\":{\"documentIndex\":0,\"start\":0,\"end\":28}}}]}}]}},"
                + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1,\"totalTokens\":2},"
                + "\"metrics\":{\"latencyMs\":1}}");
    GenerationResponse r =
        client.generate(
            req ->
                req.modelId(NOVA_MICRO)
                    .user(
                        DocumentBlock.ofText("notes", "The meeting moved to Friday.")
                            .withCitations(),
                        new TextBlock("When?")));
    assertThat(r.text()).isEqualTo("Friday.");
    Citation c = r.citations().get(0);
    assertThat(c.location()).isEqualTo(new Citation.Location("documentChar", 0, 0, 28, null));
    assertThat(c.sourceContent()).containsExactly("The meeting moved to Friday.");
    JsonNode body = sent();
    assertThat(body.at("/messages/0/content/0/document/citations/enabled").asBoolean()).isTrue();
    assertThat(body.at("/messages/0/content/0/document/source/text").asText())
        .startsWith("The meeting");
  }

  // ---------------------------------------------------------------- input checked before sending

  @Test
  void badToolInput_failsBeforeSendingWithClearMessages() {
    int before = emulator().requestCount();
    assertThatThrownBy(
            () -> new ToolSpec("t", null, JsonValue.parse("{\"type\":\"string\"}"), false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("\"type\": \"object\"");
    assertThatThrownBy(() -> ToolConfig.of(GET_USER_COUNTRY, GET_USER_COUNTRY))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unique")
        .hasMessageContaining("get_user_country");
    assertThatThrownBy(
            () ->
                GenerationRequest.builder()
                    .modelId(CLAUDE_37)
                    .user("Hi")
                    .tools(GET_USER_COUNTRY)
                    .toolChoice(ToolChoice.any())
                    .reasoning(Reasoning.budget(2048))
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("forced tool choice");
    assertThatThrownBy(
            () ->
                GenerationRequest.builder()
                    .modelId(CLAUDE_37)
                    .system("s")
                    .systemCachePoint(CachePointBlock.create())
                    .user(
                        new TextBlock("a"),
                        CachePointBlock.create(),
                        new TextBlock("b"),
                        CachePointBlock.create(),
                        new TextBlock("c"),
                        CachePointBlock.create(),
                        new TextBlock("d"),
                        CachePointBlock.create())
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most 4 cache points");
    assertThatThrownBy(
            () ->
                GenerationRequest.builder()
                    .modelId(CLAUDE_37)
                    .user(ToolResultBlock.ofText("t1", "x"))
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("toolConfig");
    assertThat(emulator().requestCount()).isEqualTo(before);
  }

  @Test
  void generateAsync_overConverse_returnsToolCall() {
    emulator().enqueueResponse(CLAUDE_37, resource("tool-with-thinking-1.response.json"));
    GenerationResponse r =
        client
            .generateAsync(
                GenerationRequest.builder()
                    .modelId(CLAUDE_37)
                    .user("What is the largest city in the user country?")
                    .tools(GET_USER_COUNTRY)
                    .option(BedrockApi.CONVERSE)
                    .build())
            .join();
    assertThat(r.toolUses()).extracting(ToolUseBlock::name).containsExactly("get_user_country");
    assertThat(r.metadata().requestId()).isNotBlank();
    assertThat(sent().at("/messages/0/content/0/text").asText()).startsWith("What is the largest");
  }

  @Test
  void toolResult_withJsonAndError_sentAsConverseToolResult() {
    ToolSpec spec = ToolSpec.of("get_user_country", "x", Country.class);
    client.generate(
        req ->
            req.modelId(NOVA_MICRO)
                .tools(spec)
                .user("Where am I?")
                .message(
                    new Message(
                        dev.genaiaws.core.Role.ASSISTANT,
                        List.of(
                            new ToolUseBlock(
                                "t1", "get_user_country", JsonValue.of(Map.of("name", "x"))),
                            new ToolUseBlock(
                                "t2", "get_user_country", JsonValue.of(Map.of("name", "y"))))))
                .message(
                    Message.toolResults(
                        List.of(
                            ToolResultBlock.ofJson("t1", JsonValue.of(Map.of("country", "MX"))),
                            ToolResultBlock.error("t2", "lookup failed")))));
    JsonNode results = sent().at("/messages/2/content");
    assertThat(results.get(0).at("/toolResult/content/0/json/country").asText()).isEqualTo("MX");
    assertThat(results.get(0).at("/toolResult/status").asText()).isEqualTo("success");
    assertThat(results.get(1).at("/toolResult/status").asText()).isEqualTo("error");
    assertThat(results.get(1).at("/toolResult/content/0/text").asText()).isEqualTo("lookup failed");
  }
}
