package dev.genaiaws.aws;

import dev.genaiaws.aws.internal.AwsClientConfig;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@link AwsClientBuilderBase} plus {@link #endpointOverride}, for builders whose AWS client talks
 * to one service (the knowledge-base, ingestion and customization clients; {@link
 * ClientBuilderBase} for the model clients). You never use this class by name:
 *
 * <pre>{@code
 * CustomizationClient.builder()
 *     .region(Region.US_EAST_1)
 *     .endpointOverride(URI.create("https://bedrock.us-east-1.amazonaws.com"))
 *     .build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class EndpointClientBuilderBase<B extends EndpointClientBuilderBase<B>>
    extends AwsClientBuilderBase<B> {
  private @Nullable URI endpointOverride;

  /** For the SDK's client builders only. */
  protected EndpointClientBuilderBase() {}

  /**
   * Another endpoint for the AWS clients this builder builds (a VPC endpoint, a local emulator).
   */
  public B endpointOverride(URI endpointOverride) {
    this.endpointOverride = endpointOverride;
    return self();
  }

  /**
   * The endpoint set, or {@code null} for the service's own (for the subclass's {@code build()}).
   */
  protected final @Nullable URI awsEndpoint() {
    return endpointOverride;
  }

  /**
   * Region, credentials and endpoint as the internal client configuration, with this socket read
   * time-out ({@code null}: {@link AwsClientConfig#DEFAULT_READ_TIMEOUT}).
   */
  // NullAway: AwsClientConfig is not annotated yet, its components are nullable by contract;
  // exports: AwsClientConfig is in the internal package, exported only to the adapter modules that
  // subclass this builder (module-info.java)
  @SuppressWarnings({"NullAway", "exports"})
  protected final AwsClientConfig awsConfig(@Nullable Duration readTimeout) {
    return new AwsClientConfig(awsRegion(), awsCredentials(), endpointOverride, readTimeout);
  }
}
