package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The emulator refuses what does not fit a model's context window, and bodies over InvokeModel's
 * limit.
 */
class BedrockContextWindowTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static BedrockRuntimeClient client;

  static final String LLAMA3_8K = "meta.llama3-8b-instruct-v1:0";

  @BeforeAll
  static void clients() {
    client = Clients.bedrock(BEDROCK.endpoint());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static String llama(int words, int maxGenLen) {
    return "{\"prompt\":\""
        + "word ".repeat(words).strip()
        + "\",\"max_gen_len\":"
        + maxGenLen
        + "}";
  }

  @Test
  void inputPlusMaxTokensWithinWindow_accepted() {
    assertThat(
            Clients.json(Clients.invoke(client, LLAMA3_8K, llama(7_000, 512)).body().asByteArray())
                .path("prompt_token_count")
                .asInt())
        .isGreaterThanOrEqualTo(7_000);
  }

  @Test
  void inputPlusMaxTokensOverWindow_validationException() {
    assertThatThrownBy(() -> Clients.invoke(client, LLAMA3_8K, llama(7_000, 2_048)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Input is too long for requested model.");
    assertThatThrownBy(() -> Clients.invoke(client, LLAMA3_8K, llama(349_526, 512)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Input is too long for requested model.");
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK builder takes varargs of Consumer<...Builder>
  void converse_overWindow_validationException() {
    String words = "word ".repeat(9_000);
    assertThatThrownBy(
            () ->
                client.converse(
                    b ->
                        b.modelId(LLAMA3_8K)
                            .messages(m -> m.role("user").content(c -> c.text(words)))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Input is too long for requested model.");
  }

  @Test
  void bodyOverInvokeModelLimit_refusedAsTheServiceWordsIt() {
    byte[] big = new byte[25_000_001];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(
            () ->
                client.invokeModel(
                    b ->
                        b.modelId(LLAMA3_8K)
                            .contentType("application/json")
                            .body(SdkBytes.fromByteArrayUnsafe(big))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Member must have length less than or equal to 25000000");
  }

  @Test
  void largeValidBody_underLimit_isParsedNotCalledInvalidJson() {
    String prompt = "x".repeat(21_000_000);
    var answer =
        Clients.json(
            Clients.invoke(
                    client,
                    "anthropic.claude-3-haiku-20240307-v1:0",
                    "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\""
                        + prompt
                        + "\"}]}")
                .body()
                .asByteArray());

    assertThat(answer.at("/usage/output_tokens").asInt()).isEqualTo(10);
  }
}
