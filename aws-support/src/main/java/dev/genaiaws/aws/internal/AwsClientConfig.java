package dev.genaiaws.aws.internal;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How an adapter builds the SDK clients it was not given: SDK retries off (our {@code RetryPolicy} is the one
 * retry layer), the url-connection HTTP client for sync calls and Netty on HTTP/1.1 for async ones (the default
 * async client speaks HTTP/2 with prior knowledge on {@code http://}), both with the socket read time-out set
 * from the call time-out so long generations are not cut off by the SDK's default 30 s. Internal.
 *
 * @param region the region, or {@code null} for the default region chain
 * @param credentials the credentials, or {@code null} for the default credentials chain
 * @param endpointOverride another endpoint (tests, VPC endpoints), or {@code null}
 * @param readTimeout the socket read time-out of the HTTP clients
 */
public record AwsClientConfig(Region region, AwsCredentialsProvider credentials, URI endpointOverride,
    Duration readTimeout) {

  /** The read time-out when no call time-out is set: long generations may take many minutes. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(60);

  public AwsClientConfig {
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
  }

  /** Client configuration with the SDK's retries switched off. */
  public static ClientOverrideConfiguration noSdkRetries() {
    return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
  }

  /**
   * The per-request time-outs of one non-streamed attempt, or {@code null} when there are none: an empty
   * override configuration still costs the SDK ~10 µs a call to merge (measured by the benchmarks).
   *
   * @param callTimeLeft what is left of the call's total time (retries included), or {@code null}
   * @param attemptTimeout the longest one attempt may take, or {@code null}
   */
  public static AwsRequestOverrideConfiguration timeouts(Duration callTimeLeft, Duration attemptTimeout) {
    if (callTimeLeft == null && attemptTimeout == null) {
      return null;
    }
    AwsRequestOverrideConfiguration.Builder b = AwsRequestOverrideConfiguration.builder();
    if (callTimeLeft != null) {
      b.apiCallTimeout(callTimeLeft);
    }
    if (attemptTimeout != null) {
      b.apiCallAttemptTimeout(attemptTimeout);
    }
    return b.build();
  }

  /** Configures a sync client builder: url-connection with the read time-out, no SDK retries. */
  public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B sync(B builder) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(readTimeout));
    return common(builder);
  }

  /** Configures an async client builder: Netty on HTTP/1.1 with the read time-out, no SDK retries. */
  public <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B async(B builder) {
    builder.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).readTimeout(readTimeout));
    return common(builder);
  }

  private <B extends AwsClientBuilder<B, ?>> B common(B builder) {
    builder.overrideConfiguration(noSdkRetries());
    if (region != null) {
      builder.region(region);
    }
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    return builder;
  }
}
