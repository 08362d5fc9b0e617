package dev.genaiaws.aws;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The two settings every builder of this SDK that builds AWS SDK clients has: where they run
 * ({@link #region}) and who they are ({@link #credentialsProvider}). Both are optional: without
 * them the SDK's default region and credentials chains apply. {@link EndpointClientBuilderBase}
 * adds an endpoint; {@link ClientBuilderBase} the settings of the model clients. You never use this
 * class by name:
 *
 * <pre>{@code
 * BedrockBatchClient.builder()
 *     .region(Region.US_EAST_1)
 *     .credentialsProvider(ProfileCredentialsProvider.create("batch"))
 *     .build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class AwsClientBuilderBase<B extends AwsClientBuilderBase<B>> {
  private @Nullable Region region;
  private @Nullable AwsCredentialsProvider credentialsProvider;

  /** For the SDK's client builders only. */
  protected AwsClientBuilderBase() {}

  /** This builder, typed as the concrete builder. */
  @SuppressWarnings("unchecked")
  protected final B self() {
    return (B) this;
  }

  /** The region of the AWS clients this builder builds; default: the SDK's default region chain. */
  public B region(Region region) {
    this.region = region;
    return self();
  }

  /**
   * The credentials of the AWS clients this builder builds; default: the SDK's default credentials
   * chain.
   */
  public B credentialsProvider(AwsCredentialsProvider credentialsProvider) {
    this.credentialsProvider = credentialsProvider;
    return self();
  }

  /**
   * The region set, or {@code null} for the default region chain (for the subclass's {@code
   * build()}).
   */
  protected final @Nullable Region awsRegion() {
    return region;
  }

  /**
   * The credentials set, or {@code null} for the default chain (for the subclass's {@code
   * build()}).
   */
  protected final @Nullable AwsCredentialsProvider awsCredentials() {
    return credentialsProvider;
  }
}
