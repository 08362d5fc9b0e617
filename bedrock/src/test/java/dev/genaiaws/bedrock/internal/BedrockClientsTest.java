package dev.genaiaws.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.core.exception.GenAiClientException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

class BedrockClientsTest {
  private static final AwsClientConfig CONFIG =
      new AwsClientConfig(
          Region.US_EAST_1,
          StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
          URI.create("http://127.0.0.1:1"),
          Duration.ofSeconds(5));

  @Test
  void async_notUsed_neverBuilt() {
    try (BedrockClients clients = new BedrockClients(CONFIG, null, null)) {
      assertThat(clients.sync()).isSameAs(clients.sync());
      assertThat(clients.asyncBuilt()).isFalse();
    }
  }

  @Test
  void async_usedFromSeveralCalls_builtOnce() {
    BedrockClients clients = new BedrockClients(CONFIG, null, null);
    try {
      assertThat(clients.async()).isSameAs(clients.async());
      assertThat(clients.asyncBuilt()).isTrue();
    } finally {
      clients.close();
    }
    assertThatThrownBy(clients::async)
        .isInstanceOf(GenAiClientException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void builtSyncClient_sdkRetriesOff() {
    try (BedrockClients clients = new BedrockClients(CONFIG, null, null)) {
      assertThat(
              clients.sync().serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(1));
    }
  }

  @Test
  void close_injectedClient_leftOpen() {
    BedrockRuntimeClient injected =
        BedrockRuntimeClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(CONFIG.credentials())
            .endpointOverride(CONFIG.endpointOverride())
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build();
    boolean[] closed = {false};
    BedrockRuntimeClient spy =
        new BedrockRuntimeClient() {
          @Override
          public String serviceName() {
            return injected.serviceName();
          }

          @Override
          public void close() {
            closed[0] = true;
            injected.close();
          }
        };

    new BedrockClients(CONFIG, spy, null).close();

    assertThat(closed[0]).isFalse();
    spy.close();
  }
}
