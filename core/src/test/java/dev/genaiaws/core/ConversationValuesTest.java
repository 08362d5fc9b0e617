package dev.genaiaws.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.StructuredOutputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The neutral values of conversations with tools: JSON, tool specs and blocks, structured output,
 * checks.
 */
class ConversationValuesTest {

  enum Unit {
    CELSIUS,
    FAHRENHEIT
  }

  record Place(String city, Optional<String> country) {}

  record Query(
      Place place, Unit unit, int days, List<String> fields, double threshold, boolean alerts) {}

  @Test
  void json_parseAndWrite_roundTripExactly() {
    String text = "{\"a\":[1,2.50,-3e2,true,false,null],\"b\":\"x\\\"y\\\\z\\n\\u00e9\",\"c\":{}}";
    JsonValue v = JsonValue.parse(text);
    assertThat(JsonValue.parse(v.toJson())).isEqualTo(v);
    assertThat(v.get("b").flatMap(JsonValue::asString)).hasValue("x\"y\\z\né");
    assertThat(((JsonValue.JsonArray) v.get("a").orElseThrow()).elements().get(1))
        .isEqualTo(new JsonValue.JsonNumber(new BigDecimal("2.50")));
    assertThat(v.toString()).doesNotContain("x\"y");
  }

  @Test
  void json_invalidText_failsWithPositionNotContent() {
    assertThatThrownBy(() -> JsonValue.parse("{\"secret\": tru}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("offset")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> JsonValue.parse("[1,]")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> JsonValue.parse("01")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> JsonValue.parse("{} x")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void json_fromJavaValuesAndRecords() {
    JsonValue v =
        JsonValue.of(
            Map.of("place", new Place("Paris", Optional.empty()), "n", 3, "u", Unit.CELSIUS));
    assertThat(v.get("n")).hasValue(new JsonValue.JsonNumber(BigDecimal.valueOf(3)));
    assertThat(v.get("u").flatMap(JsonValue::asString)).hasValue("CELSIUS");
    assertThat(v.get("place").flatMap(p -> p.get("country"))).hasValue(JsonValue.JsonNull.INSTANCE);
    assertThatThrownBy(() -> JsonValue.of(new Object()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void toolSpec_fromRecord_derivesStrictObjectSchema() {
    ToolSpec spec = ToolSpec.of("forecast", "Weather forecast", Query.class);
    JsonValue schema = spec.inputSchema();
    assertThat(schema.get("type").flatMap(JsonValue::asString)).hasValue("object");
    assertThat(schema.get("additionalProperties")).hasValue(new JsonValue.JsonBoolean(false));
    JsonValue props = schema.get("properties").orElseThrow();
    assertThat(props.get("days").flatMap(d -> d.get("type")).flatMap(JsonValue::asString))
        .hasValue("integer");
    assertThat(props.get("unit").flatMap(d -> d.get("enum")))
        .hasValue(JsonValue.of(List.of("CELSIUS", "FAHRENHEIT")));
    assertThat(
            props
                .get("fields")
                .flatMap(d -> d.get("items"))
                .flatMap(i -> i.get("type"))
                .flatMap(JsonValue::asString))
        .hasValue("string");
    JsonValue place = props.get("place").orElseThrow();
    assertThat(place.get("required")).hasValue(JsonValue.of(List.of("city")));
    assertThat(spec.asStrict().strict()).isTrue();
  }

  @Test
  void toolUse_inputAs_bindsRecordAndNamesBadPath() {
    ToolUseBlock call =
        new ToolUseBlock(
            "t1",
            "forecast",
            JsonValue.parse(
                "{\"place\":{\"city\":\"Paris\"},\"unit\":\"celsius\",\"days\":3,\"fields\":[\"rain\"],\"threshold\":0.5,"
                    + "\"alerts\":true}"));
    Query q = call.inputAs(Query.class);
    assertThat(q)
        .isEqualTo(
            new Query(
                new Place("Paris", Optional.empty()), Unit.CELSIUS, 3, List.of("rain"), 0.5, true));

    ToolUseBlock bad =
        new ToolUseBlock(
            "t2",
            "forecast",
            JsonValue.parse(
                "{\"place\":{\"city\":7},\"unit\":\"CELSIUS\",\"days\":3,\"fields\":[],\"threshold\":1,\"alerts\":false}"));
    assertThatThrownBy(() -> bad.inputAs(Query.class))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("$.place.city")
        .hasMessageContaining("string");
    ToolUseBlock missing =
        new ToolUseBlock("t3", "forecast", JsonValue.parse("{\"place\":{\"city\":\"x\"}}"));
    assertThatThrownBy(() -> missing.inputAs(Query.class)).hasMessageContaining("\"unit\"");
    ToolUseBlock fraction =
        new ToolUseBlock(
            "t4",
            "forecast",
            JsonValue.parse(
                "{\"place\":{\"city\":\"x\"},\"unit\":\"CELSIUS\",\"days\":2.5,\"fields\":[],\"threshold\":1,\"alerts\":false}"));
    assertThatThrownBy(() -> fraction.inputAs(Query.class)).hasMessageContaining("$.days");
  }

  @Test
  void response_as_readsFencedJsonAndFailsClearly() {
    GenerationResponse fenced =
        GenerationResponse.builder()
            .text("```json\n{\"city\":\"Lyon\",\"country\":\"FR\"}\n```")
            .build();
    assertThat(fenced.as(Place.class)).isEqualTo(new Place("Lyon", Optional.of("FR")));

    GenerationResponse prose = GenerationResponse.builder().text("Lyon, in France").build();
    assertThatThrownBy(() -> prose.as(Place.class))
        .isInstanceOf(StructuredOutputException.class)
        .hasMessageContaining("not JSON")
        .hasMessageNotContaining("Lyon");
    GenerationResponse wrong = GenerationResponse.builder().text("{\"town\":\"Lyon\"}").build();
    assertThatThrownBy(() -> wrong.as(Place.class))
        .isInstanceOf(StructuredOutputException.class)
        .hasMessageContaining("\"city\"")
        .hasMessageContaining("Place");
  }

  @Test
  void blocks_validateAndHideContent() {
    assertThatThrownBy(
            () -> new ToolSpec("has space", null, JsonValue.parse("{\"type\":\"object\"}"), false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> new ReasoningBlock("t", null, new byte[] {1}))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new DocumentBlock("d", "exe", new byte[] {1}, null, false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("pdf");
    assertThatThrownBy(() -> CachePointBlock.withTtl(Duration.ofMinutes(30)))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () -> new ToolResultBlock("t", List.of(new ToolUseBlock("a", "b", null)), false))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () ->
                ToolConfig.of(ToolSpec.of("a", null, Place.class)).withChoice(ToolChoice.tool("b")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'b'");
    assertThat(ReasoningBlock.of("secret thoughts", "sig").toString()).doesNotContain("secret");
    assertThat(ToolResultBlock.ofText("t", "secret result").toString()).doesNotContain("secret");
    assertThat(new ToolUseBlock("t", "n", JsonValue.of(Map.of("k", "secret"))).toString())
        .doesNotContain("secret");
    ReasoningBlock redacted = ReasoningBlock.redacted(new byte[] {1, 2});
    assertThat(redacted).isEqualTo(ReasoningBlock.redacted(new byte[] {1, 2}));
  }

  @Test
  void request_richFeatures_namedForRouting() {
    GenerationRequest plain =
        GenerationRequest.builder().modelId("m").user("hi").serviceTier(ServiceTier.FLEX).build();
    assertThat(plain.isPlain()).isTrue();
    GenerationRequest doc = plain.toBuilder().user(DocumentBlock.ofText("n", "t")).build();
    assertThat(doc.firstRichFeature()).isEqualTo("DocumentBlock");
    assertThat(plain.toBuilder().reasoning(Reasoning.budget(1024)).build().firstRichFeature())
        .isEqualTo("reasoning");
    assertThat(plain.toBuilder().responseFormat(ResponseFormat.of(Place.class)).build().isPlain())
        .isFalse();
  }

  @Test
  void usage_cacheTokens_addAndFill() {
    TokenUsage a = new TokenUsage(1, 2, 3, 4);
    assertThat(a.plus(a)).isEqualTo(new TokenUsage(2, 4, 6, 8));
    assertThat(new TokenUsage(0, 2, 0, 0).orElse(a)).isEqualTo(new TokenUsage(1, 2, 3, 4));
    assertThat(new TokenUsage(0, 0, 0, 1).isEmpty()).isFalse();
  }

  @Test
  void response_message_keepsEveryBlockInOrder() {
    List<ContentBlock> blocks =
        List.of(
            ReasoningBlock.of("r", "s"),
            new TextBlock("t"),
            new ToolUseBlock("id", "n", JsonValue.emptyObject()));
    GenerationResponse r = GenerationResponse.builder().content(blocks).build();
    assertThat(r.message().role()).isEqualTo(Role.ASSISTANT);
    assertThat(r.message().content()).isEqualTo(blocks);
    assertThat(r.text()).isEqualTo("t");
  }
}
