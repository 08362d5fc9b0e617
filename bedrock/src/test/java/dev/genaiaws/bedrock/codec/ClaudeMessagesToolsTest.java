package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.DocumentBlock;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.Reasoning;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.ToolUseBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claude Messages on InvokeModel with tools and thinking, against recorded Anthropic Messages
 * traffic (see {@code codec/anthropic.claude-messages/tools/SOURCE.md}): the next turn we write
 * must match what was sent.
 */
class ClaudeMessagesToolsTest {
  private static final String DIR = "anthropic.claude-messages";
  private static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
  private final ClaudeMessagesCodec codec = new ClaudeMessagesCodec();

  private static JsonNode parse(byte[] body) {
    try {
      return CodecJson.parse(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode golden(String file) {
    return Golden.json(DIR, "tools/" + file);
  }

  @Test
  void toolTurn_recordedAnswerDecodedAndNextTurnEncodedAsRecorded() {
    JsonNode next = golden("tools-2.request.json");
    ToolSpec countrySource =
        new ToolSpec(
            "country_source",
            "",
            JsonValue.parse(next.at("/tools/0/input_schema").toString()),
            true);
    ToolSpec capitalLookup =
        new ToolSpec(
            "capital_lookup",
            "",
            JsonValue.parse(next.at("/tools/1/input_schema").toString()),
            false);
    GenerationRequest first =
        GenerationRequest.builder()
            .modelId(SONNET)
            .system(next.get("system").asText())
            .user(next.at("/messages/0/content/0/text").asText())
            .toolConfig(ToolConfig.of(countrySource, capitalLookup))
            .build();
    assertThat(codec.canExpress(first)).isTrue();

    GenerationResponse answer = codec.decode(Golden.bytes(DIR, "tools/tools-1.response.json"));
    assertThat(answer.stopReason()).isEqualTo(StopReason.TOOL_USE);
    ToolUseBlock call = answer.toolUses().get(0);
    assertThat(call.name()).isEqualTo("country_source");
    assertThat(call.input()).isEqualTo(JsonValue.emptyObject());

    GenerationRequest second =
        first.toBuilder()
            .message(answer.message())
            .message(Message.toolResults(List.of(ToolResultBlock.ofText(call.id(), "Japan"))))
            .build();
    JsonNode sent = parse(codec.encode(second, SONNET));

    assertThat(sent.get("messages")).isEqualTo(next.get("messages"));
    assertThat(sent.get("tools")).isEqualTo(next.get("tools"));
    assertThat(sent.get("system")).isEqualTo(next.get("system"));
    assertThat(sent.get("anthropic_version").asText())
        .isEqualTo(ClaudeMessagesCodec.ANTHROPIC_VERSION);
  }

  @Test
  void thinking_recordedAnswerRoundTripsSignatureUnmodified() {
    JsonNode next = golden("thinking-2.request.json");
    GenerationRequest first =
        GenerationRequest.builder()
            .modelId(SONNET)
            .user(next.at("/messages/0/content/0/text").asText())
            .reasoning(Reasoning.budget(1024))
            .build();
    JsonNode firstSent = parse(codec.encode(first, SONNET));
    assertThat(firstSent.get("thinking")).isEqualTo(next.get("thinking"));

    GenerationResponse answer = codec.decode(Golden.bytes(DIR, "tools/thinking-1.response.json"));
    assertThat(answer.content().get(0)).isInstanceOf(ReasoningBlock.class);
    assertThat(answer.reasoning().get(0).signature()).startsWith("Eq8CCkYICxgC");

    GenerationRequest second =
        first.toBuilder()
            .message(answer.message())
            .user(next.at("/messages/2/content/0/text").asText())
            .build();
    JsonNode sent = parse(codec.encode(second, SONNET));
    assertThat(sent.get("messages")).isEqualTo(next.get("messages"));
  }

  @Test
  void stream_recordedThinking_signatureDeltaAssembledOnItsBlock() {
    List<GenerationEvent> events =
        Golden.decode(codec.newStreamDecoder(), Golden.chunks(DIR, "tools/thinking.stream.jsonl"));
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.content()).hasSize(2);
    ReasoningBlock thought = (ReasoningBlock) done.content().get(0);
    assertThat(thought.signature()).isNotBlank();
    String reasoning =
        events.stream()
            .filter(GenerationEvent.ReasoningDelta.class::isInstance)
            .map(e -> ((GenerationEvent.ReasoningDelta) e).text())
            .filter(t -> t != null)
            .reduce("", String::concat);
    assertThat(thought.text()).isEqualTo(reasoning).isNotBlank();
    assertThat(events)
        .anyMatch(
            e ->
                e instanceof GenerationEvent.ReasoningDelta d
                    && d.signature() != null
                    && d.text() == null);
    assertThat(((TextBlock) done.content().get(1)).text()).isEqualTo(Golden.text(events));
    assertThat(done.stopReason()).isEqualTo(StopReason.STOP);
  }

  @Test
  void stream_toolInputFragments_assembledIntoOneToolCall() {
    // recorded with a server-side tool search before the tool call: server blocks are not the
    // caller's
    List<byte[]> chunks = Golden.chunks(DIR, "tools/tool-use.stream.jsonl");
    List<GenerationEvent> events = Golden.decode(codec.newStreamDecoder(), chunks);
    List<GenerationEvent.ToolCall> calls =
        events.stream()
            .filter(GenerationEvent.ToolCall.class::isInstance)
            .map(GenerationEvent.ToolCall.class::cast)
            .toList();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).toolUse().name()).isEqualTo("get_exchange_rate");
    assertThat(calls.get(0).toolUse().input())
        .isEqualTo(JsonValue.parse("{\"from_currency\": \"USD\", \"to_currency\": \"EUR\"}"));
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(done.content()).last().isEqualTo(calls.get(0).toolUse());
  }

  @Test
  void canExpress_documentsOrResponseFormat_leftToConverse() {
    GenerationRequest doc =
        GenerationRequest.builder()
            .modelId(SONNET)
            .user(DocumentBlock.ofText("n", "t"), new TextBlock("q"))
            .build();
    assertThat(codec.canExpress(doc)).isFalse();
    GenerationRequest effort =
        GenerationRequest.builder()
            .modelId(SONNET)
            .user("q")
            .reasoning(Reasoning.effort(Reasoning.Effort.HIGH))
            .build();
    assertThat(codec.canExpress(effort)).isFalse();
    List<ContentBlock> none = List.of();
    assertThat(none).isEmpty();
  }
}
