package dev.genaiaws.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat's main logic offline, fed from a piped stdin. */
class ChatSampleTest {
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

  @BeforeEach
  void clear() {
    bedrock.reset();
  }

  private int chat(String input, BedrockEmulator emulator, String... args) {
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return emulator == null
        ? ChatSample.run(args, in, o, e)
        : ChatSample.run(args, in, o, e, emulator);
  }

  private List<String> answers() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static JsonNode messages(RecordedRequest r) throws IOException {
    return JSON.readTree(r.bodyUtf8()).get("messages");
  }

  @Test
  void run_pipedTwoMessagesThenExit_streamsTwoAnswersOfferingTheWholeHistory() throws IOException {
    int code = chat("hello\nhow are you\n/exit\n", bedrock, "--system", "Be brief.");

    assertThat(code).isZero();
    List<String> answers = answers();
    assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a).isNotBlank());
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Offline: the text below comes from the local" + " Bedrock emulator");
    List<RecordedRequest> requests = bedrock.requests();
    assertThat(requests)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.operation()).isEqualTo("invoke-with-response-stream");
              assertThat(r.modelId()).isEqualTo(ChatSample.DEFAULT_MODEL_ID);
            });
    JsonNode second = messages(requests.get(1));
    assertThat(second).hasSize(3);
    assertThat(second.get(0).get("role").asText()).isEqualTo("user");
    assertThat(second.get(0).toString()).contains("hello");
    assertThat(second.get(1).get("role").asText()).isEqualTo("assistant");
    assertThat(second.get(1).toString())
        .contains(JSON.writeValueAsString(answers.get(0)).replaceAll("^\"|\"$", ""));
    assertThat(second.get(2).get("role").asText()).isEqualTo("user");
    assertThat(second.get(2).toString()).contains("how are you");
    assertThat(JSON.readTree(requests.get(1).bodyUtf8()).get("system").toString())
        .contains("Be brief.");
  }

  @Test
  void run_ownEmulatorAndEndOfInput_answersAndExitsZero() {
    int code = chat("hello\nhow are you\n", null);

    assertThat(code).isZero();
    assertThat(answers()).hasSize(2).allSatisfy(a -> assertThat(a).isNotBlank());
  }

  @Test
  void run_reset_forgetsTheConversationSoTheSameQuestionGetsTheSameAnswer() throws IOException {
    int code = chat("hello\n/reset\nhello\n/exit\n", bedrock);

    assertThat(code).isZero();
    assertThat(bedrock.requests()).hasSize(2);
    assertThat(messages(bedrock.requests().get(1))).hasSize(1);
    List<String> answers = answers();
    assertThat(answers).hasSize(2);
    assertThat(answers.get(1)).isEqualTo(answers.get(0));
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("(conversation forgotten)");
  }

  @Test
  void run_turnFails_reportsItDropsTheQuestionAndGoesOn() throws IOException {
    bedrock.enqueue(Fault.accessDenied());

    int code = chat("first\nsecond\n/exit\n", bedrock);

    assertThat(code).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("chat: ");
    List<RecordedRequest> requests = bedrock.requests();
    assertThat(requests).hasSize(2);
    JsonNode second = messages(requests.get(1));
    assertThat(second).hasSize(1);
    assertThat(second.get(0).toString()).contains("second");
  }

  @Test
  void run_modelNoCodecKnows_chatsThroughConverse() {
    int code = chat("hello\n", bedrock, "--model", "acme.nonsense-v1");

    assertThat(code).isZero();
    assertThat(bedrock.takeRequest().operation()).isEqualTo("converse-stream");
  }

  @Test
  void run_parameterTheModelDoesNotTake_exitsTwo() {
    int code = chat("hello\n", bedrock, "--temperature", "7");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).split("chat: ", -1))
        .as("the error, printed once")
        .hasSize(2);
  }

  @Test
  void run_utf8Input_isSentAsUtf8() throws IOException {
    int code = chat("café 東京 🙂\n", bedrock);

    assertThat(code).isZero();
    assertThat(messages(bedrock.requests().get(0)).toString()).contains("café 東京 🙂");
  }
}
