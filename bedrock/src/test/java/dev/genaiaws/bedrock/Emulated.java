package dev.genaiaws.bedrock;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/** Settings for clients that talk to the local emulator. */
final class Emulated {
  static final Region REGION = Region.US_EAST_1;
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private Emulated() {}

  /** A real async Bedrock Runtime client for the emulator, SDK retries off, HTTP/1.1. */
  static BedrockRuntimeAsyncClient asyncClient(URI endpoint) {
    RetryStrategy none = AwsRetryStrategy.doNotRetry();
    return BedrockRuntimeAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(none).build())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
        .build();
  }
}
