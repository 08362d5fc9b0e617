package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Every text family through the real SDK: invoke and stream agree, usage and headers are there. */
class BedrockFamiliesTest {
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

  /** A family case: the request, and where its text sits in the response and in each chunk. */
  record Case(
      String modelId,
      String body,
      String streamBody,
      Function<JsonNode, String> text,
      Function<JsonNode, String> chunkText,
      Function<JsonNode, String> reason) {
    @Override
    public String toString() {
      return modelId;
    }
  }

  static Stream<Case> textFamilies() {
    return Stream.of(
        new Case(
            "amazon.titan-text-express-v1",
            "{\"inputText\":\"User: Explain serverless\\nBot:\",\"textGenerationConfig\":{\"maxTokenCount\":300,\"temperature\":0.5}}",
            null,
            r -> r.at("/results/0/outputText").asText(),
            c -> c.path("outputText").asText(""),
            r -> r.at("/results/0/completionReason").asText()),
        new Case(
            "us.amazon.nova-lite-v1:0",
            "{\"schemaVersion\":\"messages-v1\",\"system\":[{\"text\":\"Be brief\"}],\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Explain serverless\"}]}],\"inferenceConfig\":{\"max_new_tokens\":300}}",
            null,
            r -> r.at("/output/message/content/0/text").asText(),
            c -> c.at("/contentBlockDelta/delta/text").asText(""),
            r -> r.path("stopReason").asText()),
        new Case(
            "anthropic.claude-3-haiku-20240307-v1:0",
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":300,\"system\":\"Be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"Explain serverless\"}]}",
            null,
            r -> r.at("/content/0/text").asText(),
            c ->
                "content_block_delta".equals(c.path("type").asText())
                    ? c.at("/delta/text").asText()
                    : "",
            r -> r.path("stop_reason").asText()),
        new Case(
            "anthropic.claude-v2:1",
            "{\"prompt\":\"\\n\\nHuman: Explain serverless\\n\\nAssistant:\",\"max_tokens_to_sample\":300}",
            null,
            r -> r.path("completion").asText(),
            c -> c.path("completion").asText(""),
            r -> r.path("stop_reason").asText()),
        new Case(
            "meta.llama3-8b-instruct-v1:0",
            "{\"prompt\":\"Explain serverless\",\"max_gen_len\":300,\"temperature\":0.2}",
            null,
            r -> r.path("generation").asText(),
            c -> c.path("generation").asText(""),
            r -> r.path("stop_reason").asText()),
        new Case(
            "mistral.mistral-7b-instruct-v0:2",
            "{\"prompt\":\"<s>[INST] Explain serverless [/INST]\",\"max_tokens\":300,\"stop\":[\"</s>\"]}",
            null,
            r -> r.at("/outputs/0/text").asText(),
            c -> c.at("/outputs/0/text").asText(""),
            r -> r.at("/outputs/0/stop_reason").asText()),
        new Case(
            "mistral.mistral-large-2407-v1:0",
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\"Explain serverless\"}],\"max_tokens\":300}",
            null,
            r -> r.at("/choices/0/message/content").asText(),
            c -> c.at("/choices/0/message/content").asText(""),
            r -> r.at("/choices/0/stop_reason").asText()),
        new Case(
            "cohere.command-text-v14",
            "{\"prompt\":\"Explain serverless\",\"max_tokens\":300}",
            "{\"prompt\":\"Explain serverless\",\"max_tokens\":300,\"stream\":true}",
            r -> r.at("/generations/0/text").asText(),
            c -> c.path("text").asText(""),
            r -> r.at("/generations/0/finish_reason").asText()),
        new Case(
            "cohere.command-r-plus-v1:0",
            "{\"message\":\"Explain serverless\",\"chat_history\":[{\"role\":\"USER\",\"message\":\"Hi\"},{\"role\":\"CHATBOT\",\"message\":\"Hello\"}],\"max_tokens\":300}",
            null,
            r -> r.path("text").asText(),
            c ->
                "text-generation".equals(c.path("event_type").asText())
                    ? c.path("text").asText()
                    : "",
            r -> r.path("finish_reason").asText()),
        new Case(
            "ai21.jamba-1-5-mini-v1:0",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Explain serverless\"}],\"max_tokens\":300}",
            null,
            r -> r.at("/choices/0/message/content").asText(),
            c -> c.at("/choices/0/delta/content").asText(""),
            r -> r.at("/choices/0/finish_reason").asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFamilies")
  void invoke_validBody_returnsFamilyShapeWithUsageHeaders(Case c) {
    InvokeModelResponse r = Clients.invoke(client, c.modelId(), c.body());
    JsonNode body = Clients.json(r.body().asByteArray());

    assertThat(c.text().apply(body)).isNotBlank().matches("(?s).*\\w+.*");
    assertThat(c.reason().apply(body)).isNotBlank();
    assertThat(r.contentType()).isEqualTo("application/json");
    var headers = r.responseMetadata();
    assertThat(headers.requestId()).isNotBlank();
    var http = r.sdkHttpResponse();
    assertThat(http.firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count"))
        .get()
        .matches(v -> Integer.parseInt(v) > 0);
    assertThat(http.firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count"))
        .get()
        .matches(v -> Integer.parseInt(v) > 0);
    assertThat(http.firstMatchingHeader("X-Amzn-Bedrock-Invocation-Latency")).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFamilies")
  void stream_validBody_sameTextAsInvokeInSeveralChunksWithMetrics(Case c) {
    String expected =
        c.text()
            .apply(
                Clients.json(Clients.invoke(client, c.modelId(), c.body()).body().asByteArray()));

    Clients.StreamResult s =
        Clients.stream(async, c.modelId(), c.streamBody() == null ? c.body() : c.streamBody());

    assertThat(s.error()).isNull();
    assertThat(s.chunks()).hasSizeGreaterThan(3);
    StringBuilder text = new StringBuilder();
    s.chunks().forEach(ch -> text.append(c.chunkText().apply(ch)));
    assertThat(text.toString()).isEqualTo(expected);
    JsonNode metrics =
        s.chunks().get(s.chunks().size() - 1).path("amazon-bedrock-invocationMetrics");
    assertThat(metrics.path("inputTokenCount").asInt()).isPositive();
    assertThat(metrics.path("outputTokenCount").asInt()).isPositive();
    assertThat(metrics.has("invocationLatency")).isTrue();
    assertThat(metrics.has("firstByteLatency")).isTrue();
    s.chunks()
        .subList(0, s.chunks().size() - 1)
        .forEach(ch -> assertThat(ch.has("amazon-bedrock-invocationMetrics")).isFalse());
  }

  @Test
  void invoke_ai21J2_returnsCompletionsWithTokens() {
    JsonNode body =
        Clients.json(
            Clients.invoke(
                    client,
                    "ai21.j2-ultra-v1",
                    "{\"prompt\":\"Explain serverless\",\"maxTokens\":5,\"temperature\":0.7}")
                .body()
                .asByteArray());

    assertThat(body.at("/completions/0/data/text").asText()).isNotBlank();
    assertThat(body.at("/completions/0/data/tokens")).hasSize(5);
    assertThat(body.at("/completions/0/finishReason/reason").asText()).isEqualTo("length");
    assertThat(body.at("/completions/0/finishReason/length").asInt()).isEqualTo(5);
    assertThat(body.at("/prompt/tokens")).hasSize(2);
  }

  @Test
  void stream_ai21J2_rejectedAsUnsupported() {
    Clients.StreamResult s = Clients.stream(async, "ai21.j2-mid-v1", "{\"prompt\":\"hi\"}");

    assertThat(s.error())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("The model is unsupported for streaming.");
  }

  @Test
  void invoke_sameRequestTwice_sameText() {
    String body = "{\"prompt\":\"Deterministic?\",\"max_gen_len\":400}";
    String a = Clients.invoke(client, "meta.llama3-70b-instruct-v1:0", body).body().asUtf8String();
    String b = Clients.invoke(client, "meta.llama3-70b-instruct-v1:0", body).body().asUtf8String();
    String other =
        Clients.invoke(
                client,
                "meta.llama3-70b-instruct-v1:0",
                "{\"prompt\":\"Something else\",\"max_gen_len\":400}")
            .body()
            .asUtf8String();

    assertThat(a).isEqualTo(b).isNotEqualTo(other);
    assertThat(Clients.json(a).path("stop_reason").asText()).isEqualTo("stop");
  }

  @Test
  void invoke_maxTokensReached_lengthStopReasonAndExactCount() {
    InvokeModelResponse r =
        Clients.invoke(
            client,
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Write an essay\"}]}");
    JsonNode body = Clients.json(r.body().asByteArray());

    assertThat(body.path("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(5);
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(3);
    assertThat(body.at("/content/0/text").asText().split(" ")).hasSize(5);
    assertThat(r.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count"))
        .hasValue("5");
  }

  @Test
  void invoke_stopSequenceInOutput_cutBeforeItWithStopSequenceReason() {
    String base =
        "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me more\"}]%s}";
    String full =
        Clients.json(
                Clients.invoke(
                        client, "anthropic.claude-3-haiku-20240307-v1:0", String.format(base, ""))
                    .body()
                    .asByteArray())
            .at("/content/0/text")
            .asText();
    String[] words = full.split(" ");
    String stop = " " + words[words.length / 2];

    JsonNode cut =
        Clients.json(
            Clients.invoke(
                    client,
                    "anthropic.claude-3-haiku-20240307-v1:0",
                    String.format(base, ",\"stop_sequences\":[\"" + stop + "\"]"))
                .body()
                .asByteArray());

    assertThat(cut.path("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(cut.path("stop_sequence").asText()).isEqualTo(stop);
    assertThat(cut.at("/content/0/text").asText()).isEqualTo(full.substring(0, full.indexOf(stop)));
  }

  @Test
  void stream_cohereWithoutStreamFlag_wholeResponseAsOneChunk() {
    Clients.StreamResult s =
        Clients.stream(
            async, "cohere.command-light-text-v14", "{\"prompt\":\"Explain\",\"max_tokens\":50}");

    assertThat(s.error()).isNull();
    assertThat(s.chunks()).hasSize(1);
    assertThat(s.chunks().get(0).at("/generations/0/text").asText()).isNotBlank();
    assertThat(s.chunks().get(0).has("amazon-bedrock-invocationMetrics")).isTrue();
  }

  @Test
  void stream_cohereMultipleGenerations_indexedChunks() {
    Clients.StreamResult s =
        Clients.stream(
            async,
            "cohere.command-text-v14",
            "{\"prompt\":\"Explain\",\"max_tokens\":50,\"stream\":true,\"num_generations\":2}");

    assertThat(s.error()).isNull();
    assertThat(s.chunks().stream().filter(c -> c.path("index").asInt(-1) == 1)).isNotEmpty();
    assertThat(s.chunks().get(s.chunks().size() - 1).path("is_finished").asBoolean()).isTrue();
  }

  @Test
  void invoke_edgeCaseStyle_outputContainsMultiByteCharacters_roundTripsAsUtf8() {
    BEDROCK.emulator().textStyle(TextStyle.EDGE_CASES);
    List<String> texts =
        Stream.of("a", "b", "c")
            .map(
                p ->
                    Clients.json(
                            Clients.invoke(
                                    client,
                                    "meta.llama3-8b-instruct-v1:0",
                                    "{\"prompt\":\"" + p + "\"}")
                                .body()
                                .asByteArray())
                        .path("generation")
                        .asText())
            .toList();

    BEDROCK.emulator().textStyle(TextStyle.PROSE);

    assertThat(texts).allSatisfy(t -> assertThat(t.chars().anyMatch(ch -> ch > 127)).isTrue());
  }

  @Test
  void invoke_cohereReturnLikelihoodsGeneration_oneLikelihoodPerOutputToken() {
    JsonNode g =
        Clients.json(
                Clients.invoke(
                        client,
                        "cohere.command-text-v14",
                        "{\"prompt\":\"Explain serverless\",\"max_tokens\":30,\"return_likelihoods\":\"GENERATION\"}")
                    .body()
                    .asByteArray())
            .at("/generations/0");

    JsonNode tokens = g.get("token_likelihoods");
    StringBuilder joined = new StringBuilder();
    tokens.forEach(t -> joined.append(t.get("token").asText()));
    assertThat(joined.toString()).isEqualTo(g.get("text").asText());
    assertThat(tokens).allSatisfy(t -> assertThat(t.get("likelihood").asDouble()).isNegative());
    assertThat(g.get("likelihood").asDouble()).isNegative();
  }

  @Test
  void invoke_cohereReturnLikelihoodsAll_promptTokensFirstWithoutFirstLikelihood() {
    JsonNode g =
        Clients.json(
                Clients.invoke(
                        client,
                        "cohere.command-text-v14",
                        "{\"prompt\":\"Explain serverless\",\"max_tokens\":30,\"return_likelihoods\":\"ALL\"}")
                    .body()
                    .asByteArray())
            .at("/generations/0");

    JsonNode tokens = g.get("token_likelihoods");
    assertThat(tokens.get(0).get("token").asText()).isEqualTo("Explain");
    assertThat(tokens.get(0).has("likelihood")).isFalse();
    assertThat(tokens.get(1).get("token").asText()).isEqualTo(" serverless");
    assertThat(tokens.get(1).get("likelihood").isNumber()).isTrue();
  }

  @Test
  void invoke_cohereWithoutReturnLikelihoods_noLikelihoodFields() {
    JsonNode g =
        Clients.json(
                Clients.invoke(
                        client,
                        "cohere.command-text-v14",
                        "{\"prompt\":\"Explain serverless\",\"max_tokens\":30}")
                    .body()
                    .asByteArray())
            .at("/generations/0");

    assertThat(g.has("token_likelihoods")).isFalse();
    assertThat(g.has("likelihood")).isFalse();
  }
}
