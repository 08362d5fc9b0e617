package dev.genaiaws.bedrock;

import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.bedrock.internal.BedrockClients;
import dev.genaiaws.bedrock.internal.BedrockErrors;
import dev.genaiaws.bedrock.internal.BedrockTransport;
import dev.genaiaws.bedrock.internal.ModelArnResolver;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.GenerationRuntime;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Calls text models on Amazon Bedrock through one provider-neutral API ({@link GenerationClient}).
 *
 * <pre>{@code
 * try (BedrockGenerationClient client = BedrockGenerationClient.builder()
 *         .region(Region.US_EAST_1)
 *         .defaultInferenceConfig(c -> c.maxTokens(1024))
 *         .build()) {
 *   GenerationResponse r = client.generate(req -> req
 *       .modelId("anthropic.claude-3-haiku-20240307-v1:0")
 *       .system("You write short technical blogs.")
 *       .user("Write 200 words on serverless GenAI"));
 *   System.out.println(r.text() + "  " + r.usage());
 * }
 * }</pre>
 *
 * <p><b>How a call runs.</b> The model id (a base id, a cross-region profile such as {@code us.…}, or an
 * ARN) picks the family's codec ({@link BedrockCodecs}); the client's default inference config is laid
 * under the request's; parameters are checked against the family before anything is sent; the body goes
 * out with {@code InvokeModel} ({@link #generate}), the async client ({@link #generateAsync}) or
 * {@code InvokeModelWithResponseStream} ({@link #stream}, {@link #publisher}).
 *
 * <p><b>Retries.</b> Exactly one layer: the {@link RetryPolicy} (3 attempts by default). The AWS clients
 * this class builds have SDK retries switched off. A client you inject keeps its own retry settings: switch
 * them off, or pass {@link RetryPolicy#none()}, to avoid retrying twice. A stream is retried only before
 * its first event.
 *
 * <p><b>Time-outs.</b> {@link Builder#callTimeout} bounds a whole call, retries included;
 * {@link Builder#attemptTimeout} one attempt. The socket read time-out of the HTTP clients this class
 * builds is the call time-out, or 60 minutes when none is set, so long generations are not cut off by the
 * SDK's default 30 seconds.
 *
 * <p><b>Resources.</b> Thread-safe: build one and share it. {@link #close()} closes the AWS clients this
 * class built, never ones you passed in. The async (Netty) client is built on first async or streaming use.
 */
public final class BedrockGenerationClient implements GenerationClient {
  private final GenerationRuntime runtime;
  private final ModelArnResolver arns;
  private final BedrockClients clients;

  private BedrockGenerationClient(Builder b) {
    CodecRegistry.Builder<ModelCodec> codecs = BedrockCodecs.textRegistry().toBuilder();
    b.codecs.forEach(c -> codecs.register(c.codec(), c.prefixes()));
    Duration readTimeout = b.callTimeout != null ? b.callTimeout
        : b.attemptTimeout != null ? b.attemptTimeout : AwsClientConfig.DEFAULT_READ_TIMEOUT;
    this.clients = new BedrockClients(
        new AwsClientConfig(b.region, b.credentialsProvider, b.endpointOverride, readTimeout),
        b.client, b.asyncClient);
    GenerationRuntime.Settings settings = new GenerationRuntime.Settings(BedrockErrors.PROVIDER, codecs.build(),
        b.family, b.defaults, b.unsupportedParameters, b.retryPolicy, b.listeners, b.callTimeout);
    this.runtime = new GenerationRuntime(settings, new BedrockTransport(clients, b.attemptTimeout));
    this.arns = b.arns;
  }

  /** A client for the default region and credentials chains, with default settings. */
  public static BedrockGenerationClient create() {
    return builder().build();
  }

  /** Starts a builder; every setting is optional. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public GenerationResponse generate(GenerationRequest request) {
    return runtime.generate(withLookedUpFamily(request));
  }

  @Override
  public CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request) {
    GenerationRequest resolved;
    try {
      resolved = withLookedUpFamily(request);
    } catch (GenAiException e) {
      return CompletableFuture.failedFuture(e);
    }
    return runtime.generateAsync(resolved);
  }

  @Override
  public Flow.Publisher<GenerationEvent> publisher(GenerationRequest request) {
    return runtime.publisher(withLookedUpFamily(request));
  }

  /**
   * The body a request would be sent with, after defaults and checks, without sending it: handy to see
   * what a family's codec makes of a request.
   */
  public byte[] encode(GenerationRequest request) {
    return runtime.encode(withLookedUpFamily(request));
  }

  /** The codec registry this client resolves model ids with (built-ins plus your registrations). */
  public CodecRegistry<ModelCodec> codecs() {
    return runtime.settings().codecs();
  }

  /** Closes the AWS clients this client built (never injected ones). Idempotent. */
  @Override
  public void close() {
    runtime.close();
  }

  /**
   * For an application inference profile, provisioned-throughput, custom-model or deployment ARN without a
   * family, attaches the family of the foundation model behind it (looked up once per ARN).
   */
  private GenerationRequest withLookedUpFamily(GenerationRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
    if (arns == null || runtime.settings().familyOverride() != null
        || request.option(ModelFamily.class).isPresent()) {
      return request;
    }
    Optional<ModelFamily> family = arns.familyOf(request.modelId(), runtime.settings().codecs());
    return family.map(f -> request.toBuilder().option(f).build()).orElse(request);
  }

  @Override
  public String toString() {
    return "BedrockGenerationClient[families=" + codecs().families() + ", " + runtime.settings().retryPolicy()
        + "]";
  }

  private record CodecRegistration(ModelCodec codec, String[] prefixes) {}

  /** Builder for {@link BedrockGenerationClient}. */
  public static final class Builder {
    private Region region;
    private AwsCredentialsProvider credentialsProvider;
    private URI endpointOverride;
    private BedrockRuntimeClient client;
    private BedrockRuntimeAsyncClient asyncClient;
    private InferenceConfig defaults = InferenceConfig.empty();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final List<GenerationListener> listeners = new ArrayList<>();
    private UnsupportedParameterPolicy unsupportedParameters = UnsupportedParameterPolicy.FAIL;
    private final List<CodecRegistration> codecs = new ArrayList<>();
    private ModelFamily family;
    private Duration callTimeout;
    private Duration attemptTimeout;
    private ModelArnResolver arns;

    private Builder() {}

    /** The region of the clients this builder builds; default: the SDK's default region chain. */
    public Builder region(Region region) {
      this.region = region;
      return this;
    }

    /** The credentials of the clients this builder builds; default: the SDK's default credentials chain. */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = credentialsProvider;
      return this;
    }

    /** Another endpoint for the clients this builder builds (a VPC endpoint, a local emulator). */
    public Builder endpointOverride(URI endpointOverride) {
      this.endpointOverride = endpointOverride;
      return this;
    }

    /**
     * A sync client to use for {@link #generate}. It is never closed by this client and keeps its own
     * retry settings and time-outs (region, credentials and endpoint settings here do not apply to it).
     */
    public Builder client(BedrockRuntimeClient client) {
      this.client = client;
      return this;
    }

    /**
     * An async client to use for {@code generateAsync} and streams. Never closed by this client; keeps its
     * own retry settings. It must speak HTTP/1.1 to plain-HTTP endpoints (see the docs).
     */
    public Builder asyncClient(BedrockRuntimeAsyncClient asyncClient) {
      this.asyncClient = asyncClient;
      return this;
    }

    /** Inference parameters every request starts from; a request's own values win. */
    public Builder defaultInferenceConfig(InferenceConfig defaults) {
      this.defaults = defaults == null ? InferenceConfig.empty() : defaults;
      return this;
    }

    /** Edits the default inference config in place: {@code .defaultInferenceConfig(c -> c.maxTokens(1024))}. */
    public Builder defaultInferenceConfig(Consumer<InferenceConfig.Builder> spec) {
      InferenceConfig.Builder b = defaults.toBuilder();
      spec.accept(b);
      this.defaults = b.build();
      return this;
    }

    /** When and how often to retry; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Adds a listener for logging and metrics. */
    public Builder listener(GenerationListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Replaces the listeners. */
    public Builder listeners(List<GenerationListener> listeners) {
      if (listeners == null) {
        throw new InvalidRequestException("listeners must not be null: pass List.of() for none");
      }
      this.listeners.clear();
      listeners.forEach(this::listener);
      return this;
    }

    /** What to do with a parameter a family cannot express: fail (default) or drop it. */
    public Builder unsupportedParameters(UnsupportedParameterPolicy policy) {
      this.unsupportedParameters = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Registers a codec for model ids starting with any of the prefixes, over the built-in ones (a later
     * registration of a prefix or family wins). Also makes the codec's family usable with
     * {@code .option(family)} on requests.
     */
    public Builder codec(ModelCodec codec, String... prefixes) {
      codecs.add(new CodecRegistration(Objects.requireNonNull(codec, "codec"), prefixes.clone()));
      return this;
    }

    /**
     * The family of every request that does not name one itself: for clients that call one provisioned,
     * imported or custom model whose ARN cannot tell.
     */
    public Builder family(ModelFamily family) {
      this.family = family;
      return this;
    }

    /**
     * The longest a call may take in all, attempts and back-off included (a request's own
     * {@code timeout} wins). Also the socket read time-out of the HTTP clients this builder builds.
     * Default: none (read time-out 60 minutes). A stream is not cut off by it once
     * it has started: there the read time-out bounds the wait between events, and the call time-out only
     * stops further retries.
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = positive(callTimeout, "callTimeout");
      return this;
    }

    /** The longest one attempt may take; an attempt that times out is retried if the policy allows. */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
      return this;
    }

    /**
     * Looks up the foundation model behind ARNs whose text does not name it, with the Bedrock control
     * plane, once per ARN (cached for the life of this client), so that such ARNs need no explicit family:
     * application inference profiles ({@code GetInferenceProfile}), provisioned throughput
     * ({@code GetProvisionedModelThroughput}), custom models ({@code GetCustomModel}, the base model) and
     * custom model deployments ({@code GetCustomModelDeployment}). A custom model behind a provisioned ARN
     * is followed to its base model. Needs the {@code software.amazon.awssdk:bedrock} dependency and the
     * matching {@code bedrock:Get*} permissions. The client is never closed by this client.
     *
     * <pre>{@code
     * try (BedrockClient control = BedrockClient.create();
     *      BedrockGenerationClient client = BedrockGenerationClient.builder().modelLookup(control).build()) {
     *   client.generate(r -> r.modelId(provisionedModelArn).user("Hi"));   // family of its base model
     * }
     * }</pre>
     */
    public Builder modelLookup(BedrockClient bedrock) {
      this.arns = bedrock == null ? null : new ModelArnResolver(bedrock);
      return this;
    }

    private static Duration positive(Duration d, String field) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new InvalidRequestException(field + " must be positive but was " + d);
      }
      return d;
    }

    public BedrockGenerationClient build() {
      return new BedrockGenerationClient(this);
    }
  }
}
