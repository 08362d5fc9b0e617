package dev.genaiaws.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.sagemaker.codec.JumpStartEmbeddingCodec;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.SageMakerEmulator;
import dev.genaiaws.testkit.SageMakerEmulatorExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedding client of SageMaker endpoints, against the SageMaker emulator's embedding
 * container.
 */
class SageMakerEmbeddingClientTest {
  @RegisterExtension
  static final SageMakerEmulatorExtension SAGEMAKER =
      new SageMakerEmulatorExtension(
          SageMakerEmulator.builder().endpoint("embedder", SageMakerEmulator.Container.EMBEDDING));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RecordingSleeper SLEEPER = new RecordingSleeper();
  private static SageMakerEmbeddingClient client;

  private static SageMakerEmbeddingClient.Builder builder() {
    return SageMakerEmbeddingClient.builder()
        .endpointOverride(SAGEMAKER.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(TestClients.CREDENTIALS)
        .retryPolicy(SLEEPER.policy(3));
  }

  @BeforeAll
  static void startClient() {
    client =
        builder()
            .endpoint("embedder", SageMakerFormats.JUMPSTART_EMBEDDING)
            .codec(JumpStartEmbeddingCodec.create().withMaxBatchSize(32))
            .maxConcurrency(2)
            .build();
  }

  @AfterAll
  static void stopClient() {
    client.close();
  }

  @BeforeEach
  void resetEmulator() {
    SAGEMAKER.emulator().reset();
  }

  @Test
  void embed_seventyTexts_batchesOfThirtyTwoInOrderAndUnitLength() {
    List<String> texts = IntStream.range(0, 70).mapToObj(i -> "document " + i).toList();

    EmbeddingResponse r = client.embed(e -> e.modelId("embedder").texts(texts).normalize(true));

    assertThat(r.size()).isEqualTo(70);
    assertThat(r.dimensions()).isEqualTo(384);
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(3);
    double norm = 0;
    for (float x : r.vector(5)) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, Offset.offset(1e-4));
    float[] single =
        client.embed(e -> e.modelId("embedder").text("document 5").normalize(true)).vector(0);
    assertThat(r.vector(5)).containsExactly(single);
  }

  @Test
  void embedAsync_huggingFaceFormatOnRequest_sendsInputsList() throws IOException {
    EmbeddingResponse r =
        client
            .embedAsync(
                dev.genaiaws.core.EmbeddingRequest.builder()
                    .modelId("embedder")
                    .texts(List.of("a", "b"))
                    .option(SageMakerFormats.HF_EMBEDDING)
                    .build())
            .join();

    assertThat(r.size()).isEqualTo(2);
    assertThat(JSON.readTree(SAGEMAKER.emulator().takeRequest().body()).get("inputs")).hasSize(2);
  }

  @Test
  void embed_endpointWithoutFormat_failsBeforeSendingNamingTheFix() {
    try (SageMakerEmbeddingClient bare = builder().build()) {
      assertThatThrownBy(() -> bare.embed(e -> e.modelId("embedder").text("x")))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("SageMakerFormats.HF_EMBEDDING");
    }
    assertThat(SAGEMAKER.emulator().requestCount()).isZero();
  }

  @Test
  void embed_defaultFormat_usedForUnnamedEndpoints() {
    try (SageMakerEmbeddingClient c =
        builder().defaultFormat(SageMakerFormats.JUMPSTART_EMBEDDING).build()) {
      assertThat(c.embed(e -> e.modelId("embedder").text("x")).size()).isEqualTo(1);
    }
  }

  @Test
  void embed_callTimeoutPassed_failsWithoutRetry() {
    SAGEMAKER.emulator().enqueue(Fault.delayFirstByte(Duration.ofSeconds(2)));

    try (SageMakerEmbeddingClient c =
        builder()
            .endpoint("embedder", SageMakerFormats.JUMPSTART_EMBEDDING)
            .callTimeout(Duration.ofMillis(300))
            .build()) {
      assertThatThrownBy(() -> c.embed(e -> e.modelId("embedder").text("slow")))
          .isInstanceOfSatisfying(
              GenAiClientException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    }
    assertThat(SAGEMAKER.emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void builder_endpointWithoutFormat_invalidRequest() {
    assertThatThrownBy(() -> SageMakerEmbeddingClient.builder().endpoint("e", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("format");
  }

  @Test
  void warmUp_buildsTheClientCallsNeed_sendsNothing() {
    try (SageMakerGenerationClient generation =
        TestClients.builder(SAGEMAKER.endpoint()).defaultFormat(SageMakerFormats.TGI).build()) {
      assertThat(generation.sdkClientsBuilt()).containsExactly(false, false);
      assertThat(generation.warmUp()).isSameAs(generation);
      assertThat(generation.sdkClientsBuilt()).containsExactly(true, false);
      assertThat(generation.warmUp()).isSameAs(generation);
    }
    try (SageMakerEmbeddingClient embeddings =
        builder().defaultFormat(SageMakerFormats.JUMPSTART_EMBEDDING).build()) {
      assertThat(embeddings.sdkClientsBuilt()).containsExactly(false, false);
      assertThat(embeddings.warmUp()).isSameAs(embeddings);
      assertThat(embeddings.sdkClientsBuilt()).containsExactly(false, true);
    }
    assertThat(SAGEMAKER.emulator().requestCount()).isZero();
  }
}
