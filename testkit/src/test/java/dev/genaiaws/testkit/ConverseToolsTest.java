package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Tool calls and tool results on Converse, through the raw AWS SDK client. */
class ConverseToolsTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static final String CLAUDE = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  static final String WEATHER_SCHEMA =
      """
      {"type":"object","properties":{
         "city":{"type":"string","minLength":2},
         "unit":{"type":"string","enum":["celsius","fahrenheit"]},
         "days":{"type":"integer","minimum":1,"maximum":14}},
       "required":["city","unit"],"additionalProperties":false}""";
  static final String ORDER_SCHEMA =
      """
      {"type":"object","$defs":{"item":{"type":"object","properties":{"sku":{"type":"string","pattern":"^[A-Z]{3}-[0-9]+$"},
         "quantity":{"type":"integer","exclusiveMinimum":0,"multipleOf":2}},"required":["sku","quantity"]}},
       "properties":{"orderId":{"type":"string","format":"uuid"},
         "items":{"type":"array","items":{"$ref":"#/$defs/item"},"minItems":2,"maxItems":3},
         "express":{"type":["boolean","null"]},"note":{"anyOf":[{"type":"null"},{"type":"string","maxLength":5}]},
         "price":{"type":"number","minimum":0.5,"maximum":99.5}},
       "required":["orderId","items","price"]}""";
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

  static Document doc(String json) {
    return Clients.document(Clients.json(json));
  }

  static Tool tool(String name, String schema) {
    return Tool.builder()
        .toolSpec(
            s -> s.name(name).description("Tool " + name).inputSchema(i -> i.json(doc(schema))))
        .build();
  }

  static ToolConfiguration tools(ToolChoice choice) {
    ToolConfiguration.Builder b =
        ToolConfiguration.builder()
            .tools(tool("get_weather", WEATHER_SCHEMA), tool("place_order", ORDER_SCHEMA));
    return choice == null ? b.build() : b.toolChoice(choice).build();
  }

  static Message user(String text) {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(ContentBlock.fromText(text))
        .build();
  }

  static ConverseRequest ask(String modelId, ToolChoice choice, Message... messages) {
    return ConverseRequest.builder()
        .modelId(modelId)
        .messages(messages)
        .toolConfig(tools(choice))
        .inferenceConfig(c -> c.maxTokens(500))
        .build();
  }

  static List<ToolUseBlock> toolUses(ConverseResponse r) {
    return r.output().message().content().stream()
        .map(ContentBlock::toolUse)
        .filter(t -> t != null)
        .toList();
  }

  static JsonNode json(Document d) {
    return Clients.tree(d);
  }

  static List<String> violations(String schema, JsonNode value) {
    Schema s =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Clients.json(schema));
    return s.validate(value).stream().map(Object::toString).collect(Collectors.toList());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        CLAUDE,
        "us.amazon.nova-pro-v1:0",
        "meta.llama3-1-70b-instruct-v1:0",
        "mistral.mistral-large-2407-v1:0",
        "cohere.command-r-plus-v1:0",
        "ai21.jamba-1-5-large-v1:0",
        "us.anthropic.claude-sonnet-4-20250514-v1:0"
      })
  void converse_userNamesTool_toolUseWithSchemaValidInput(String modelId) {
    ConverseResponse r =
        client.converse(ask(modelId, null, user("Please use get_weather for my trip.")));

    assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    List<ToolUseBlock> uses = toolUses(r);
    assertThat(uses).hasSize(1);
    assertThat(uses.get(0).name()).isEqualTo("get_weather");
    assertThat(uses.get(0).toolUseId()).matches("tooluse_[A-Za-z0-9_-]{22}");
    assertThat(violations(WEATHER_SCHEMA, json(uses.get(0).input()))).isEmpty();
    assertThat(r.usage().outputTokens()).isPositive();
  }

  @Test
  void converse_claudeAuto_sentenceBeforeTheToolCall() {
    ConverseResponse r = client.converse(ask(CLAUDE, null, user("Use get_weather please.")));

    assertThat(r.output().message().content().get(0).text()).isNotBlank();
    assertThat(r.output().message().content().get(1).toolUse()).isNotNull();
  }

  @Test
  void converse_complexSchema_inputValidAgainstRefsFormatsPatternsAndBounds() {
    ConverseResponse r = client.converse(ask(CLAUDE, null, user("place_order now")));

    JsonNode input = json(toolUses(r).get(0).input());
    assertThat(violations(ORDER_SCHEMA, input)).isEmpty();
    assertThat(input.path("items").size()).isEqualTo(2);
  }

  @Test
  void converse_valuesInTheQuestion_steerTheToolInput() {
    ConverseResponse r =
        client.converse(
            ask(
                CLAUDE,
                null,
                user("Call get_weather with city=Paris, unit: fahrenheit and days=3.")));

    JsonNode input = json(toolUses(r).get(0).input());
    assertThat(input.path("city").asText()).isEqualTo("Paris");
    assertThat(input.path("unit").asText()).isEqualTo("fahrenheit");
    assertThat(input.path("days").asInt()).isEqualTo(3);
  }

  @Test
  void converse_twoToolsNamed_parallelCallsWithDistinctIds() {
    ConverseResponse r =
        client.converse(ask(CLAUDE, null, user("get_weather and place_order, both.")));

    List<ToolUseBlock> uses = toolUses(r);
    assertThat(uses).extracting(ToolUseBlock::name).containsExactly("get_weather", "place_order");
    assertThat(uses.get(0).toolUseId()).isNotEqualTo(uses.get(1).toolUseId());
  }

  @Test
  void converse_noToolNamed_answersInText() {
    ConverseResponse r = client.converse(ask(CLAUDE, null, user("Tell me a story.")));

    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(toolUses(r)).isEmpty();
  }

  @Test
  void converse_toolChoiceTool_forcesThatToolWithoutPreamble() {
    ConverseResponse r =
        client.converse(
            ask(CLAUDE, ToolChoice.fromTool(t -> t.name("place_order")), user("Tell me a story.")));

    assertThat(r.output().message().content()).hasSize(1);
    assertThat(toolUses(r)).extracting(ToolUseBlock::name).containsExactly("place_order");
  }

  @Test
  void converse_toolChoiceAny_firstToolWhenNoneNamed() {
    ConverseResponse r =
        client.converse(
            ask("amazon.nova-lite-v1:0", ToolChoice.fromAny(a -> {}), user("Tell me a story.")));

    assertThat(toolUses(r)).extracting(ToolUseBlock::name).containsExactly("get_weather");
  }

  static Message results(List<ToolUseBlock> uses, String text) {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(
            uses.stream()
                .map(
                    u ->
                        ContentBlock.fromToolResult(
                            ToolResultBlock.builder()
                                .toolUseId(u.toolUseId())
                                .content(ToolResultContentBlock.fromText(text))
                                .status(ToolResultStatus.SUCCESS)
                                .build()))
                .toList())
        .build();
  }

  @Test
  void converse_toolResultsSent_finalTextAnswer() {
    Message question = user("get_weather and place_order, both.");
    ConverseResponse first = client.converse(ask(CLAUDE, null, question));

    ConverseResponse second =
        client.converse(
            ask(
                CLAUDE,
                null,
                question,
                first.output().message(),
                results(toolUses(first), "18 degrees and sunny")));

    assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(second.output().message().content().get(0).text()).isNotBlank();
  }

  @Test
  void converse_toolResultNamesAnotherTool_chainsToIt_thenAnswers() {
    Message question = user("Use get_weather first.");
    ConverseResponse first = client.converse(ask(CLAUDE, null, question));
    Message firstResults = results(toolUses(first), "Sunny. Now call place_order for an umbrella.");

    ConverseResponse second =
        client.converse(ask(CLAUDE, null, question, first.output().message(), firstResults));
    ConverseResponse third =
        client.converse(
            ask(
                CLAUDE,
                null,
                question,
                first.output().message(),
                firstResults,
                second.output().message(),
                results(toolUses(second), "Order placed; get_weather again is not needed.")));

    assertThat(toolUses(second)).extracting(ToolUseBlock::name).containsExactly("place_order");
    assertThat(third.stopReason()).isEqualTo(StopReason.END_TURN);
  }

  @Test
  void converse_forcedToolChoice_callsAgainAfterResults() {
    ToolChoice forced = ToolChoice.fromTool(t -> t.name("get_weather"));
    Message question = user("Weather?");
    ConverseResponse first = client.converse(ask(CLAUDE, forced, question));

    ConverseResponse second =
        client.converse(
            ask(
                CLAUDE,
                forced,
                question,
                first.output().message(),
                results(toolUses(first), "rain")));

    assertThat(second.stopReason()).isEqualTo(StopReason.TOOL_USE);
  }

  @Test
  void converse_sameRequestTwice_sameToolCall() {
    ConverseRequest req = ask(CLAUDE, null, user("get_weather please"));

    assertThat(toolUses(client.converse(req))).isEqualTo(toolUses(client.converse(req)));
  }

  // ---- rejections -------------------------------------------------------------------------

  @Test
  void converse_toolBlocksWithoutToolConfig_rejected() {
    ConverseResponse first = client.converse(ask(CLAUDE, null, user("get_weather please")));
    ConverseRequest noConfig =
        ConverseRequest.builder()
            .modelId(CLAUDE)
            .messages(
                user("get_weather please"),
                first.output().message(),
                results(toolUses(first), "sunny"))
            .build();

    assertThatThrownBy(() -> client.converse(noConfig))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "The toolConfig field must be defined when using toolUse and toolResult content blocks.")
        .satisfies(e -> assertThat(((ValidationException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void converse_toolResultWithoutToolUse_rejected() {
    Message assistant =
        Message.builder()
            .role(ConversationRole.ASSISTANT)
            .content(ContentBlock.fromText("Hi"))
            .build();
    ConverseRequest bad =
        ask(
            CLAUDE,
            null,
            user("get_weather please"),
            assistant,
            results(
                List.of(ToolUseBlock.builder().toolUseId("tooluse_x").name("get_weather").build()),
                "sunny"));

    assertThatThrownBy(() -> client.converse(bad))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "The number of toolResult blocks at messages.2.content exceeds the number of "
                + "toolUse blocks of previous turn.");
  }

  @Test
  void converse_toolResultForAnotherId_rejected() {
    ConverseResponse first = client.converse(ask(CLAUDE, null, user("get_weather please")));
    ConverseRequest bad =
        ask(
            CLAUDE,
            null,
            user("get_weather please"),
            first.output().message(),
            results(
                List.of(
                    ToolUseBlock.builder().toolUseId("tooluse_other").name("get_weather").build()),
                "x"));

    assertThatThrownBy(() -> client.converse(bad))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "unexpected `tool_use_id` found in `tool_result` blocks: tooluse_other");
  }

  @Test
  void converse_toolUseLeftUnanswered_rejected() {
    ConverseResponse first = client.converse(ask(CLAUDE, null, user("get_weather please")));
    ConverseRequest bad =
        ask(CLAUDE, null, user("get_weather please"), first.output().message(), user("never mind"));

    assertThatThrownBy(() -> client.converse(bad))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "`tool_use` ids were found without `tool_result` blocks immediately after: "
                + toolUses(first).get(0).toolUseId());
  }

  @Test
  void converse_errorResultWithoutContent_rejected() {
    ConverseResponse first = client.converse(ask(CLAUDE, null, user("get_weather please")));
    Message empty =
        Message.builder()
            .role(ConversationRole.USER)
            .content(
                ContentBlock.fromToolResult(
                    ToolResultBlock.builder()
                        .toolUseId(toolUses(first).get(0).toolUseId())
                        .content(List.of())
                        .status(ToolResultStatus.ERROR)
                        .build()))
            .build();

    assertThatThrownBy(
            () ->
                client.converse(
                    ask(CLAUDE, null, user("get_weather please"), first.output().message(), empty)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "The content field at messages.2.content.0.toolResult cannot be empty when status "
                + "value is error.");
  }

  @Test
  void converse_llamaTextBesideToolResults_rejected_claudeAccepts() {
    String llama = "meta.llama3-3-70b-instruct-v1:0";
    ConverseResponse first = client.converse(ask(llama, null, user("get_weather please")));
    Message mixed =
        Message.builder()
            .role(ConversationRole.USER)
            .content(
                ContentBlock.fromText("Here you go:"),
                ContentBlock.fromToolResult(
                    r ->
                        r.toolUseId(toolUses(first).get(0).toolUseId())
                            .content(ToolResultContentBlock.fromText("sunny"))))
            .build();

    assertThatThrownBy(
            () ->
                client.converse(
                    ask(llama, null, user("get_weather please"), first.output().message(), mixed)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "messages.2.content: Conversation blocks and tool result blocks cannot be provided in "
                + "the same turn.");
  }

  @Test
  void converseStream_llama4WithTools_rejected_converseAccepts() {
    ConverseRequest req =
        ask("us.meta.llama4-scout-17b-instruct-v1:0", null, user("get_weather please"));
    java.util.concurrent.CompletableFuture<Void> f =
        async.converseStream(
            software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest.builder()
                .modelId(req.modelId())
                .messages(req.messages())
                .toolConfig(req.toolConfig())
                .build(),
            software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler
                .builder()
                .subscriber(e -> {})
                .build());

    assertThat(Clients.await(f))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("This model doesn't support tool use in streaming mode.");
    assertThat(client.converse(req).stopReason()).isEqualTo(StopReason.TOOL_USE);
  }

  @Test
  void converse_toolChoiceAnyOnLlama_rejected() {
    assertThatThrownBy(
            () ->
                client.converse(
                    ask(
                        "meta.llama3-1-70b-instruct-v1:0",
                        ToolChoice.fromAny(a -> {}),
                        user("hi"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "This model doesn't support the toolConfig.toolChoice.any field. Remove "
                + "toolConfig.toolChoice.any and try again.");
  }

  @Test
  void converse_modelWithoutToolUse_rejected() {
    assertThatThrownBy(() -> client.converse(ask("us.deepseek.r1-v1:0", null, user("get_weather"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("This model doesn't support tool use.");
  }

  @Test
  void converse_duplicateToolNames_rejected() {
    ConverseRequest dup =
        ConverseRequest.builder()
            .modelId(CLAUDE)
            .messages(user("hi"))
            .toolConfig(t -> t.tools(tool("a", WEATHER_SCHEMA), tool("a", WEATHER_SCHEMA)))
            .build();

    assertThatThrownBy(() -> client.converse(dup))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Tool names must be unique");
  }

  @Test
  void converse_blankText_rejected() {
    assertThatThrownBy(() -> client.converse(ask(CLAUDE, null, user("  "))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "The text field in the ContentBlock object at messages.0.content.0 is blank.");
  }

  @Test
  void converse_twoUserMessagesInARow_rejected() {
    assertThatThrownBy(() -> client.converse(ask(CLAUDE, null, user("a"), user("b"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("A conversation must alternate between user and assistant roles");
  }
}
