package dev.genaiaws.bedrock.internal;

import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.aws.internal.LazyClient;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.token.credentials.StaticTokenProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeBaseClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * The Bedrock Runtime clients of one Bedrock client: injected ones are used as they are and never
 * closed; built ones are configured by {@link AwsClientConfig} (SDK retries off, url-connection for
 * sync, Netty on HTTP/1.1 for async, read time-out from the call time-out), built on first use so
 * sync-only programs never start Netty, and closed by {@link #close()}. Thread-safe. Internal.
 */
public final class BedrockClients implements AutoCloseable {
  /** The auth scheme name the AWS SDK uses for Bedrock API keys. */
  static final String BEARER_AUTH = "httpBearerAuth";

  private final LazyClient<BedrockRuntimeClient> sync;
  private final LazyClient<BedrockRuntimeAsyncClient> async;

  /**
   * @param config how to build the clients that were not injected
   * @param injectedSync a sync client to use and never close, or {@code null} to build one on first
   *     use
   * @param injectedAsync an async client to use and never close, or {@code null} to build one on
   *     first use
   */
  public BedrockClients(
      AwsClientConfig config,
      @Nullable BedrockRuntimeClient injectedSync,
      @Nullable BedrockRuntimeAsyncClient injectedAsync) {
    this(config, null, injectedSync, injectedAsync);
  }

  /**
   * @param config how to build the clients that were not injected
   * @param apiKey a Bedrock API key to authenticate the built clients with (bearer token instead of
   *     SigV4), or {@code null}
   * @param injectedSync a sync client to use and never close, or {@code null} to build one on first
   *     use
   * @param injectedAsync an async client to use and never close, or {@code null} to build one on
   *     first use
   */
  public BedrockClients(
      AwsClientConfig config,
      @Nullable String apiKey,
      @Nullable BedrockRuntimeClient injectedSync,
      @Nullable BedrockRuntimeAsyncClient injectedAsync) {
    this.sync =
        LazyClient.of(
            "Bedrock client",
            injectedSync,
            () -> bearer(config.sync(BedrockRuntimeClient.builder()), apiKey).build());
    this.async =
        LazyClient.ofNetty(
            "Bedrock client",
            injectedAsync,
            () -> bearer(config.async(BedrockRuntimeAsyncClient.builder()), apiKey).build());
  }

  /** With an API key: the key as a static bearer token, and bearer auth preferred over SigV4. */
  private static <B extends BedrockRuntimeBaseClientBuilder<B, ?>> B bearer(
      B builder, @Nullable String apiKey) {
    if (apiKey == null) {
      return builder;
    }
    return builder
        .tokenProvider(StaticTokenProvider.create(() -> apiKey))
        .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of(BEARER_AUTH)));
  }

  /** The sync client, built on first use when none was injected. */
  public BedrockRuntimeClient sync() {
    return sync.get();
  }

  /** The async client, built on first use when none was injected. */
  public BedrockRuntimeAsyncClient async() {
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

  /** Whether the sync client has been built (not injected): on first use, or by a warm-up. */
  public boolean syncBuilt() {
    return sync.isBuilt();
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
