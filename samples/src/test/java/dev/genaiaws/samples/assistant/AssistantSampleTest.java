package dev.genaiaws.samples.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The assistant offline: the emulator calls the tools the question names; the tool loop runs them.
 */
class AssistantSampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static BedrockEmulator bedrock;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    bedrock = BedrockEmulator.start();
  }

  @AfterAll
  static void stop() {
    bedrock.close();
  }

  private int run(String... args) {
    bedrock.reset();
    return AssistantSample.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        bedrock);
  }

  @Test
  void twoToolsNamed_runInOneStepThenAnswerStreams() throws Exception {
    int code =
        run("Use current_time zone=Europe/Paris and convert_currency amount=100 from=USD to=EUR");

    String log = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(log).isZero();
    assertThat(log)
        .contains("step 1: the model asks for 2 tool calls")
        .contains("current_time {\"zone\":\"Europe/Paris\"} -> ok")
        .contains("convert_currency")
        .contains("-> ok");
    assertThat(out.toString(StandardCharsets.UTF_8)).isNotBlank();
    List<RecordedRequest> sent = bedrock.requests();
    assertThat(sent).hasSize(2).allMatch(r -> r.operation().equals("converse-stream"));
    JsonNode results = JSON.readTree(sent.get(1).bodyUtf8()).at("/messages/2/content");
    assertThat(results).hasSize(2);
    assertThat(results.get(1).at("/toolResult/content/0/json/amount").asDouble()).isEqualTo(92.0);
  }

  @Test
  void toolFails_modelGetsErrorResult() throws Exception {
    int code = run("convert_currency amount=5 from=XXX to=EUR");

    assertThat(code).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("convert_currency")
        .contains("-> error");
    JsonNode result =
        JSON.readTree(bedrock.requests().get(1).bodyUtf8()).at("/messages/2/content/0/toolResult");
    assertThat(result.get("status").asText()).isEqualTo("error");
    assertThat(result.at("/content/0/text").asText()).contains("unknown currency");
  }

  @Test
  void convert_fixedRates() {
    assertThat(AssistantSample.convert(new AssistantSample.Conversion(10, "eur", "usd")))
        .isEqualTo(Map.of("amount", 10.87, "currency", "USD"));
  }
}
