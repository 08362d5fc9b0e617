package dev.genaiaws.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.JsonBlock;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.exception.StepLimitExceededException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToolLoopTest {

  record City(String city) {}

  /**
   * A client answering from a script, recording the requests; streams emit the same answers as
   * events.
   */
  static final class ScriptedClient implements GenerationClient {
    final Deque<GenerationResponse> answers = new ArrayDeque<>();
    final List<GenerationRequest> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptedClient answer(StopReason stop, ContentBlock... blocks) {
      answers.add(
          GenerationResponse.builder()
              .content(List.of(blocks))
              .stopReason(stop, stop.name())
              .usage(TokenUsage.of(10, 5))
              .build());
      return this;
    }

    @Override
    public synchronized GenerationResponse generate(GenerationRequest request) {
      requests.add(request);
      GenerationResponse next = answers.poll();
      if (next == null) {
        throw new AssertionError("no scripted answer left");
      }
      return next;
    }

    @Override
    public CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request) {
      return CompletableFuture.completedFuture(generate(request));
    }

    @Override
    public Flow.Publisher<GenerationEvent> publisher(GenerationRequest request) {
      GenerationResponse r = generate(request);
      List<GenerationEvent> events = new ArrayList<>();
      for (ContentBlock b : r.content()) {
        if (b instanceof TextBlock t) {
          events.add(new GenerationEvent.TextDelta(t.text()));
        } else if (b instanceof ToolUseBlock u) {
          events.add(new GenerationEvent.ToolCall(u));
        }
      }
      events.add(
          new GenerationEvent.Completed(
              r.stopReason(), r.rawStopReason(), r.usage(), null, r.content()));
      return subscriber ->
          subscriber.onSubscribe(
              new Flow.Subscription() {
                int next;
                boolean done;

                @Override
                public void request(long n) {
                  for (long i = 0; i < n && !done; i++) {
                    if (next < events.size()) {
                      subscriber.onNext(events.get(next++));
                    }
                    if (next == events.size()) {
                      done = true;
                      subscriber.onComplete();
                    }
                  }
                }

                @Override
                public void cancel() {
                  done = true;
                }
              });
    }

    @Override
    public void close() {}
  }

  private static ToolUseBlock call(String id, String tool, String city) {
    return new ToolUseBlock(id, tool, JsonValue.of(Map.of("city", city)));
  }

  private static GenerationRequest ask() {
    return GenerationRequest.builder().modelId("m").user("Weather in Paris and Oslo?").build();
  }

  @Test
  void run_parallelCalls_runTogetherAndResultsReturnInCallOrder() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    Tool<City> weather =
        Tool.of(
            "weather",
            "Weather of a city",
            City.class,
            in -> {
              bothStarted.countDown();
              // each call waits for the other: passes only if they run at the same time
              if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("calls did not run in parallel");
              }
              return Map.of("city", in.city(), "celsius", in.city().length());
            });
    ScriptedClient client =
        new ScriptedClient()
            .answer(
                StopReason.TOOL_USE,
                ReasoningBlock.of("think", "sig"),
                call("a", "weather", "Paris"),
                call("b", "weather", "Oslo"))
            .answer(StopReason.STOP, new TextBlock("Paris 5, Oslo 4"));
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ToolLoop loop =
        ToolLoop.builder(client)
            .tool(weather)
            .listener(
                new ToolLoopListener() {
                  @Override
                  public void onModelResponse(int step, GenerationResponse response) {
                    seen.add("model" + step);
                  }

                  @Override
                  public void onToolResult(
                      int step, ToolUseBlock c, ToolResultBlock result, java.time.Duration took) {
                    seen.add("tool" + step + ":" + c.id());
                  }
                })
            .build();

    ToolLoopResult r = loop.run(ask());

    assertThat(r.text()).isEqualTo("Paris 5, Oslo 4");
    assertThat(r.steps()).isEqualTo(2);
    assertThat(r.usage()).isEqualTo(TokenUsage.of(20, 10));
    assertThat(seen).contains("model1", "tool1:a", "tool1:b", "model2");
    GenerationRequest second = client.requests.get(1);
    assertThat(second.toolConfig().tools()).extracting(t -> t.name()).containsExactly("weather");
    Message assistant = second.messages().get(1);
    assertThat(assistant.role()).isEqualTo(Role.ASSISTANT);
    assertThat(assistant.content().get(0)).isEqualTo(ReasoningBlock.of("think", "sig"));
    Message results = second.messages().get(2);
    assertThat(results.content())
        .extracting(b -> ((ToolResultBlock) b).toolUseId())
        .containsExactly("a", "b");
    ToolResultBlock paris = (ToolResultBlock) results.content().get(0);
    assertThat(((JsonBlock) paris.content().get(0)).json().get("celsius"))
        .hasValue(JsonValue.of(5));
    assertThat(r.conversation()).hasSize(4);
  }

  @Test
  void run_toolThrowsOrUnknownToolOrBadInput_modelGetsErrorResultsAndLoopGoesOn() {
    Tool<City> failing =
        Tool.of(
            "weather",
            null,
            City.class,
            in -> {
              throw new IllegalStateException("station offline");
            });
    ScriptedClient client =
        new ScriptedClient()
            .answer(
                StopReason.TOOL_USE,
                call("a", "weather", "Paris"),
                call("b", "nope", "x"),
                new ToolUseBlock("c", "weather", JsonValue.of(Map.of("town", "x"))))
            .answer(StopReason.STOP, new TextBlock("Sorry"));

    ToolLoopResult r = ToolLoop.builder(client).tool(failing).build().run(ask());

    assertThat(r.text()).isEqualTo("Sorry");
    List<ContentBlock> results = client.requests.get(1).messages().get(2).content();
    assertThat(results).allMatch(b -> ((ToolResultBlock) b).error());
    assertThat(((ToolResultBlock) results.get(0)).content().get(0))
        .isEqualTo(new TextBlock("the tool failed: station offline"));
    assertThat(((TextBlock) ((ToolResultBlock) results.get(1)).content().get(0)).text())
        .contains("no tool named 'nope'");
    assertThat(((TextBlock) ((ToolResultBlock) results.get(2)).content().get(0)).text())
        .contains("schema")
        .contains("\"city\"");
  }

  @Test
  void run_modelKeepsAskingForTools_stopsAtStepLimit() {
    ScriptedClient client = new ScriptedClient();
    for (int i = 0; i < 5; i++) {
      client.answer(StopReason.TOOL_USE, call("t" + i, "weather", "Paris"));
    }
    ToolLoop loop =
        ToolLoop.builder(client)
            .tool(Tool.of("weather", null, City.class, in -> "sunny"))
            .maxSteps(3)
            .build();

    assertThatThrownBy(() -> loop.run(ask()))
        .isInstanceOf(StepLimitExceededException.class)
        .hasMessageContaining("3 steps")
        .satisfies(e -> assertThat(((StepLimitExceededException) e).steps()).isEqualTo(3));
    assertThat(client.requests).hasSize(3);
  }

  @Test
  void stream_toolStepThenAnswer_deliversToolCallTextAndOneCompletedWithSummedUsage() {
    ScriptedClient client =
        new ScriptedClient()
            .answer(StopReason.TOOL_USE, new TextBlock("Checking. "), call("a", "weather", "Paris"))
            .answer(StopReason.STOP, new TextBlock("Sunny."));
    ToolLoop loop =
        ToolLoop.builder(client).tool(Tool.of("weather", null, City.class, in -> "sunny")).build();

    List<GenerationEvent> events = new ArrayList<>();
    try (GenerationStream s = loop.stream(ask())) {
      s.forEach(events::add);
    }

    assertThat(events).filteredOn(GenerationEvent.ToolCall.class::isInstance).hasSize(1);
    assertThat(events).filteredOn(GenerationEvent.Completed.class::isInstance).hasSize(1);
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.usage()).isEqualTo(TokenUsage.of(20, 10));
    assertThat(done.content()).containsExactly(new TextBlock("Sunny."));
    String text =
        events.stream()
            .filter(GenerationEvent.TextDelta.class::isInstance)
            .map(e -> ((GenerationEvent.TextDelta) e).text())
            .reduce("", String::concat);
    assertThat(text).isEqualTo("Checking. Sunny.");
    assertThat(client.requests.get(1).messages().get(2).content().get(0))
        .isEqualTo(ToolResultBlock.ofText("a", "sunny"));
  }

  @Test
  void stream_stepLimit_endsStreamWithTheException() {
    ScriptedClient client =
        new ScriptedClient().answer(StopReason.TOOL_USE, call("a", "weather", "Paris"));
    ToolLoop loop =
        ToolLoop.builder(client)
            .tool(Tool.of("weather", null, City.class, in -> "sunny"))
            .maxSteps(1)
            .build();
    try (GenerationStream s = loop.stream(ask())) {
      assertThatThrownBy(s::text).isInstanceOf(StepLimitExceededException.class);
    }
  }
}
