package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * What is built when: SDK clients on first use or by {@code warmUp()}, never the async one for sync
 * calls.
 */
class BedrockWarmUpTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  @Test
  void built_noSdkClientYet_warmUpBuildsTheSyncOneOnly() {
    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build()) {
      int sent = BEDROCK.emulator().requests().size();
      assertThat(client.sdkClientsBuilt()).containsExactly(false, false);
      assertThat(client.warmUp()).isSameAs(client);
      assertThat(client.sdkClientsBuilt()).containsExactly(true, false);
      assertThat(BEDROCK.emulator().requests()).hasSize(sent); // sends nothing
      assertThat(client.warmUp()).isSameAs(client);
    }
  }

  @Test
  void syncCalls_neverBuildTheAsyncClient() {
    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build().warmUp()) {
      GenerationResponse r =
          client.generate(
              req ->
                  req.modelId(BedrockGenerationClientTest.CLAUDE)
                      .user("Hi")
                      .inferenceConfig(c -> c.maxTokens(8)));
      assertThat(r.text()).isNotEmpty();
      assertThat(client.sdkClientsBuilt()).containsExactly(true, false);
    }
  }

  @Test
  void injectedClient_warmUpBuildsNothing() {
    try (BedrockRuntimeClient runtime =
            BedrockRuntimeClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(EmulatorClients.CREDENTIALS)
                .endpointOverride(BEDROCK.endpoint())
                .build();
        BedrockGenerationClient client =
            BedrockGenerationClient.builder().client(runtime).build().warmUp()) {
      assertThat(client.sdkClientsBuilt()).containsExactly(false, false);
    }
  }

  @Test
  void embeddingClient_warmUpBuildsTheAsyncClient_sendsNothing() {
    try (BedrockEmbeddingClient client =
        BedrockEmbeddingClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(EmulatorClients.CREDENTIALS)
            .build()) {
      int sent = BEDROCK.emulator().requests().size();
      assertThat(client.asyncClientBuilt()).isFalse();
      assertThat(client.warmUp()).isSameAs(client);
      assertThat(client.asyncClientBuilt()).isTrue();
      assertThat(BEDROCK.emulator().requests()).hasSize(sent);
    }
  }
}
