package dev.genaiaws.aws.internal;

import dev.genaiaws.core.exception.GenAiClientException;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
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
 * How an adapter builds the SDK clients it was not given: SDK retries off (our {@code RetryPolicy}
 * is the one retry layer), the url-connection HTTP client for sync calls and Netty on HTTP/1.1 for
 * async ones (the default async client speaks HTTP/2 with prior knowledge on {@code http://}), both
 * with the socket read time-out set from the call time-out so long generations are not cut off by
 * the SDK's default 30 s. Internal.
 *
 * @param region the region, or {@code null} for the default region chain
 * @param credentials the credentials, or {@code null} for the default credentials chain
 * @param endpointOverride another endpoint (tests, VPC endpoints), or {@code null}
 * @param readTimeout the socket read time-out of the HTTP clients
 */
public record AwsClientConfig(
    Region region, AwsCredentialsProvider credentials, URI endpointOverride, Duration readTimeout) {

  /** The read time-out when no call time-out is set: long generations may take many minutes. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(60);

  public AwsClientConfig {
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
  }

  /** Client configuration with the SDK's retries switched off. */
  public static ClientOverrideConfiguration noSdkRetries() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .build();
  }

  /**
   * The per-request time-outs of one non-streamed attempt, or {@code null} when there are none: an
   * empty override configuration still costs the SDK ~10 µs a call to merge (measured by the
   * benchmarks).
   *
   * @param callTimeLeft what is left of the call's total time (retries included), or {@code null}
   * @param attemptTimeout the longest one attempt may take, or {@code null}
   */
  public static @Nullable AwsRequestOverrideConfiguration timeouts(
      @Nullable Duration callTimeLeft, @Nullable Duration attemptTimeout) {
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

  /**
   * Configures an async client builder: Netty on HTTP/1.1 with the read time-out, no SDK retries.
   *
   * @throws GenAiClientException when Netty is not on the class path (the sync-only Lambda layer)
   */
  public <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B async(B builder) {
    requireNetty(AwsClientConfig.class.getClassLoader());
    builder.httpClientBuilder(Netty.builder(readTimeout));
    return common(builder);
  }

  /** The class whose absence means that the SDK's Netty HTTP client is not on the class path. */
  static final String NETTY_CLIENT_CLASS =
      "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient";

  /**
   * Fails with a message that says what to add when the SDK's Netty HTTP client cannot be loaded:
   * the default Lambda layer leaves it out (sync calls need only url-connection), so streaming and
   * async calls fail here, at their first use, rather than with a {@code NoClassDefFoundError} from
   * deep inside the SDK.
   */
  static void requireNetty(ClassLoader loader) {
    try {
      Class.forName(NETTY_CLIENT_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new GenAiClientException(
          "streaming and async calls need the AWS SDK's Netty HTTP client"
              + " (software.amazon.awssdk:netty-nio-client), which is not on the class path: on AWS Lambda add the"
              + " streaming layer (genai-aws-streaming-layer.zip) next to the genai-aws layer; elsewhere add the"
              + " netty-nio-client dependency, or inject an async SDK client built on another HTTP client",
          e);
    }
  }

  /**
   * Holds the only reference to Netty, so that it is resolved after {@link #requireNetty} has
   * passed.
   */
  private static final class Netty {
    private Netty() {}

    static NettyNioAsyncHttpClient.Builder builder(Duration readTimeout) {
      return NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).readTimeout(readTimeout);
    }
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
