package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Bodies that break a family's schema or rules are 400 ValidationException in the service's words.
 */
class BedrockValidationTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static BedrockRuntimeClient client;
  static BedrockRuntimeAsyncClient async;

  static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

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

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of(
            "missing required key",
            CLAUDE,
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again."),
        Arguments.of(
            "unknown key",
            "meta.llama3-8b-instruct-v1:0",
            "{\"prompt\":\"hi\",\"foo\":1}",
            "Malformed input request: #: extraneous key [foo] is not permitted, please reformat your input and try again."),
        Arguments.of(
            "above maximum",
            CLAUDE,
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"temperature\":1.7,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "#/temperature: 1.7 is not less or equal to 1.0"),
        Arguments.of(
            "below minimum",
            "mistral.mistral-7b-instruct-v0:2",
            "{\"prompt\":\"hi\",\"top_k\":-1}",
            "#/top_k: -1 is not greater or equal to 0"),
        Arguments.of(
            "wrong type",
            "amazon.titan-text-lite-v1",
            "{\"inputText\":\"hi\",\"textGenerationConfig\":{\"maxTokenCount\":\"many\"}}",
            "#/textGenerationConfig/maxTokenCount: expected type: Integer, found: String"),
        Arguments.of(
            "model-specific limit",
            "amazon.titan-text-lite-v1",
            "{\"inputText\":\"hi\",\"textGenerationConfig\":{\"maxTokenCount\":5000}}",
            "#/textGenerationConfig/maxTokenCount: 5000 is not less or equal to 4096"),
        Arguments.of(
            "titan stop sequence pattern",
            "amazon.titan-text-express-v1",
            "{\"inputText\":\"hi\",\"textGenerationConfig\":{\"stopSequences\":[\"END\"]}}",
            "#/textGenerationConfig/stopSequences/0: string [END] does not match pattern ^(\\|+|User:)$"),
        Arguments.of(
            "titan one stop sequence",
            "amazon.titan-text-express-v1",
            "{\"inputText\":\"hi\",\"textGenerationConfig\":{\"stopSequences\":[\"|\",\"User:\"]}}",
            "expected maximum item count: 1, found: 2"),
        Arguments.of(
            "bad enum",
            CLAUDE,
            "{\"anthropic_version\":\"2023-06-01\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "#/anthropic_version: 2023-06-01 is not a valid enum value"),
        Arguments.of(
            "claude first role",
            CLAUDE,
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\"}]}",
            "messages: first message must use the \"user\" role"),
        Arguments.of(
            "claude alternation",
            CLAUDE,
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}]}",
            "roles must alternate between \"user\" and \"assistant\""),
        Arguments.of(
            "claude text prompt format",
            "anthropic.claude-v2",
            "{\"prompt\":\"hello\",\"max_tokens_to_sample\":10}",
            "prompt must start with \"\\n\\nHuman:\" turn"),
        Arguments.of(
            "cohere stream flag on invoke",
            "cohere.command-text-v14",
            "{\"prompt\":\"hi\",\"stream\":true}",
            "only supported on InvokeModelWithResponseStream"),
        Arguments.of(
            "nova alternation",
            "amazon.nova-micro-v1:0",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]},{\"role\":\"user\",\"content\":[{\"text\":\"b\"}]}]}",
            "A conversation must alternate between user and assistant roles"),
        Arguments.of(
            "titan v2 dimensions",
            "amazon.titan-embed-text-v2:0",
            "{\"inputText\":\"hi\",\"dimensions\":300}",
            "#/dimensions: 300 is not a valid enum value"),
        Arguments.of(
            "not an object",
            "meta.llama3-8b-instruct-v1:0",
            "[1,2]",
            "#: expected type: JSONObject, found: JSONArray"),
        Arguments.of(
            "not JSON", "meta.llama3-8b-instruct-v1:0", "prompt=hi", "Malformed input request"),
        Arguments.of(
            "sdxl size",
            "stability.stable-diffusion-xl-v1",
            "{\"text_prompts\":[{\"text\":\"a cat\"}],\"width\":1000,\"height\":1024}",
            "multiples of 64"),
        Arguments.of(
            "sd3 aspect ratio",
            "stability.sd3-large-v1:0",
            "{\"prompt\":\"a cat\",\"aspect_ratio\":\"7:3\"}",
            "#/aspect_ratio: 7:3 is not a valid enum value"),
        Arguments.of(
            "titan image task params",
            "amazon.titan-image-generator-v2:0",
            "{\"taskType\":\"TEXT_IMAGE\"}",
            "#: required key [textToImageParams] not found"),
        Arguments.of(
            "unknown model",
            "acme.unknown-model-v1",
            "{}",
            "The provided model identifier is invalid."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void invoke_invalidBody_validationExceptionWithServiceMessage(
      String rule, String modelId, String body, String message) {
    assertThatThrownBy(() -> Clients.invoke(client, modelId, body))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage()).contains(message);
              assertThat(e.requestId()).isNotBlank();
            });
  }

  @Test
  void stream_invalidBody_validationExceptionBeforeAnyChunk() {
    Clients.StreamResult s =
        Clients.stream(
            async, CLAUDE, "{\"anthropic_version\":\"bedrock-2023-05-31\",\"messages\":[]}");

    assertThat(s.chunks()).isEmpty();
    assertThat(s.error())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("required key [max_tokens]");
  }

  @Test
  void stream_embeddingModel_unsupportedForStreaming() {
    Clients.StreamResult s =
        Clients.stream(async, "amazon.titan-embed-text-v1", "{\"inputText\":\"hi\"}");

    assertThat(s.error())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unsupported for streaming");
  }

  @Test
  void invoke_severalViolations_allReported() {
    assertThatThrownBy(
            () -> Clients.invoke(client, "meta.llama3-8b-instruct-v1:0", "{\"top_p\":2,\"x\":1}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("required key [prompt] not found")
        .hasMessageContaining("#/top_p: 2 is not less or equal to 1.0")
        .hasMessageContaining("extraneous key [x]");
  }
}
