package dev.genaiaws.sagemaker;

import dev.genaiaws.aws.GenerationClientBuilderBase;
import dev.genaiaws.aws.internal.ClientSettings;
import dev.genaiaws.core.EmbeddingClient;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.CodecWire;
import dev.genaiaws.core.internal.GenerationRuntime;
import dev.genaiaws.sagemaker.internal.AsyncInferenceRunner;
import dev.genaiaws.sagemaker.internal.SageMakerClients;
import dev.genaiaws.sagemaker.internal.SageMakerErrors;
import dev.genaiaws.sagemaker.internal.SageMakerTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Calls models deployed to Amazon SageMaker endpoints through the provider-neutral API: a drop-in
 * {@link GenerationClient} where the model id is the endpoint name. Embedding endpoints have their
 * own client, {@link SageMakerEmbeddingClient} (this class still implements {@link
 * EmbeddingClient}, deprecated).
 *
 * <pre>{@code
 * try (SageMakerGenerationClient client = SageMakerGenerationClient.builder()
 *         .region(Region.US_EAST_1)
 *         .endpoint("my-llama3", SageMakerFormats.TGI_LLAMA3)   // the container format behind the endpoint
 *         .build()) {
 *   GenerationResponse r = client.generate(req -> req
 *       .modelId("my-llama3")
 *       .system("You write short technical blogs.")
 *       .user("Write 200 words on serverless GenAI")
 *       .inferenceConfig(c -> c.maxTokens(512).temperature(0.5)));
 *   System.out.println(r.text() + "  " + r.metadata().attribute("invokedVariant"));
 * }
 * }</pre>
 *
 * <p><b>Formats.</b> An endpoint name says nothing about its container, so the format ({@link
 * SageMakerFormats}) is named per endpoint ({@link Builder#endpoint}), for all endpoints ({@link
 * Builder#defaultFormat}) or per request ({@code .option(SageMakerFormats.TGI)}); the most specific
 * wins. A request without any fails before sending, saying so.
 *
 * <p><b>Four ways to call.</b> {@link #generate} ({@code InvokeEndpoint}), {@link #generateAsync}
 * (the same on the async client), {@link #stream}/{@link #publisher} ({@code
 * InvokeEndpointWithResponseStream}: the container's token lines are reassembled across payload
 * parts), and {@link #submitAsyncInference} ({@code InvokeEndpointAsync} through S3, for payloads
 * up to 1 GB and jobs up to an hour). {@link #embed} (deprecated) sends texts to an embedding
 * endpoint: embed with {@link SageMakerEmbeddingClient} instead.
 *
 * <p><b>SageMaker settings</b> of a call (target variant, target model, inference component, custom
 * attributes such as {@code accept_eula=true}, inference id) go in {@link SageMakerOptions}. The
 * production variant that answered is in {@code
 * response.metadata().attribute(ATTR_INVOKED_VARIANT)}.
 *
 * <p><b>Retries.</b> Exactly one layer: the {@link RetryPolicy}. The AWS clients this class builds
 * have SDK retries switched off; injected clients keep theirs (switch them off, or pass {@link
 * RetryPolicy#none()}). A stream is retried only before its first event. {@code
 * ModelNotReadyException}, throttling, 5xx and broken connections are retried; a container error
 * ({@code ModelErrorException}, HTTP 424) is not.
 *
 * <p><b>Resources.</b> Thread-safe: build one and share it (in Lambda, in a static field of the
 * handler). {@link #close()} closes the AWS clients this class built, never injected ones. The sync
 * client uses the url-connection HTTP client; the async (Netty, HTTP/1.1) client and the S3 client
 * are built on first use.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerGenerationClient implements GenerationClient, EmbeddingClient {
  /** Response metadata attribute: the production variant that answered. */
  public static final String ATTR_INVOKED_VARIANT = SageMakerTransport.ATTR_INVOKED_VARIANT;

  /** Response metadata attribute: the custom attributes the container sent back. */
  public static final String ATTR_CUSTOM_ATTRIBUTES = SageMakerTransport.ATTR_CUSTOM_ATTRIBUTES;

  private final GenerationRuntime runtime;
  private final SageMakerEmbeddingClient embeddings;
  private final SageMakerClients clients;
  private final AsyncInferenceRunner asyncInference;
  private final EndpointFormats formats;

  private SageMakerGenerationClient(
      Builder b,
      ClientSettings common,
      InferenceConfig defaults,
      UnsupportedParameterPolicy unsupportedParameters) {
    CodecRegistry.Builder<ModelCodec> codecs = SageMakerFormats.generationCodecs().toBuilder();
    b.codecs.forEach(codecs::register);
    this.clients =
        new SageMakerClients(
            common.awsConfig(), b.s3EndpointOverride, b.client, b.asyncClient, b.s3Client);
    SageMakerTransport transport = new SageMakerTransport(clients, common.attemptTimeout());
    GenerationRuntime.Settings settings =
        new GenerationRuntime.Settings(
            SageMakerErrors.PROVIDER,
            codecs.build(),
            b.defaultFormat,
            defaults,
            unsupportedParameters,
            common.retryPolicy(),
            common.listeners(),
            common.callTimeout());
    this.runtime =
        new GenerationRuntime(settings, new CodecWire(settings, transport), this::withFormat);
    this.embeddings =
        new SageMakerEmbeddingClient(
            b.embeddingCodecs,
            b.defaultEmbeddingFormat,
            b.endpointFormats,
            common,
            b.maxConcurrency,
            transport);
    this.asyncInference =
        new AsyncInferenceRunner(clients, runtime.retryExecutor(), common.retryPolicy().sleeper());
    this.formats = new EndpointFormats(b.endpointFormats, b.defaultFormat, "SageMakerFormats.TGI");
  }

  /**
   * Builds the SDK client that calls need now rather than at the first call, so that a Lambda
   * function pays for it in its init phase (boosted CPU and, with SnapStart, before the snapshot):
   *
   * <pre>{@code
   * static final SageMakerGenerationClient CLIENT = SageMakerGenerationClient.builder().defaultFormat(SageMakerFormats.TGI).build().warmUp();
   * }</pre>
   *
   * <p>Sends nothing and resolves no credentials. The sync client is built; the async (Netty) one
   * still waits for the first async, streaming or embedding call. An injected client is left as it
   * is. Calling it again does nothing.
   *
   * @throws dev.genaiaws.core.exception.GenAiClientException when the SDK client cannot be built,
   *     e.g. no region is configured
   */
  public SageMakerGenerationClient warmUp() {
    clients.warmUpSync();
    return this;
  }

  /**
   * Whether this client has built its sync and async SDK clients, for tests: {@code {sync, async}}.
   */
  boolean[] sdkClientsBuilt() {
    return clients.built();
  }

  /** Starts a builder; name at least the container format of your endpoints. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public GenerationResponse generate(GenerationRequest request) {
    return runtime.generate(request);
  }

  @Override
  public CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request) {
    return runtime.generateAsync(request);
  }

  @Override
  public Flow.Publisher<GenerationEvent> publisher(GenerationRequest request) {
    return runtime.publisher(request);
  }

  /**
   * Starts an asynchronous inference and returns once SageMaker has accepted it: the encoded
   * request is uploaded under the options' input location, {@code InvokeEndpointAsync} is called
   * with it (both under the retry policy; failures are thrown), and the returned handle's {@link
   * AsyncInferenceHandle#result()} completes when the output (or failure) object appears.
   *
   * <pre>{@code
   * AsyncInferenceHandle h = client.submitAsyncInference(request, AsyncInferenceOptions.of("s3://bucket/in/"));
   * GenerationResponse r = h.result().join();
   * }</pre>
   *
   * @throws GenAiException when the request is invalid, the upload fails or SageMaker refuses the
   *     call
   */
  public AsyncInferenceHandle submitAsyncInference(
      GenerationRequest request, AsyncInferenceOptions options) {
    Checks.notNull(options, "options");
    GenerationRequest resolved = withFormat(request);
    ModelCodec codec = runtime.resolve(resolved).codec();
    byte[] body = runtime.encode(resolved);
    return asyncInference.submit(resolved, body, codec, options);
  }

  /**
   * {@link #submitAsyncInference} as one future: submission failures complete it exceptionally too.
   * The upload and the invocation happen before this method returns.
   */
  public CompletableFuture<GenerationResponse> generateAsyncInference(
      GenerationRequest request, AsyncInferenceOptions options) {
    try {
      return submitAsyncInference(request, options).result();
    } catch (GenAiException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Looks again for the result of an asynchronous inference submitted earlier, for instance after
   * {@link AsyncInferenceHandle#result()} timed out or from another process that kept the handle's
   * locations. Nothing is uploaded or invoked; the checks start after the options' initial poll
   * delay.
   *
   * @param request the request that was submitted: its endpoint and format pick the codec
   * @param inferenceId the id SageMaker gave the inference
   * @param outputLocation the {@code s3://} URI of the output object
   * @param failureLocation the {@code s3://} URI of the failure object, or {@code null}
   */
  public AsyncInferenceHandle resumeAsyncInference(
      GenerationRequest request,
      String inferenceId,
      String outputLocation,
      String failureLocation,
      AsyncInferenceOptions options) {
    Checks.notNull(options, "options");
    GenerationRequest resolved = withFormat(request);
    ModelCodec codec = runtime.resolve(resolved).codec();
    return asyncInference.resume(
        resolved, codec, inferenceId, outputLocation, failureLocation, options);
  }

  /**
   * Embeds texts with an embedding endpoint.
   *
   * @deprecated use a {@link SageMakerEmbeddingClient}, which has the embedding settings on its own
   *     builder; this method stays for programs written before it and behaves the same
   */
  @Deprecated
  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    return embeddings.embed(request);
  }

  /**
   * Embeds texts without blocking.
   *
   * @deprecated use a {@link SageMakerEmbeddingClient}
   */
  @Deprecated
  @Override
  public CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request) {
    return embeddings.embedAsync(request);
  }

  /**
   * The body a request would be sent with, after defaults and checks, without sending it: handy to
   * see what a container codec makes of a request.
   */
  public byte[] encode(GenerationRequest request) {
    return runtime.encode(withFormat(request));
  }

  /** The text-generation codecs this client knows (built-ins plus your registrations). */
  public CodecRegistry<ModelCodec> codecs() {
    return runtime.settings().codecs();
  }

  /**
   * Closes the AWS clients this client built (never injected ones) and stops async-inference
   * polling.
   */
  @Override
  public void close() {
    asyncInference.close();
    runtime.close();
  }

  private GenerationRequest withFormat(GenerationRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
    ModelFamily family =
        formats.attach(request.modelId(), request.option(ModelFamily.class).isPresent());
    return family == null ? request : request.toBuilder().option(family).build();
  }

  @Override
  public String toString() {
    return "SageMakerGenerationClient[" + formats + ", " + runtime.settings().retryPolicy() + "]";
  }

  /** Builder for {@link SageMakerGenerationClient}; every setting is optional except a format. */
  public static final class Builder extends GenerationClientBuilderBase<Builder> {
    private URI s3EndpointOverride;
    private SageMakerRuntimeClient client;
    private SageMakerRuntimeAsyncClient asyncClient;
    private S3Client s3Client;
    private final List<ModelCodec> codecs = new ArrayList<>();
    private final List<EmbeddingCodec> embeddingCodecs = new ArrayList<>();
    private final Map<String, ModelFamily> endpointFormats = new LinkedHashMap<>();
    private ModelFamily defaultFormat;
    private ModelFamily defaultEmbeddingFormat;
    private int maxConcurrency = 4;

    private Builder() {}

    /**
     * Another S3 endpoint for the S3 client this builder builds for async inference (path-style
     * access).
     */
    public Builder s3EndpointOverride(URI s3EndpointOverride) {
      this.s3EndpointOverride = s3EndpointOverride;
      return this;
    }

    /**
     * A sync client for {@link #generate}, async inference submissions and nothing else. Never
     * closed by this client; keeps its own retry settings and time-outs.
     */
    public Builder client(SageMakerRuntimeClient client) {
      this.client = client;
      return this;
    }

    /**
     * An async client for {@code generateAsync}, streams and embeddings. Never closed by this
     * client; keeps its own retry settings. It must speak HTTP/1.1 to plain-HTTP endpoints ({@code
     * NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)}).
     */
    public Builder asyncClient(SageMakerRuntimeAsyncClient asyncClient) {
      this.asyncClient = asyncClient;
      return this;
    }

    /** The S3 client of asynchronous inference. Never closed by this client. */
    public Builder s3Client(S3Client s3Client) {
      this.s3Client = s3Client;
      return this;
    }

    /** The container format of every endpoint not named with {@link #endpoint}. */
    public Builder defaultFormat(ModelFamily format) {
      this.defaultFormat = format;
      return this;
    }

    /**
     * The embedding format of every embedding endpoint not named with {@link #endpoint}.
     *
     * @deprecated embed with a {@link SageMakerEmbeddingClient} ({@code defaultFormat} on its
     *     builder)
     */
    @Deprecated
    public Builder defaultEmbeddingFormat(ModelFamily format) {
      this.defaultEmbeddingFormat = format;
      return this;
    }

    /**
     * The container format of one endpoint: {@code .endpoint("my-llama",
     * SageMakerFormats.TGI_LLAMA3)}.
     */
    public Builder endpoint(String endpointName, ModelFamily format) {
      EndpointFormats.put(endpointFormats, endpointName, format);
      return this;
    }

    /**
     * Registers a text-generation codec (its family becomes usable as a format), e.g. {@code
     * TgiCodec.create().withTemplate(ChatTemplate.LLAMA3).withFamily(ModelFamily.of("my-format"))}.
     */
    public Builder codec(ModelCodec codec) {
      if (codec == null) {
        throw new InvalidRequestException("codec must not be null");
      }
      codecs.add(codec);
      return this;
    }

    /**
     * Registers an embedding codec (its family becomes usable as a format).
     *
     * @deprecated embed with a {@link SageMakerEmbeddingClient} ({@code codec} on its builder)
     */
    @Deprecated
    public Builder embeddingCodec(EmbeddingCodec codec) {
      if (codec == null) {
        throw new InvalidRequestException("codec must not be null");
      }
      embeddingCodecs.add(codec);
      return this;
    }

    /**
     * How many embedding batches may be in flight at once (default 4).
     *
     * @deprecated embed with a {@link SageMakerEmbeddingClient} ({@code maxConcurrency} on its
     *     builder)
     */
    @Deprecated
    public Builder maxConcurrency(int maxConcurrency) {
      if (maxConcurrency < 1) {
        throw new InvalidRequestException("maxConcurrency must be >= 1 but was " + maxConcurrency);
      }
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    public SageMakerGenerationClient build() {
      return new SageMakerGenerationClient(
          this, clientSettings(), inferenceDefaults(), unsupportedParameterPolicy());
    }
  }
}
