package dev.genaiaws.bedrock;

import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.testing.RecordingSleeper;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Builders of clients pointed at a local emulator: fake credentials, us-east-1, a recording
 * sleeper.
 */
final class EmulatorClients {
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-test"));

  private EmulatorClients() {}

  static BedrockGenerationClient.Builder builder(URI endpoint, RecordingSleeper sleeper) {
    return BedrockGenerationClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).sleeper(sleeper).build());
  }
}
