package dev.genaiaws.sagemaker.internal;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The SageMaker Runtime (and, for asynchronous inference, S3) clients of one {@code SageMakerGenerationClient}: injected ones are used as they are
 * and never closed; built ones have SDK retries switched off (the SDK's {@code RetryPolicy} is the only
 * retry layer), and are closed by {@link #close()}. The sync client uses the url-connection HTTP client with
 * the socket read time-out set from the call time-out; the async client (Netty, HTTP/1.1) likewise. Both
 * are built on first use, so sync-only programs never start Netty. Thread-safe. Internal.
 */
public final class SageMakerClients implements AutoCloseable {
  /** The read time-out when no call time-out is set: long generations may take many minutes. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(60);

  /**
   * How to build clients that were not injected.
   *
   * @param region the region, or {@code null} for the default region chain
   * @param credentials the credentials, or {@code null} for the default credentials chain
   * @param endpointOverride another endpoint (tests, VPC endpoints), or {@code null}
   * @param readTimeout the socket read time-out of the HTTP clients
   * @param s3EndpointOverride another S3 endpoint for asynchronous inference (path-style), or {@code null}
   */
  public record Config(Region region, AwsCredentialsProvider credentials, URI endpointOverride,
      Duration readTimeout, URI s3EndpointOverride) {}

  private final Config config;
  private final SageMakerRuntimeClient injectedSync;
  private final SageMakerRuntimeAsyncClient injectedAsync;
  private volatile SageMakerRuntimeClient builtSync;
  private volatile SageMakerRuntimeAsyncClient builtAsync;
  private final S3Client injectedS3;
  private volatile S3Client builtS3;
  private volatile boolean closed;

  /**
   * @param config how to build the clients that were not injected
   * @param injectedSync a sync client to use and never close, or {@code null} to build one on first use
   * @param injectedAsync an async client to use and never close, or {@code null} to build one on first use
   * @param injectedS3 an S3 client for asynchronous inference to use and never close, or {@code null}
   */
  public SageMakerClients(Config config, SageMakerRuntimeClient injectedSync, SageMakerRuntimeAsyncClient injectedAsync,
      S3Client injectedS3) {
    this.config = config;
    this.injectedSync = injectedSync;
    this.injectedAsync = injectedAsync;
    this.injectedS3 = injectedS3;
  }

  /** The S3 client of asynchronous inference, built on first use (url-connection) when none was injected. */
  public S3Client s3() {
    if (injectedS3 != null) {
      return injectedS3;
    }
    S3Client c = builtS3;
    if (c == null) {
      synchronized (this) {
        c = builtS3;
        if (c == null) {
          checkOpen();
          var b = S3Client.builder().overrideConfiguration(noSdkRetries())
              .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)));
          if (config.region() != null) {
            b.region(config.region());
          }
          if (config.credentials() != null) {
            b.credentialsProvider(config.credentials());
          }
          if (config.s3EndpointOverride() != null) {
            b.endpointOverride(config.s3EndpointOverride()).forcePathStyle(true);
          }
          c = b.build();
          builtS3 = c;
        }
      }
    }
    return c;
  }

  /** The sync client, built on first use when none was injected. */
  public SageMakerRuntimeClient sync() {
    if (injectedSync != null) {
      return injectedSync;
    }
    SageMakerRuntimeClient c = builtSync;
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
      throw new dev.genaiaws.core.exception.GenAiClientException("the SageMakerGenerationClient is closed");
    }
  }

  /** The async client, built on first use when none was injected. */
  public SageMakerRuntimeAsyncClient async() {
    if (injectedAsync != null) {
      return injectedAsync;
    }
    SageMakerRuntimeAsyncClient c = builtAsync;
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

  private static SageMakerRuntimeClient buildSync(Config c) {
    var b = SageMakerRuntimeClient.builder()
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

  private static SageMakerRuntimeAsyncClient buildAsync(Config c) {
    var b = SageMakerRuntimeAsyncClient.builder()
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
    SageMakerRuntimeClient s;
    SageMakerRuntimeAsyncClient a;
    S3Client s3;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = builtSync;
      a = builtAsync;
      s3 = builtS3;
    }
    if (s3 != null) {
      s3.close();
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
