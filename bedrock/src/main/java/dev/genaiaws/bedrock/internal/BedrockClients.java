package dev.genaiaws.bedrock.internal;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The Bedrock Runtime clients of one {@code BedrockGenerationClient}: injected ones are used as they are
 * and never closed; built ones have SDK retries switched off (the SDK's {@code RetryPolicy} is the only
 * retry layer), and are closed by {@link #close()}. The sync client uses the url-connection HTTP client with
 * the socket read time-out set from the call time-out; the async client (Netty, HTTP/1.1) likewise. Both
 * are built on first use, so sync-only programs never start Netty. Thread-safe. Internal.
 */
public final class BedrockClients implements AutoCloseable {
  /** The read time-out when no call time-out is set: long generations may take many minutes. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(60);

  /**
   * How to build clients that were not injected.
   *
   * @param region the region, or {@code null} for the default region chain
   * @param credentials the credentials, or {@code null} for the default credentials chain
   * @param endpointOverride another endpoint (tests, VPC endpoints), or {@code null}
   * @param readTimeout the socket read time-out of the HTTP clients
   */
  public record Config(Region region, AwsCredentialsProvider credentials, URI endpointOverride,
      Duration readTimeout) {}

  private final Config config;
  private final BedrockRuntimeClient injectedSync;
  private final BedrockRuntimeAsyncClient injectedAsync;
  private volatile BedrockRuntimeClient builtSync;
  private volatile BedrockRuntimeAsyncClient builtAsync;
  private volatile boolean closed;

  /**
   * @param config how to build the clients that were not injected
   * @param injectedSync a sync client to use and never close, or {@code null} to build one on first use
   * @param injectedAsync an async client to use and never close, or {@code null} to build one on first use
   */
  public BedrockClients(Config config, BedrockRuntimeClient injectedSync, BedrockRuntimeAsyncClient injectedAsync) {
    this.config = config;
    this.injectedSync = injectedSync;
    this.injectedAsync = injectedAsync;
  }

  /** The sync client, built on first use when none was injected. */
  public BedrockRuntimeClient sync() {
    checkOpen();
    if (injectedSync != null) {
      return injectedSync;
    }
    BedrockRuntimeClient c = builtSync;
    if (c == null) {
      synchronized (this) {
        c = builtSync;
        if (c == null) {
          checkOpen();
          c = buildSync(config);
          builtSync = c;
        }
      }
    }
    return c;
  }

  private void checkOpen() {
    if (closed) {
      throw new dev.genaiaws.core.exception.GenAiClientException("this Bedrock client is closed: build a new one");
    }
  }

  /** The async client, built on first use when none was injected. */
  public BedrockRuntimeAsyncClient async() {
    checkOpen();
    if (injectedAsync != null) {
      return injectedAsync;
    }
    BedrockRuntimeAsyncClient c = builtAsync;
    if (c == null) {
      synchronized (this) {
        c = builtAsync;
        if (c == null) {
          checkOpen();
          c = buildAsync(config);
          builtAsync = c;
        }
      }
    }
    return c;
  }

  /** Whether the async client has been built by this instance (for tests). */
  public boolean asyncBuilt() {
    return builtAsync != null;
  }

  private static ClientOverrideConfiguration noSdkRetries() {
    return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
  }

  private static BedrockRuntimeClient buildSync(Config c) {
    var b = BedrockRuntimeClient.builder()
        .overrideConfiguration(noSdkRetries())
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(c.readTimeout()));
    if (c.region() != null) {
      b.region(c.region());
    }
    if (c.credentials() != null) {
      b.credentialsProvider(c.credentials());
    }
    if (c.endpointOverride() != null) {
      b.endpointOverride(c.endpointOverride());
    }
    return b.build();
  }

  private static BedrockRuntimeAsyncClient buildAsync(Config c) {
    var b = BedrockRuntimeAsyncClient.builder()
        .overrideConfiguration(noSdkRetries())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .protocol(Protocol.HTTP1_1)
            .readTimeout(c.readTimeout()));
    if (c.region() != null) {
      b.region(c.region());
    }
    if (c.credentials() != null) {
      b.credentialsProvider(c.credentials());
    }
    if (c.endpointOverride() != null) {
      b.endpointOverride(c.endpointOverride());
    }
    return b.build();
  }

  /** Closes the clients this instance built; injected ones stay open. Idempotent. */
  @Override
  public void close() {
    BedrockRuntimeClient s;
    BedrockRuntimeAsyncClient a;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = builtSync;
      a = builtAsync;
    }
    if (s != null) {
      s.close();
    }
    if (a != null) {
      // The SDK's Netty client blocks close() for a 2 s graceful shutdown of its event loop, whose threads are
      // daemons: let that finish in the background so close(), and a program's exit, does not wait for it.
      Thread closer = new Thread(a::close, "genai-aws-async-close");
      closer.setDaemon(true);
      closer.start();
    }
  }
}
