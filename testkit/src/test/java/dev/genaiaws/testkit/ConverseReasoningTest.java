package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Reasoning blocks (Claude extended thinking) on Converse and ConverseStream through the raw SDK:
 * signed reasoning, verified on the way back, across a tool turn, streamed with signature deltas.
 */
class ConverseReasoningTest {
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

  static Document thinking(int budget) {
    return Document.fromMap(
        Map.of(
            "thinking",
            Document.fromMap(
                Map.of(
                    "type",
                    Document.fromString("enabled"),
                    "budget_tokens",
                    Document.fromNumber(budget)))));
  }

  static ConverseRequest ask(ToolChoice choice, Message... messages) {
    return ConverseRequest.builder()
        .modelId(SONNET_37)
        .messages(messages)
        .toolConfig(ConverseToolsTest.tools(choice))
        .inferenceConfig(c -> c.maxTokens(4000))
        .additionalModelRequestFields(thinking(2048))
        .build();
  }

  static ReasoningTextBlock reasoning(ConverseResponse r) {
    return r.output().message().content().get(0).reasoningContent().reasoningText();
  }

  @Test
  void converse_thinkingEnabled_signedReasoningFirstAndCountedInOutput() {
    ConverseResponse r = client.converse(ask(null, ConverseToolsTest.user("Explain caching.")));

    ReasoningTextBlock thought = reasoning(r);
    assertThat(thought.text()).isNotBlank();
    assertThat(thought.signature()).isNotBlank();
    String answer = r.output().message().content().get(1).text();
    assertThat(answer).isNotBlank().isNotEqualTo(thought.text());
    assertThat(r.usage().outputTokens()).isGreaterThan(answer.split("\\s+").length);
  }

  @Test
  void converse_thinkingNotRequested_noReasoning() {
    ConverseResponse r =
        client.converse(
            ask(null, ConverseToolsTest.user("Explain caching.")).toBuilder()
                .additionalModelRequestFields((Document) null)
                .build());

    assertThat(r.output().message().content().get(0).text()).isNotBlank();
  }

  @Test
  void converse_reasoningReplayedUnchangedAcrossToolTurn_accepted() {
    Message question = ConverseToolsTest.user("get_weather city=Oslo");
    ConverseResponse first = client.converse(ask(null, question));
    List<ToolUseBlock> uses = ConverseToolsTest.toolUses(first);

    ConverseResponse second =
        client.converse(
            ask(null, question, first.output().message(), ConverseToolsTest.results(uses, "cold")));

    assertThat(first.output().message().content().get(0).reasoningContent()).isNotNull();
    assertThat(uses).hasSize(1);
    assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(second.output().message().content().get(0).text()).isNotBlank();
  }

  static Message withReasoning(Message assistant, String text, String signature) {
    List<ContentBlock> content = new ArrayList<>(assistant.content());
    content.set(
        0,
        ContentBlock.fromReasoningContent(
            ReasoningContentBlock.fromReasoningText(
                ReasoningTextBlock.builder().text(text).signature(signature).build())));
    return assistant.toBuilder().content(content).build();
  }

