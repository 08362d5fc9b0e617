package dev.genaiaws.aws.internal;

import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The settings every client builder has ({@code dev.genaiaws.aws.ClientBuilderBase}), fixed at
 * {@code build()}. Internal.
 *
 * @param region the region, or {@code null} for the default chain
 * @param credentialsProvider the credentials, or {@code null} for the default chain
 * @param endpointOverride another endpoint, or {@code null}
 * @param retryPolicy the retry policy
 * @param listeners the listeners, in order
 * @param callTimeout the limit of a whole call, or {@code null}
 * @param attemptTimeout the limit of one attempt, or {@code null}
 */
public record ClientSettings(
    Region region,
    AwsCredentialsProvider credentialsProvider,
    URI endpointOverride,
    RetryPolicy retryPolicy,
    List<GenerationListener> listeners,
    Duration callTimeout,
    Duration attemptTimeout) {
  public ClientSettings {
    listeners = List.copyOf(listeners);
  }

  /**
   * How the AWS clients are built: the socket read time-out is the call time-out, else the attempt
   * time-out, else 60 minutes, so that long generations are not cut off by the SDK's default 30 s.
   */
  public AwsClientConfig awsConfig() {
    Duration readTimeout =
        callTimeout != null
            ? callTimeout
            : attemptTimeout != null ? attemptTimeout : AwsClientConfig.DEFAULT_READ_TIMEOUT;
    return new AwsClientConfig(region, credentialsProvider, endpointOverride, readTimeout);
  }
}
