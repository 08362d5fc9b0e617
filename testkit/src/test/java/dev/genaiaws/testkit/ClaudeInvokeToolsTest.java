package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Tools and extended thinking on InvokeModel(+Stream) with Claude's own Messages body, through the
 * raw SDK.
 */
class ClaudeInvokeToolsTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static final String SONNET_37 = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
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

  static ObjectNode body(boolean thinking, JsonNode... messages) {
    ObjectNode b =
        (ObjectNode)
            Clients.json(
                """
        {"anthropic_version":"bedrock-2023-05-31","max_tokens":3000,
         "tools":[{"name":"get_weather","description":"Weather","input_schema":%s}]}"""
                    .formatted(ConverseToolsTest.WEATHER_SCHEMA));
    if (thinking) {
      b.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
    }
    ArrayNode m = b.putArray("messages");
    for (JsonNode message : messages) {
      m.add(message);
    }
    return b;
  }

  static JsonNode user(String text) {
    return Clients.json(
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}");
  }

  static JsonNode invoke(JsonNode body) {
    return Clients.json(Clients.invoke(client, SONNET_37, body.toString()).body().asByteArray());
  }

  static JsonNode results(JsonNode assistant, String text) {
    ObjectNode u = (ObjectNode) Clients.json("{\"role\":\"user\",\"content\":[]}");
    for (JsonNode b : assistant.path("content")) {
      if (b.path("type").asText().equals("tool_use")) {
        ((ArrayNode) u.get("content"))
            .addObject()
            .put("type", "tool_result")
            .put("tool_use_id", b.path("id").asText())
            .put("content", text);
      }
    }
    return u;
  }

  static JsonNode assistant(JsonNode response) {
    ObjectNode a = (ObjectNode) Clients.json("{\"role\":\"assistant\"}");
    a.set("content", response.path("content"));
    return a;
  }

  @Test
  void invoke_toolNamed_textThenToolUseValidAgainstSchema() {
    JsonNode r = invoke(body(false, user("Use get_weather city=Oslo unit=celsius")));

    assertThat(r.path("stop_reason").asText()).isEqualTo("tool_use");
    JsonNode use = r.path("content").get(1);
    assertThat(r.path("content").get(0).path("type").asText()).isEqualTo("text");
    assertThat(use.path("type").asText()).isEqualTo("tool_use");
    assertThat(use.path("id").asText()).startsWith("toolu_bdrk_01");
    assertThat(use.path("input").path("city").asText()).isEqualTo("Oslo");
    assertThat(ConverseToolsTest.violations(ConverseToolsTest.WEATHER_SCHEMA, use.path("input")))
        .isEmpty();
  }

  @Test
  void invoke_thinkingAcrossToolTurn_signedBlockRoundTrips_tamperingRejected() {
    JsonNode question = user("get_weather city=Oslo");
    JsonNode first = invoke(body(true, question));
    JsonNode thinking = first.path("content").get(0);

    JsonNode second = invoke(body(true, question, assistant(first), results(first, "cold")));
    ObjectNode tampered = (ObjectNode) assistant(first).deepCopy();
    ((ObjectNode) tampered.path("content").get(0))
        .put("thinking", thinking.path("thinking").asText() + "!");

    assertThat(thinking.path("type").asText()).isEqualTo("thinking");
    assertThat(thinking.path("signature").asText()).isNotBlank();
    assertThat(second.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThatThrownBy(() -> invoke(body(true, question, tampered, results(first, "cold"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("messages.1.content.0: Invalid `signature` in `thinking` block");
  }

  @Test
  void countTokens_invokeModelBodyWithTools_sameAsInvokeModelHeader() {
    String req = body(false, user("get_weather please")).toString();
    String header =
        Clients.invoke(client, SONNET_37, req)
            .sdkHttpResponse()
            .firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")
            .orElseThrow();

    int counted =
        client
            .countTokens(
                c ->
                    c.modelId(SONNET_37)
                        .input(
                            software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput
                                .fromInvokeModel(
                                    i ->
                                        i.body(
                                            software.amazon.awssdk.core.SdkBytes.fromUtf8String(
                                                req)))))
            .inputTokens();

    ObjectNode noTools = body(false, user("get_weather please"));
    noTools.remove("tools");
    int withoutTools =
        client
            .countTokens(
                c ->
                    c.modelId(SONNET_37)
                        .input(
                            software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput
                                .fromInvokeModel(
                                    i ->
                                        i.body(
                                            software.amazon.awssdk.core.SdkBytes.fromUtf8String(
                                                noTools.toString())))))
            .inputTokens();

    assertThat(String.valueOf(counted)).isEqualTo(header);
    assertThat(counted - withoutTools).as("the tool definition counts").isGreaterThan(10);
  }

  @Test
  void invoke_toolResultWithoutTools_rejected() {
    JsonNode first = invoke(body(false, user("get_weather please")));
    ObjectNode noTools =
        body(false, user("get_weather please"), assistant(first), results(first, "sunny"));
    noTools.remove("tools");

    assertThatThrownBy(() -> invoke(noTools))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "Requests which include `tool_use` or `tool_result` blocks must define tools.");
  }

  @Test
  void invokeStream_thinkingAndToolUse_anthropicDeltasReassembleToTheWholeAnswer() {
    ObjectNode req = body(true, user("get_weather city=Oslo"));
    JsonNode whole = invoke(req);

    Clients.StreamResult s = Clients.stream(async, SONNET_37, req.toString());

    assertThat(s.error()).isNull();
    StringBuilder thinking = new StringBuilder();
    StringBuilder input = new StringBuilder();
    String signature = null;
    String toolStartType = null;
    for (JsonNode c : s.chunks()) {
      JsonNode d = c.path("delta");
      switch (d.path("type").asText()) {
        case "thinking_delta" -> thinking.append(d.path("thinking").asText());
        case "signature_delta" -> signature = d.path("signature").asText();
        case "input_json_delta" -> input.append(d.path("partial_json").asText());
        default -> {}
      }
      if (c.path("type").asText().equals("content_block_start")
          && c.path("content_block").path("type").asText().equals("tool_use")) {
        toolStartType = c.path("content_block").path("name").asText();
      }
    }
    List<JsonNode> content =
        List.copyOf(Clients.json(whole.path("content").toString()).findParents("type"));
    assertThat(thinking.toString())
        .isEqualTo(whole.path("content").get(0).path("thinking").asText());
    assertThat(signature).isEqualTo(whole.path("content").get(0).path("signature").asText());
    assertThat(toolStartType).isEqualTo("get_weather");
    JsonNode wholeInput =
        content.stream()
            .filter(b -> b.path("type").asText().equals("tool_use"))
            .findFirst()
            .orElseThrow()
            .path("input");
    assertThat(Clients.json(input.toString())).isEqualTo(wholeInput);
    assertThat(s.chunks().get(s.chunks().size() - 2).path("delta").path("stop_reason").asText())
        .isEqualTo("tool_use");
  }
}
