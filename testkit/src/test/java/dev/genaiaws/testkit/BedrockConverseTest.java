package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Converse and ConverseStream through the real SDK. */
class BedrockConverseTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
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

  static Message user(String text) {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(ContentBlock.fromText(text))
        .build();
  }

  static ConverseRequest request(String modelId, Integer maxTokens) {
    return ConverseRequest.builder()
        .modelId(modelId)
        .system(SystemContentBlock.fromText("You write short blogs."))
        .messages(user("Write about serverless GenAI"))
        .inferenceConfig(c -> c.maxTokens(maxTokens).temperature(0.5f))
        .build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "anthropic.claude-3-haiku-20240307-v1:0",
        "us.amazon.nova-pro-v1:0",
        "meta.llama3-1-70b-instruct-v1:0",
        "mistral.mistral-large-2407-v1:0",
        "cohere.command-r-v1:0",
        "amazon.titan-text-premier-v1:0",
        "ai21.jamba-1-5-large-v1:0"
      })
  void converse_textModel_textStopReasonUsageAndMetrics(String modelId) {
    ConverseResponse r = client.converse(request(modelId, 400));

    assertThat(r.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
    assertThat(r.output().message().content().get(0).text()).isNotBlank();
    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.usage().totalTokens())
        .isEqualTo(r.usage().inputTokens() + r.usage().outputTokens());
    assertThat(r.metrics().latencyMs()).isNotNull();
    assertThat(r.responseMetadata().requestId()).isNotBlank();
  }

  @Test
  void converse_maxTokensReached_maxTokensStopReason() {
    ConverseResponse r = client.converse(request("anthropic.claude-3-haiku-20240307-v1:0", 4));

    assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(r.usage().outputTokens()).isEqualTo(4);
  }

  @Test
  void converse_firstMessageFromAssistant_validationException() {
    ConverseRequest bad =
        ConverseRequest.builder()
            .modelId("anthropic.claude-3-haiku-20240307-v1:0")
            .messages(
                Message.builder()
                    .role(ConversationRole.ASSISTANT)
                    .content(ContentBlock.fromText("hi"))
                    .build())
            .build();

    assertThatThrownBy(() -> client.converse(bad))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("A conversation must start with a user message");
  }

  @Test
  void converse_temperatureOutOfRange_constraintMessage() {
    ConverseRequest bad =
        request("anthropic.claude-3-haiku-20240307-v1:0", 10).toBuilder()
            .inferenceConfig(c -> c.temperature(1.7f))
            .build();

    assertThatThrownBy(() -> client.converse(bad))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("1 validation error detected")
        .hasMessageContaining("'inferenceConfig.temperature' failed to satisfy constraint");
  }

  @Test
  void converse_embeddingModel_notSupported() {
    assertThatThrownBy(() -> client.converse(request("amazon.titan-embed-text-v2:0", 10)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("doesn't support the model");
  }

  record Events(
      List<String> types, String text, StopReason stop, Integer outputTokens, Throwable error) {}

  static Events converseStream(ConverseStreamRequest req) {
    List<String> types = Collections.synchronizedList(new ArrayList<>());
    StringBuilder text = new StringBuilder();
    StopReason[] stop = new StopReason[1];
    Integer[] out = new Integer[1];
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onMessageStart(e -> types.add("messageStart"))
                    .onContentBlockDelta(
                        e -> {
                          types.add("contentBlockDelta");
                          synchronized (text) {
                            text.append(e.delta().text());
                          }
                        })
                    .onContentBlockStop(e -> types.add("contentBlockStop"))
                    .onMessageStop(
                        e -> {
                          types.add("messageStop");
                          stop[0] = e.stopReason();
                        })
                    .onMetadata(
                        e -> {
                          types.add("metadata");
                          out[0] = e.usage().outputTokens();
                        })
                    .build())
            .build();
    CompletableFuture<Void> f = async.converseStream(req, handler);
    Throwable error = Clients.await(f);
    synchronized (text) {
      return new Events(List.copyOf(types), text.toString(), stop[0], out[0], error);
    }
  }

  @Test
  void converseStream_textModel_eventsInOrderSameTextAsConverse() {
    ConverseRequest plain = request("us.anthropic.claude-3-5-haiku-20241022-v1:0", 400);
    String expected = client.converse(plain).output().message().content().get(0).text();

    Events e =
        converseStream(
            ConverseStreamRequest.builder()
                .modelId(plain.modelId())
                .system(plain.system())
                .messages(plain.messages())
                .inferenceConfig(plain.inferenceConfig())
                .build());

    assertThat(e.error()).isNull();
    assertThat(e.types().get(0)).isEqualTo("messageStart");
    assertThat(e.types()).contains("contentBlockDelta", "contentBlockStop");
    assertThat(e.types().subList(e.types().size() - 2, e.types().size()))
        .containsExactly("messageStop", "metadata");
    assertThat(e.types().stream().filter("contentBlockDelta"::equals).count()).isGreaterThan(2);
    assertThat(e.text()).isEqualTo(expected);
    assertThat(e.stop()).isEqualTo(StopReason.END_TURN);
    assertThat(e.outputTokens()).isPositive();
  }

  @Test
  void converseStream_throttlingAfterThreeEvents_threeEventsThenException() {
    BEDROCK.emulator().enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 3));
    ConverseRequest plain = request("anthropic.claude-3-haiku-20240307-v1:0", 400);

    Events e =
        converseStream(
            ConverseStreamRequest.builder()
                .modelId(plain.modelId())
                .messages(plain.messages())
                .build());

    assertThat(e.types()).hasSize(3);
    assertThat(e.error()).isInstanceOf(ThrottlingException.class);
  }

  @Test
  void converseStream_cannedEvents_deliveredAsScripted() {
    BEDROCK
        .emulator()
        .enqueueResponse(
            "anthropic.claude-3-haiku-20240307-v1:0",
            "[{\"messageStart\":{\"role\":\"assistant\"}},"
                + "{\"contentBlockDelta\":{\"delta\":{\"text\":\"scripted\"},\"contentBlockIndex\":0}},"
                + "{\"messageStop\":{\"stopReason\":\"end_turn\"}}]");
    ConverseRequest plain = request("anthropic.claude-3-haiku-20240307-v1:0", 400);

    Events e =
        converseStream(
            ConverseStreamRequest.builder()
                .modelId(plain.modelId())
                .messages(plain.messages())
                .build());

    assertThat(e.error()).isNull();
    assertThat(e.types()).containsExactly("messageStart", "contentBlockDelta", "messageStop");
    assertThat(e.text()).isEqualTo("scripted");
  }
}
