package dev.genaiaws.sagemaker;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Builders pointed at a local emulator with fake credentials. */
final class TestClients {
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private TestClients() {}

  static SageMakerGenerationClient.Builder builder(URI endpoint) {
    return SageMakerGenerationClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS);
  }
}
