package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.Reasoning;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.ToolChoice;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.StepLimitExceededException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.core.tools.Tool;
import dev.genaiaws.core.tools.ToolLoop;
import dev.genaiaws.core.tools.ToolLoopResult;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool conversations end to end against the emulator's Converse (which calls the tools a question
 * names, signs its reasoning and verifies the signature when it comes back): the tool loop with
 * parallel calls, errors and the step limit, and reasoning across a tool turn, streamed and not.
 */
class BedrockToolConversationTest {
  static final String SONNET = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  static final String NOVA = "us.amazon.nova-lite-v1:0";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static BedrockGenerationClient client;

  record City(String city) {}

  record Order(String item, int quantity) {}

  @BeforeAll
  static void setUp() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  private static JsonNode body(RecordedRequest r) {
    try {
      return JSON.readTree(r.bodyUtf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Tool<City> WEATHER =
      Tool.of(
          "get_weather",
          "Weather of a city",
          City.class,
          in -> Map.of("city", in.city(), "celsius", 21));
  private static final Tool<Order> ORDER =
      Tool.of(
          "place_order",
          "Orders an item",
          Order.class,
          in -> {
            throw new IllegalStateException("the shop is closed");
          });

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void toolLoop_parallelCallsAndAFailingTool_resultsSentBackThenAnswer(boolean streamed) {
    ToolLoop loop = ToolLoop.builder(client).tool(WEATHER).tool(ORDER).build();
    GenerationRequest ask =
        GenerationRequest.builder()
            .modelId(NOVA)
            .user("Use get_weather city=Paris and place_order item=umbrella")
            .build();

    String text;
    if (streamed) {
      try (GenerationStream s = loop.stream(ask)) {
        text = s.text();
      }
    } else {
      ToolLoopResult r = loop.run(ask);
      assertThat(r.steps()).isEqualTo(2);
      assertThat(r.response().stopReason()).isEqualTo(StopReason.STOP);
      text = r.text();
    }

    assertThat(text).isNotBlank();
    List<RecordedRequest> sent = BEDROCK.emulator().requests();
    assertThat(sent).hasSize(2);
    JsonNode second = body(sent.get(1));
    JsonNode calls = second.at("/messages/1/content");
    assertThat(calls.findValues("name"))
        .extracting(JsonNode::asText)
        .contains("get_weather", "place_order");
    JsonNode results = second.at("/messages/2/content");
    assertThat(results).hasSize(2);
    assertThat(calls.get(0).at("/toolUse/name").asText())
        .isEqualTo("get_weather"); // the order offered
    assertThat(results.get(0).at("/toolResult/toolUseId"))
        .isEqualTo(calls.get(0).at("/toolUse/toolUseId"));
    assertThat(results.get(0).at("/toolResult/content/0/json/city").asText()).isEqualTo("Paris");
    assertThat(results.get(1).at("/toolResult/status").asText()).isEqualTo("error");
    assertThat(results.get(1).at("/toolResult/content/0/text").asText())
        .contains("the shop is closed");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void toolLoop_forcedToolEveryTurn_stopsAtStepLimit(boolean streamed) {
    ToolLoop loop = ToolLoop.builder(client).tool(WEATHER).maxSteps(3).build();
    GenerationRequest ask =
        GenerationRequest.builder()
            .modelId(NOVA)
            .user("Weather city=Oslo?")
            .toolConfig(ToolConfig.of(WEATHER.spec()).withChoice(ToolChoice.tool("get_weather")))
            .build();

    if (streamed) {
      try (GenerationStream s = loop.stream(ask)) {
        assertThatThrownBy(s::text).isInstanceOf(StepLimitExceededException.class);
      }
    } else {
      assertThatThrownBy(() -> loop.run(ask)).isInstanceOf(StepLimitExceededException.class);
    }
    assertThat(BEDROCK.emulator().requestCount()).isEqualTo(3);
  }

  @Test
  void reasoningAcrossToolTurn_signedBlockSentBackUnchanged_emulatorVerifiesIt() {
    GenerationRequest first =
        GenerationRequest.builder()
            .modelId(SONNET)
            .option(BedrockApi.CONVERSE)
            .user("Use get_weather city=Rome")
            .tools(WEATHER.spec())
            .reasoning(Reasoning.budget(1024))
            .inferenceConfig(c -> c.maxTokens(2048))
            .build();
    GenerationResponse answer = client.generate(first);
    assertThat(answer.content().get(0)).isInstanceOf(ReasoningBlock.class);
    assertThat(answer.reasoning().get(0).signature()).isNotBlank();
    ToolUseBlock call = answer.toolUses().get(0);

    GenerationRequest.Builder next =
        first.toBuilder()
            .message(answer.message())
            .message(
                Message.toolResults(List.of(ToolResultBlock.ofText(call.id(), "sunny, 24 C"))));
    GenerationResponse last = client.generate(next.build());
    assertThat(last.stopReason()).isEqualTo(StopReason.STOP);

    // the same turn with one character of the reasoning changed is refused, as Bedrock refuses it
    ReasoningBlock signed = answer.reasoning().get(0);
    List<dev.genaiaws.core.ContentBlock> tampered = new ArrayList<>(answer.content());
    tampered.set(0, ReasoningBlock.of(signed.text() + "!", signed.signature()));
    assertThatThrownBy(
            () ->
                client.generate(
                    first.toBuilder()
                        .message(new Message(dev.genaiaws.core.Role.ASSISTANT, tampered))
                        .message(
                            Message.toolResults(
                                List.of(ToolResultBlock.ofText(call.id(), "sunny"))))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void reasoningAcrossToolTurn_streamed_completedContentRoundTrips() {
    GenerationRequest first =
        GenerationRequest.builder()
            .modelId(SONNET)
            .option(BedrockApi.CONVERSE)
            .user("Use get_weather city=Rome")
            .tools(WEATHER.spec())
            .reasoning(Reasoning.budget(1024))
            .inferenceConfig(c -> c.maxTokens(2048))
            .build();
    GenerationEvent.Completed done;
    List<GenerationEvent.ToolCall> calls = new ArrayList<>();
    try (GenerationStream s = client.stream(first)) {
      for (GenerationEvent e : s) {
        if (e instanceof GenerationEvent.ToolCall c) {
          calls.add(c);
        }
      }
      done = s.completed().orElseThrow();
    }
    assertThat(done.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(done.content().get(0)).isInstanceOf(ReasoningBlock.class);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).toolUse().inputAs(City.class)).isEqualTo(new City("Rome"));

    GenerationRequest next =
        first.toBuilder()
            .message(new Message(dev.genaiaws.core.Role.ASSISTANT, done.content()))
            .message(
                Message.toolResults(
                    List.of(ToolResultBlock.ofText(calls.get(0).toolUse().id(), "sunny"))))
            .build();
    try (GenerationStream s = client.stream(next)) {
      assertThat(s.text()).isNotBlank();
      assertThat(s.completed().orElseThrow().stopReason()).isEqualTo(StopReason.STOP);
    }
  }
}
