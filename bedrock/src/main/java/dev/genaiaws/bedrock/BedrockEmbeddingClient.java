package dev.genaiaws.bedrock;

import dev.genaiaws.aws.ClientBuilderBase;
import dev.genaiaws.aws.EmbeddingClientBuilderBase;
import dev.genaiaws.aws.internal.ClientSettings;
import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.bedrock.internal.BedrockClients;
import dev.genaiaws.bedrock.internal.BedrockErrors;
import dev.genaiaws.bedrock.internal.BedrockTransport;
import dev.genaiaws.core.EmbeddingClient;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.EmbeddingRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Turns texts into vectors with the embedding models on Amazon Bedrock ({@link EmbeddingClient}):
 * Amazon Titan Text Embeddings v1/v2 and Cohere Embed v3 (English, Multilingual).
 *
 * <pre>{@code
 * try (BedrockEmbeddingClient embeddings = BedrockEmbeddingClient.builder()
 *         .region(Region.US_EAST_1)
 *         .build()) {
 *   EmbeddingResponse r = embeddings.embed(e -> e
 *       .modelId("amazon.titan-embed-text-v2:0")
 *       .texts(documents)
 *       .dimensions(512)
 *       .normalize(true));
 *   float[] first = r.vector(0);
 * }
 * }</pre>
 *
 * <p><b>Batching.</b> Give any number of texts. The client splits them into the calls the model
 * accepts (Titan: one text per call; Cohere: up to 96), sends at most {@link
 * Builder#maxConcurrency} calls at once (default 4) and returns the vectors in input order. Usage
 * adds up over the calls. If one call fails after its retries, the whole request fails with that
 * error and no further calls are started.
 *
 * <p><b>Checks.</b> Dimensions, normalisation, input type and text lengths are checked against the
 * model before anything is sent, with a message naming the field, the value, the model and what is
 * allowed ({@code dimensions must be one of [256, 512, 1024] for amazon.titan-embed-text-v2:0 but
 * was 300}). Cohere needs an input type; when the request names none, {@code search_document} is
 * sent.
 *
 * <p><b>Time-outs.</b> {@link Builder#callTimeout} bounds a whole request, all its calls and
 * retries included (no retry starts after it); {@link Builder#attemptTimeout} one call.
 *
 * <p><b>Retries.</b> Exactly one layer, the {@link RetryPolicy}, per call. The AWS client this
 * class builds has SDK retries switched off; an injected one keeps its own settings.
 *
 * <p><b>Resources.</b> Thread-safe: build one and share it. Calls go through the async (Netty,
 * HTTP/1.1) Bedrock Runtime client, built on first use. {@link #close()} closes the client this
 * class built, never one you passed in.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BedrockEmbeddingClient implements EmbeddingClient {
  /** The default number of calls in flight at once. */
  public static final int DEFAULT_MAX_CONCURRENCY =
      EmbeddingClientBuilderBase.DEFAULT_MAX_CONCURRENCY;

  private final EmbeddingRuntime runtime;
  private final EmbeddingRuntime.Settings settings;
  private final BedrockClients clients;

  private BedrockEmbeddingClient(Builder b, ClientSettings common, int maxConcurrency) {
    CodecRegistry.Builder<EmbeddingCodec> codecs = BedrockCodecs.embeddingRegistry().toBuilder();
    b.codecs.forEach(c -> codecs.register(c.codec(), c.prefixes()));
    this.clients = new BedrockClients(common.awsConfig(), null, b.asyncClient);
    this.settings =
        new EmbeddingRuntime.Settings(
            BedrockErrors.PROVIDER,
            codecs.build(),
            b.family,
            common.retryPolicy(),
            common.listeners(),
            maxConcurrency,
            common.callTimeout());
    this.runtime =
        new EmbeddingRuntime(settings, new BedrockTransport(clients, common.attemptTimeout()));
  }

  /** A client for the default region and credentials chains, with default settings. */
  public static BedrockEmbeddingClient create() {
    return builder().build();
  }

  /** Starts a builder; every setting is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** Embeds all texts and waits for every vector. */
  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    return runtime.embed(request);
  }

  /**
   * Embeds without blocking. The future completes on an SDK thread; bad input fails it before
   * anything is sent.
   */
  @Override
  public CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request) {
    return runtime.embedAsync(request);
  }

  /**
   * Builds the SDK client that calls need now rather than at the first call, so that a Lambda
   * function pays for it in its init phase (boosted CPU and, with SnapStart, before the snapshot):
   *
   * <pre>{@code
   * static final BedrockEmbeddingClient CLIENT = BedrockEmbeddingClient.builder().build().warmUp();
   * }</pre>
   *
   * <p>Sends nothing and resolves no credentials. Embeddings go through the async (Netty) client:
   * that is the one built. An injected client is left as it is. Calling it again does nothing.
   *
   * @throws dev.genaiaws.core.exception.GenAiClientException when the SDK client cannot be built,
   *     e.g. no region is configured
   */
  public BedrockEmbeddingClient warmUp() {
    clients.warmUpAsync();
    return this;
  }

  /** Whether this client has built its async SDK client, for tests. */
  boolean asyncClientBuilt() {
    return clients.asyncBuilt();
  }

  /** The codec registry this client resolves model ids with (built-ins plus your registrations). */
  public CodecRegistry<EmbeddingCodec> codecs() {
    return settings.codecs();
  }

  /** Closes the AWS client this client built (never an injected one). Idempotent. */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "BedrockEmbeddingClient[families="
        + codecs().families()
        + ", maxConcurrency="
        + settings.maxConcurrency()
        + ", "
        + settings.retryPolicy()
        + "]";
  }

  private record CodecRegistration(EmbeddingCodec codec, String[] prefixes) {}

  /**
   * Builder for {@link BedrockEmbeddingClient}: the settings every client has ({@link
   * ClientBuilderBase}: region, credentials, endpoint, retry policy, listeners, call and attempt
   * time-outs), {@code maxConcurrency}, and the ones below. The attempt time-out (else the call
   * time-out) is also the socket read time-out of the client this builder builds.
   */
  public static final class Builder extends EmbeddingClientBuilderBase<Builder> {
    private BedrockRuntimeAsyncClient asyncClient;
    private final List<CodecRegistration> codecs = new ArrayList<>();
    private ModelFamily family;

    private Builder() {}

    /**
     * An async client to call through. It is never closed by this client and keeps its own retry
     * settings and time-outs (region, credentials and endpoint settings here do not apply to it).
     * It must speak HTTP/1.1 to plain-HTTP endpoints.
     */
    public Builder asyncClient(BedrockRuntimeAsyncClient asyncClient) {
      this.asyncClient = asyncClient;
      return this;
    }

    /**
     * Registers an embedding codec for model ids starting with any of the prefixes, over the
     * built-in ones. Also makes its family usable with {@code .option(family)} on requests.
     */
    public Builder codec(EmbeddingCodec codec, String... prefixes) {
      codecs.add(new CodecRegistration(Checks.notNull(codec, "codec"), prefixes.clone()));
      return this;
    }

    /**
     * The family of every request that does not name one itself: for a provisioned or custom model
     * whose ARN cannot tell.
     */
    public Builder family(ModelFamily family) {
      this.family = family;
      return this;
    }

    public BedrockEmbeddingClient build() {
      return new BedrockEmbeddingClient(this, clientSettings(), maxConcurrencyLimit());
    }
  }
}