  @Test
  void converse_reasoningTextChanged_rejectedAsInvalidSignature() {
    Message question = ConverseToolsTest.user("get_weather city=Oslo");
    ConverseResponse first = client.converse(ask(null, question));
    ReasoningTextBlock thought = reasoning(first);
    Message tampered =
        withReasoning(first.output().message(), thought.text() + " (edited)", thought.signature());

    assertThatThrownBy(
            () ->
                client.converse(
                    ask(
                        null,
                        question,
                        tampered,
                        ConverseToolsTest.results(ConverseToolsTest.toolUses(first), "cold"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "The model returned the following errors: messages.1.content.0: Invalid `signature` "
                + "in `thinking` block");
  }

  @Test
  void converse_signatureChanged_rejected() {
    Message question = ConverseToolsTest.user("get_weather city=Oslo");
    ConverseResponse first = client.converse(ask(null, question));
    ReasoningTextBlock thought = reasoning(first);
    String sig = thought.signature();
    Message tampered =
        withReasoning(
            first.output().message(),
            thought.text(),
            (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));

    assertThatThrownBy(
            () ->
                client.converse(
                    ask(
                        null,
                        question,
                        tampered,
                        ConverseToolsTest.results(ConverseToolsTest.toolUses(first), "cold"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Invalid `signature` in `thinking` block");
  }

  @Test
  void converse_signatureMissing_rejectedAsFieldRequired() {
    Message question = ConverseToolsTest.user("get_weather city=Oslo");
    ConverseResponse first = client.converse(ask(null, question));
    Message unsigned = withReasoning(first.output().message(), reasoning(first).text(), null);

    assertThatThrownBy(
            () ->
                client.converse(
                    ask(
                        null,
                        question,
                        unsigned,
                        ConverseToolsTest.results(ConverseToolsTest.toolUses(first), "cold"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("messages.1.content.0.thinking.signature: Field required");
  }

  @Test
  void converse_reasoningDroppedBeforeToolResult_rejected() {
    Message question = ConverseToolsTest.user("get_weather city=Oslo");
    ConverseResponse first = client.converse(ask(null, question));
    Message dropped =
        first.output().message().toBuilder()
            .content(
                first
                    .output()
                    .message()
                    .content()
                    .subList(1, first.output().message().content().size()))
            .build();

    assertThatThrownBy(
            () ->
                client.converse(
                    ask(
                        null,
                        question,
                        dropped,
                        ConverseToolsTest.results(ConverseToolsTest.toolUses(first), "cold"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Expected `thinking` or `redacted_thinking`, but found `text`");
  }

  @Test
  void converse_thinkingWithForcedToolChoice_rejected() {
    assertThatThrownBy(
            () -> client.converse(ask(ToolChoice.fromAny(a -> {}), ConverseToolsTest.user("hi"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Thinking may not be enabled when tool_choice forces tool use.");
  }

  @Test
  void converse_budgetBelowMinimum_rejected() {
    assertThatThrownBy(
            () ->
                client.converse(
                    ask(null, ConverseToolsTest.user("hi")).toBuilder()
                        .additionalModelRequestFields(thinking(500))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("greater than or equal to 1024");
  }

  @Test
  void converse_magicString_redactedReasoningThatRoundTrips() {
    Message question =
        ConverseToolsTest.user(
            "get_weather ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_"
                + "46C9A13E193C177646C7398A98432ECCCE4C1253");
    ConverseResponse first = client.converse(ask(null, question));
    SdkBytes redacted =
        first.output().message().content().get(0).reasoningContent().redactedContent();

    ConverseResponse second =
        client.converse(
            ask(
                null,
                question,
                first.output().message(),
                ConverseToolsTest.results(ConverseToolsTest.toolUses(first), "cold")));
    List<ContentBlock> forged = new ArrayList<>(first.output().message().content());
    forged.set(
        0,
        ContentBlock.fromReasoningContent(
            ReasoningContentBlock.fromRedactedContent(SdkBytes.fromUtf8String("forged"))));

    assertThat(redacted.asByteArray()).isNotEmpty();
    assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThatThrownBy(
            () ->
                client.converse(
                    ask(
                        null,
                        question,
                        first.output().message().toBuilder().content(forged).build(),
                        ConverseToolsTest.results(ConverseToolsTest.toolUses(first), "cold"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("redacted_thinking");
  }

  // ---- streaming ----------------------------------------------------------------------------

  record Streamed(
      List<String> kinds,
      StringBuilder reasoning,
      List<String> signatures,
      StringBuilder toolInput,
      List<ContentBlockStartEvent> starts,
      List<ContentBlockDeltaEvent> deltas,
      StopReason[] stop,
      Throwable error) {}

  static Streamed stream(ConverseRequest r) {
    List<String> kinds = Collections.synchronizedList(new ArrayList<>());
    StringBuilder reasoning = new StringBuilder();
    List<String> signatures = Collections.synchronizedList(new ArrayList<>());
    StringBuilder toolInput = new StringBuilder();
    List<ContentBlockStartEvent> starts = Collections.synchronizedList(new ArrayList<>());
    List<ContentBlockDeltaEvent> deltas = Collections.synchronizedList(new ArrayList<>());
    StopReason[] stop = new StopReason[1];
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onMessageStart(e -> kinds.add("messageStart"))
                    .onContentBlockStart(
                        e -> {
                          kinds.add("contentBlockStart");
                          starts.add(e);
                        })
                    .onContentBlockDelta(
                        e -> {
                          kinds.add("contentBlockDelta");
                          deltas.add(e);
                          synchronized (reasoning) {
                            if (e.delta().reasoningContent() != null) {
                              if (e.delta().reasoningContent().text() != null) {
                                reasoning.append(e.delta().reasoningContent().text());
                              }
                              if (e.delta().reasoningContent().signature() != null) {
                                signatures.add(e.delta().reasoningContent().signature());
                              }
                            }
                            if (e.delta().toolUse() != null) {
                              toolInput.append(e.delta().toolUse().input());
                            }
                          }
                        })
                    .onContentBlockStop(e -> kinds.add("contentBlockStop"))
                    .onMessageStop(
                        e -> {
                          kinds.add("messageStop");
                          stop[0] = e.stopReason();
                        })
                    .onMetadata(e -> kinds.add("metadata"))
                    .build())
            .build();
    CompletableFuture<Void> f =
        async.converseStream(
            ConverseStreamRequest.builder()
                .modelId(r.modelId())
                .messages(r.messages())
                .toolConfig(r.toolConfig())
                .inferenceConfig(r.inferenceConfig())
                .additionalModelRequestFields(r.additionalModelRequestFields())
                .build(),
            handler);
    Throwable error = Clients.await(f);
    synchronized (reasoning) {
      return new Streamed(
          List.copyOf(kinds),
          reasoning,
          List.copyOf(signatures),
          toolInput,
          List.copyOf(starts),
          List.copyOf(deltas),
          stop,
          error);
    }
  }

  @Test
  void converseStream_reasoningAndToolCall_sameBlocksAsConverseWithSignatureOnlyDelta() {
    ConverseRequest req = ask(null, ConverseToolsTest.user("get_weather city=Oslo unit=celsius"));
    ConverseResponse whole = client.converse(req);

    Streamed s = stream(req);

    assertThat(s.error()).isNull();
    assertThat(s.reasoning().toString()).isEqualTo(reasoning(whole).text());
    assertThat(s.signatures()).containsExactly(reasoning(whole).signature());
    ContentBlockDeltaEvent sigDelta =
        s.deltas().stream()
            .filter(
                d ->
                    d.delta().reasoningContent() != null
                        && d.delta().reasoningContent().signature() != null)
            .findFirst()
            .orElseThrow();
    assertThat(sigDelta.delta().reasoningContent().text()).isNull();
    ToolUseBlock use = ConverseToolsTest.toolUses(whole).get(0);
    assertThat(s.starts()).hasSize(1);
    assertThat(s.starts().get(0).start().toolUse().toolUseId()).isEqualTo(use.toolUseId());
    assertThat(s.starts().get(0).start().toolUse().name()).isEqualTo("get_weather");
    assertThat(s.starts().get(0).contentBlockIndex())
        .isEqualTo(
            whole
                .output()
                .message()
                .content()
                .indexOf(
                    whole.output().message().content().stream()
                        .filter(c -> c.toolUse() != null)
                        .findFirst()
                        .orElseThrow()));
    assertThat(Clients.json(s.toolInput().toString()).toString())
        .isEqualTo(Clients.tree(use.input()).toString());
    long fragments = s.deltas().stream().filter(d -> d.delta().toolUse() != null).count();
    assertThat(fragments).isGreaterThan(2);
    assertThat(s.stop()[0]).isEqualTo(StopReason.TOOL_USE);
    assertThat(s.kinds().get(0)).isEqualTo("messageStart");
    assertThat(s.kinds().subList(s.kinds().size() - 2, s.kinds().size()))
        .containsExactly("messageStop", "metadata");
  }

  @Test
  void converseStream_tamperedReasoning_rejectedBeforeTheStream() {
    Message question = ConverseToolsTest.user("get_weather city=Oslo");
    ConverseResponse first = client.converse(ask(null, question));
    ReasoningTextBlock thought = reasoning(first);
    Message tampered =
        withReasoning(first.output().message(), thought.text() + "!", thought.signature());

    Streamed s =
        stream(
            ask(
                null,
                question,
                tampered,
                ConverseToolsTest.results(ConverseToolsTest.toolUses(first), "cold")));

    assertThat(s.error())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Invalid `signature` in `thinking` block");
    assertThat(s.kinds()).isEmpty();
  }
}
