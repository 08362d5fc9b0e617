package dev.genaiaws.sagemaker;

import dev.genaiaws.aws.EmbeddingClientBuilderBase;
import dev.genaiaws.aws.internal.ClientSettings;
import dev.genaiaws.core.EmbeddingClient;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.EmbeddingRuntime;
import dev.genaiaws.core.internal.Transport;
import dev.genaiaws.sagemaker.internal.SageMakerClients;
import dev.genaiaws.sagemaker.internal.SageMakerErrors;
import dev.genaiaws.sagemaker.internal.SageMakerTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

/**
 * Turns texts into vectors with an embedding model deployed to a SageMaker endpoint ({@link
 * EmbeddingClient}), beside {@link SageMakerGenerationClient} as {@code BedrockEmbeddingClient}
 * stands beside {@code BedrockGenerationClient}. The model id is the endpoint name.
 *
 * <pre>{@code
 * try (SageMakerEmbeddingClient embeddings = SageMakerEmbeddingClient.builder()
 *         .region(Region.US_EAST_1)
 *         .endpoint("my-bge", SageMakerFormats.JUMPSTART_EMBEDDING)
 *         .build()) {
 *   EmbeddingResponse r = embeddings.embed(e -> e.modelId("my-bge").texts(documents).normalize(true));
 *   float[] first = r.vector(0);
 * }
 * }</pre>
 *
 * <p><b>Formats.</b> An endpoint name says nothing about its container, so the format ({@link
 * SageMakerFormats#HF_EMBEDDING}, {@link SageMakerFormats#JUMPSTART_EMBEDDING} or your own codec's
 * family) is named per endpoint ({@link Builder#endpoint}), for all endpoints ({@link
 * Builder#defaultFormat}) or per request ({@code .option(SageMakerFormats.HF_EMBEDDING)}); the most
 * specific wins.
 *
 * <p><b>Batching.</b> Texts are sent in the batches the format allows (32 by default), at most
 * {@link Builder#maxConcurrency} batches at once, vectors returned in input order. {@code
 * normalize(true)} scales each vector to unit length after the answer arrives (the containers have
 * no such switch).
 *
 * <p><b>Retries and resources.</b> As for every client: one {@code RetryPolicy} layer per call;
 * calls go through the async (Netty, HTTP/1.1) SageMaker Runtime client, built on first use; {@link
 * #close()} closes the client this class built, never one you passed in. Thread-safe: build one and
 * share it.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerEmbeddingClient implements EmbeddingClient {
  private static final String EXAMPLE = "SageMakerFormats.HF_EMBEDDING";

  private final EmbeddingRuntime runtime;
  private final EndpointFormats formats;
  private final SageMakerClients ownClients;

  private SageMakerEmbeddingClient(Builder b, ClientSettings common, int maxConcurrency) {
    this.ownClients = new SageMakerClients(common.awsConfig(), null, null, b.asyncClient, null);
    this.runtime =
        runtime(
            b.codecs,
            b.defaultFormat,
            common,
            maxConcurrency,
            new SageMakerTransport(ownClients, common.attemptTimeout()));
    this.formats = new EndpointFormats(b.endpointFormats, b.defaultFormat, EXAMPLE);
  }

  /**
   * The embedding side of a {@link SageMakerGenerationClient}: shares its clients, which that one
   * closes.
   */
  SageMakerEmbeddingClient(
      List<EmbeddingCodec> codecs,
      ModelFamily defaultFormat,
      Map<String, ModelFamily> endpoints,
      ClientSettings common,
      int maxConcurrency,
      Transport transport) {
    this.ownClients = null;
    this.runtime = runtime(codecs, defaultFormat, common, maxConcurrency, transport);
    this.formats = new EndpointFormats(endpoints, defaultFormat, EXAMPLE);
  }

  private static EmbeddingRuntime runtime(
      List<EmbeddingCodec> extra,
      ModelFamily defaultFormat,
      ClientSettings common,
      int maxConcurrency,
      Transport transport) {
    CodecRegistry.Builder<EmbeddingCodec> codecs = SageMakerFormats.embeddingCodecs().toBuilder();
    extra.forEach(codecs::register);
    return new EmbeddingRuntime(
        new EmbeddingRuntime.Settings(
            SageMakerErrors.PROVIDER,
            codecs.build(),
            defaultFormat,
            common.retryPolicy(),
            common.listeners(),
            maxConcurrency,
            common.callTimeout()),
        transport);
  }

  /**
   * Builds the SDK client that calls need now rather than at the first call, so that a Lambda
   * function pays for it in its init phase (boosted CPU and, with SnapStart, before the snapshot):
   *
   * <pre>{@code
   * static final SageMakerEmbeddingClient CLIENT = SageMakerEmbeddingClient.builder().defaultFormat(SageMakerFormats.HF_EMBEDDING).build().warmUp();
   * }</pre>
   *
   * <p>Sends nothing and resolves no credentials. Embeddings go through the async (Netty) client:
   * that is the one built. An injected client is left as it is. Calling it again does nothing.
   *
   * @throws dev.genaiaws.core.exception.GenAiClientException when the SDK client cannot be built,
   *     e.g. no region is configured
   */
  public SageMakerEmbeddingClient warmUp() {
    // the embedding side of a SageMakerGenerationClient is not handed out: only own clients exist
    if (ownClients != null) {
      ownClients.warmUpAsync();
    }
    return this;
  }

  /** Whether this client has built its own sync and async SDK clients, for tests. */
  boolean[] sdkClientsBuilt() {
    return ownClients == null ? new boolean[2] : ownClients.built();
  }

  /** Starts a builder; name at least the format of your endpoints. */
  public static Builder builder() {
    return new Builder();
  }

  /** Embeds all texts and waits for every vector. */
  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    EmbeddingRequest resolved = withFormat(request);
    return normalized(resolved, runtime.embed(resolved));
  }

  /** Embeds without blocking; bad input fails the future before anything is sent. */
  @Override
  public CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request) {
    EmbeddingRequest resolved;
    try {
      resolved = withFormat(request);
    } catch (GenAiException e) {
      return CompletableFuture.failedFuture(e);
    }
    return runtime.embedAsync(resolved).thenApply(r -> normalized(resolved, r));
  }

  /** Closes the AWS client this client built (never an injected one). Idempotent. */
  @Override
  public void close() {
    if (ownClients != null) {
      ownClients.close();
    }
  }

  private EmbeddingRequest withFormat(EmbeddingRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
    ModelFamily family =
        formats.attach(request.modelId(), request.option(ModelFamily.class).isPresent());
    return family == null ? request : request.toBuilder().option(family).build();
  }

  private static EmbeddingResponse normalized(
      EmbeddingRequest request, EmbeddingResponse response) {
    if (!Boolean.TRUE.equals(request.normalize())) {
      return response;
    }
    List<float[]> unit = new ArrayList<>(response.size());
    for (float[] v : response.vectors()) {
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      norm = Math.sqrt(norm);
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = norm == 0 ? v[i] : (float) (v[i] / norm);
      }
      unit.add(out);
    }
    return new EmbeddingResponse(unit, response.usage(), response.metadata());
  }

  @Override
  public String toString() {
    return "SageMakerEmbeddingClient[" + formats + "]";
  }

  /** Builder for {@link SageMakerEmbeddingClient}; every setting is optional except a format. */
  public static final class Builder extends EmbeddingClientBuilderBase<Builder> {
    private SageMakerRuntimeAsyncClient asyncClient;
    private final List<EmbeddingCodec> codecs = new ArrayList<>();
    private final Map<String, ModelFamily> endpointFormats = new LinkedHashMap<>();
    private ModelFamily defaultFormat;

    private Builder() {}

    /**
     * An async client to call through. Never closed by this client; keeps its own retry settings
     * and time-outs. It must speak HTTP/1.1 to plain-HTTP endpoints ({@code
     * NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)}).
     */
    public Builder asyncClient(SageMakerRuntimeAsyncClient asyncClient) {
      this.asyncClient = asyncClient;
      return this;
    }

    /**
     * The embedding format of one endpoint: {@code .endpoint("my-bge",
     * SageMakerFormats.JUMPSTART_EMBEDDING)}.
     */
    public Builder endpoint(String endpointName, ModelFamily format) {
      EndpointFormats.put(endpointFormats, endpointName, format);
      return this;
    }

    /** The embedding format of every endpoint not named with {@link #endpoint}. */
    public Builder defaultFormat(ModelFamily format) {
      this.defaultFormat = format;
      return this;
    }

    /** Registers an embedding codec (its family becomes usable as a format). */
    public Builder codec(EmbeddingCodec codec) {
      if (codec == null) {
        throw new InvalidRequestException("codec must not be null");
      }
      codecs.add(codec);
      return this;
    }

    public SageMakerEmbeddingClient build() {
      return new SageMakerEmbeddingClient(this, clientSettings(), maxConcurrencyLimit());
    }
  }
}
