package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests the service would refuse, or would silently misread, are refused before anything is
 * sent.
 */
class InputChecksTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
  static final String LLAMA3 = "meta.llama3-8b-instruct-v1:0";
  static BedrockGenerationClient client;

  @BeforeAll
  static void client() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @BeforeEach
  void reset() {
    BEDROCK.emulator().reset();
  }

  @Test
  void nullCollections_refusedWithWhatToDo() {
    assertThatThrownBy(() -> GenerationRequest.builder().modelId(LLAMA3).messages(null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("messages must not be null")
        .hasMessageContaining("user(");
    assertThatThrownBy(() -> Message.user((ContentBlock[]) null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at least one content block");
    assertThatThrownBy(() -> EmbeddingRequest.builder().texts(null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("texts must not be null");
    assertThatThrownBy(() -> BedrockGenerationClient.builder().listeners(null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("listeners must not be null");
  }

  @Test
  void emptyOrBlankText_refused() {
    assertThatThrownBy(() -> GenerationRequest.builder().modelId(LLAMA3).user("").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("messages[0].content[0] is empty");
    assertThatThrownBy(
            () -> GenerationRequest.builder().modelId(LLAMA3).user("Hi").assistant(" \n ").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("messages[1].content[0] is blank");
    assertThatThrownBy(
            () ->
                GenerationRequest.builder()
                    .modelId(LLAMA3)
                    .user(TextBlock.of("Describe"), TextBlock.of(""))
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("messages[0].content[1] is empty");
    // a blank block beside real content is what Bedrock accepted in a recorded request
    // (converse/cache-points)
    assertThat(
            GenerationRequest.builder()
                .modelId(LLAMA3)
                .user(TextBlock.of("Describe"), TextBlock.of("\n"))
                .build()
                .messages()
                .get(0)
                .content())
        .hasSize(2);
  }

  @Test
  void imageConfigOnTextModel_refusedBeforeSending() {
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId(LLAMA3)
            .user("A lighthouse")
            .imageConfig(i -> i.size(512, 512))
            .build();

    assertThatThrownBy(() -> client.generate(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text model")
        .hasMessageContaining("remove imageConfig");
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }

  @Test
  void bodyOverInvokeModelLimit_refusedBeforeSending_everyCallStyle() {
    GenerationRequest huge =
        GenerationRequest.builder().modelId(LLAMA3).user("x".repeat(25_000_000)).build();

    assertThatThrownBy(() -> client.generate(huge))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("25000000 bytes")
        .hasMessageContaining("shorten the prompt")
        .hasMessageNotContaining("Malformed");
    assertThatThrownBy(() -> client.generateAsync(huge).join())
        .hasCauseInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () -> {
              try (GenerationStream s = client.stream(huge)) {
                for (GenerationEvent ignored : s) {
                  // drain
                }
              }
            })
        .isInstanceOf(InvalidRequestException.class);
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }

  @Test
  void validRequest_stillSent() {
    assertThat(
            client
                .generate(
                    GenerationRequest.builder()
                        .modelId(LLAMA3)
                        .messages(List.of(Message.user("Hi")))
                        .build())
                .text())
        .isNotBlank();
  }
}
