package dev.genaiaws.bedrock;

import dev.genaiaws.core.EmbeddingClient;
import dev.genaiaws.core.testing.EmbeddingClientContractTest;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The core embedding contract, for Titan v2 and Cohere Embed, against the Bedrock emulator. */
class BedrockEmbeddingClientContractTest {
  private static BedrockEmulator bedrock;
  private static BedrockEmbeddingClient client;

  @BeforeAll
  static void start() {
    bedrock = BedrockEmulator.start();
    client =
        BedrockEmbeddingClient.builder()
            .endpointOverride(bedrock.endpoint())
            .region(Emulated.REGION)
            .credentialsProvider(Emulated.CREDENTIALS)
            .retryPolicy(new RecordingSleeper().policy(3))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    bedrock.close();
  }

  @Nested
  class TitanV2 extends EmbeddingClientContractTest {
    @Override
    protected EmbeddingClient client() {
      return client;
    }

    @Override
    protected String modelId() {
      return "amazon.titan-embed-text-v2:0";
    }

    @Override
    protected int requestsSent() {
      return bedrock.requestCount();
    }
  }

  @Nested
  class CohereEnglish extends EmbeddingClientContractTest {
    @Override
    protected EmbeddingClient client() {
      return client;
    }

    @Override
    protected String modelId() {
      return "cohere.embed-english-v3";
    }

    @Override
    protected int requestsSent() {
      return bedrock.requestCount();
    }
  }
}
