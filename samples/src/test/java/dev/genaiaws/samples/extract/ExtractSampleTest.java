package dev.genaiaws.samples.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Structured extraction offline, with the forced-tool method. */
class ExtractSampleTest {
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

  private int run(String stdin, String... args) {
    bedrock.reset();
    return ExtractSample.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        bedrock);
  }

  @Test
  void textOnStdin_recordPrintedFieldByField() throws Exception {
    int code =
        run("Hi! requester=Ana company=Acme durationMinutes=45 - can we talk about the budget?");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("requester: \"Ana\"")
        .contains("company: \"Acme\"")
        .contains("durationMinutes: 45")
        .contains("topics: [");
    JsonNode sent = JSON.readTree(bedrock.takeRequest().bodyUtf8());
    assertThat(sent.at("/toolConfig/toolChoice/tool/name").asText())
        .isEqualTo("record_meeting_request");
    assertThat(sent.at("/toolConfig/tools/0/toolSpec/inputSchema/json/required").toString())
        .contains("durationMinutes");
  }

  @Test
  void noText_usageError() {
    assertThat(run("")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("give the text");
  }
}
