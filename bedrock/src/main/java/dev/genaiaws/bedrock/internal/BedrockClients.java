package dev.genaiaws.bedrock.internal;

import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.aws.internal.LazyClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The Bedrock Runtime clients of one Bedrock client: injected ones are used as they are and never closed;
 * built ones are configured by {@link AwsClientConfig} (SDK retries off, url-connection for sync, Netty on
 * HTTP/1.1 for async, read time-out from the call time-out), built on first use so sync-only programs never
 * start Netty, and closed by {@link #close()}. Thread-safe. Internal.
 */
public final class BedrockClients implements AutoCloseable {
  private final LazyClient<BedrockRuntimeClient> sync;
  private final LazyClient<BedrockRuntimeAsyncClient> async;

  /**
   * @param config how to build the clients that were not injected
   * @param injectedSync a sync client to use and never close, or {@code null} to build one on first use
   * @param injectedAsync an async client to use and never close, or {@code null} to build one on first use
   */
  public BedrockClients(AwsClientConfig config, BedrockRuntimeClient injectedSync,
      BedrockRuntimeAsyncClient injectedAsync) {
    this.sync = LazyClient.of("Bedrock client", injectedSync,
        () -> config.sync(BedrockRuntimeClient.builder()).build());
    this.async = LazyClient.ofNetty("Bedrock client", injectedAsync,
        () -> config.async(BedrockRuntimeAsyncClient.builder()).build());
  }

  /** The sync client, built on first use when none was injected. */
  public BedrockRuntimeClient sync() {
    return sync.get();
  }

  /** The async client, built on first use when none was injected. */
  public BedrockRuntimeAsyncClient async() {
    return async.get();
  }

  /** Whether the async client has been built (it is built only on first async or streaming use). */
  public boolean asyncBuilt() {
    return async.isBuilt();
  }

  /** Closes the clients this instance built; injected ones stay open. Idempotent. */
  @Override
  public void close() {
    sync.close();
    async.close();
  }
}
