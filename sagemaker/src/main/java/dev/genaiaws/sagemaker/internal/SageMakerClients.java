package dev.genaiaws.sagemaker.internal;

import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.aws.internal.LazyClient;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The SageMaker Runtime (and, for asynchronous inference, S3) clients of one {@code
 * SageMakerGenerationClient}: injected ones are used as they are and never closed; built ones are
 * configured by {@link AwsClientConfig} (SDK retries off, url-connection for sync, Netty on
 * HTTP/1.1 for async, read time-out from the call time-out), built on first use so sync-only
 * programs never start Netty, and closed by {@link #close()}. Thread-safe. Internal.
 */
public final class SageMakerClients implements AutoCloseable {
  private static final String OWNER = "SageMaker client";

  /** S3 reads and writes of asynchronous inference are quick; five minutes bounds a stuck one. */
  private static final Duration S3_READ_TIMEOUT = Duration.ofMinutes(5);

  private final LazyClient<SageMakerRuntimeClient> sync;
  private final LazyClient<SageMakerRuntimeAsyncClient> async;
  private final LazyClient<S3Client> s3;

  /**
   * @param config how to build the SageMaker clients that were not injected
   * @param s3EndpointOverride another S3 endpoint for asynchronous inference (path-style), or
   *     {@code null}
   * @param injectedSync a sync client to use and never close, or {@code null} to build one on first
   *     use
   * @param injectedAsync an async client to use and never close, or {@code null} to build one on
   *     first use
   * @param injectedS3 an S3 client for asynchronous inference to use and never close, or {@code
   *     null}
   */
  public SageMakerClients(
      AwsClientConfig config,
      URI s3EndpointOverride,
      SageMakerRuntimeClient injectedSync,
      SageMakerRuntimeAsyncClient injectedAsync,
      S3Client injectedS3) {
    AwsClientConfig s3Config =
        new AwsClientConfig(
            config.region(), config.credentials(), s3EndpointOverride, S3_READ_TIMEOUT);
    this.sync =
        LazyClient.of(
            OWNER, injectedSync, () -> config.sync(SageMakerRuntimeClient.builder()).build());
    this.async =
        LazyClient.ofNetty(
            OWNER,
            injectedAsync,
            () -> config.async(SageMakerRuntimeAsyncClient.builder()).build());
    this.s3 =
        LazyClient.of(
            OWNER,
            injectedS3,
            () ->
                s3Config
                    .sync(S3Client.builder())
                    .forcePathStyle(s3EndpointOverride != null)
                    .build());
  }

  /** The sync client, built on first use when none was injected. */
  public SageMakerRuntimeClient sync() {
    return sync.get();
  }

  /** The async client, built on first use when none was injected. */
  public SageMakerRuntimeAsyncClient async() {
    return async.get();
  }

  /** Builds the sync client now unless it was injected: see {@link LazyClient#warmUp()}. */
  public void warmUpSync() {
    sync.warmUp();
  }

  /** Builds the async client now unless it was injected: see {@link LazyClient#warmUp()}. */
  public void warmUpAsync() {
    async.warmUp();
  }

  /** Whether the sync and async clients have been built (not injected): {@code {sync, async}}. */
  public boolean[] built() {
    return new boolean[] {sync.isBuilt(), async.isBuilt()};
  }

  /** The S3 client of asynchronous inference, built on first use when none was injected. */
  public S3Client s3() {
    return s3.get();
  }

  /** Closes the clients this instance built; injected ones stay open. Idempotent. */
  @Override
  public void close() {
    s3.close();
    sync.close();
    async.close();
  }
}
