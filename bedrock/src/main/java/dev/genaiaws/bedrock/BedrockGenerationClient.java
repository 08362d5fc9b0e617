package dev.genaiaws.bedrock;

import dev.genaiaws.aws.ClientBuilderBase;
import dev.genaiaws.aws.GenerationClientBuilderBase;
import dev.genaiaws.aws.internal.ClientSettings;
import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.bedrock.internal.BedrockClients;
import dev.genaiaws.bedrock.internal.BedrockErrors;
import dev.genaiaws.bedrock.internal.BedrockTransport;
import dev.genaiaws.bedrock.internal.BedrockWire;
import dev.genaiaws.bedrock.internal.ConverseWire;
import dev.genaiaws.bedrock.internal.GuardrailMapping;
import dev.genaiaws.bedrock.internal.ModelArnResolver;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.CodecWire;
import dev.genaiaws.core.internal.GenerationRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelTokensRequest;

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
 * <p><b>Two wire APIs.</b> A request goes through {@code InvokeModel} (the family's own JSON,
 * written by its codec) or {@code Converse} (one typed message shape for every text model: tools,
 * structured output, reasoning, documents, citations, cache points, guardrails). By default ({@link
 * BedrockApi#AUTO}) InvokeModel is used where a family codec knows the model and can express the
 * request, Converse otherwise, so model ids no codec knows work too. Choose per client ({@link
 * Builder#api}) or per request ({@code .option(BedrockApi.X)}).
 *
 * <p><b>How a call runs.</b> The model id (a base id, a cross-region profile such as {@code us.…},
 * or an ARN) picks the family's codec ({@link BedrockCodecs}); the client's default inference
 * config is laid under the request's; parameters are checked against the family before anything is
 * sent; the body goes out with {@code InvokeModel} ({@link #generate}), the async client ({@link
 * #generateAsync}) or {@code InvokeModelWithResponseStream} ({@link #stream}, {@link #publisher}).
 *
 * <p><b>Retries.</b> Exactly one layer: the {@link RetryPolicy} (3 attempts by default). The AWS
 * clients this class builds have SDK retries switched off. A client you inject keeps its own retry
 * settings: switch them off, or pass {@link RetryPolicy#none()}, to avoid retrying twice. A stream
 * is retried only before its first event.
 *
 * <p><b>Time-outs.</b> {@link Builder#callTimeout} bounds a whole call, retries included; {@link
 * Builder#attemptTimeout} one attempt. The socket read time-out of the HTTP clients this class
 * builds is the call time-out, or 60 minutes when none is set, so long generations are not cut off
 * by the SDK's default 30 seconds.
 *
 * <p><b>Resources.</b> Thread-safe: build one and share it. {@link #close()} closes the AWS clients
 * this class built, never ones you passed in. The async (Netty) client is built on first async or
 * streaming use.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BedrockGenerationClient implements GenerationClient {
  private final GenerationRuntime runtime;
  private final ModelArnResolver arns;
  private final BedrockClients clients;
  private final BedrockWire wire;
  private final ConverseWire converse;

  private BedrockGenerationClient(
      Builder b,
      ClientSettings common,
      InferenceConfig defaults,
      UnsupportedParameterPolicy unsupportedParameters) {
    CodecRegistry.Builder<ModelCodec> codecs = BedrockCodecs.textRegistry().toBuilder();
    b.codecs.forEach(c -> codecs.register(c.codec(), c.prefixes()));
    this.clients = new BedrockClients(common.awsConfig(), b.apiKey, b.client, b.asyncClient);
    GenerationRuntime.Settings settings =
        new GenerationRuntime.Settings(
            BedrockErrors.PROVIDER,
            codecs.build(),
            b.family,
            defaults,
            unsupportedParameters,
            common.retryPolicy(),
            common.listeners(),
            common.callTimeout());
    this.converse = new ConverseWire(settings, clients, common.attemptTimeout());
    this.wire =
        new BedrockWire(
            new CodecWire(settings, new BedrockTransport(clients, common.attemptTimeout())),
            converse,
            b.api);
    this.runtime = new GenerationRuntime(settings, wire, this::withLookedUpFamily);
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
   * The InvokeModel body a request would be sent with, after defaults and checks, without sending
   * it: handy to see what a family's codec makes of a request. Requests that go through Converse
   * (see {@link #apiFor}) have no such body: this fails for them.
   */
  public byte[] encode(GenerationRequest request) {
    GenerationRequest r = withLookedUpFamily(request);
    if (wire.route(r) == BedrockApi.CONVERSE) {
      throw new InvalidRequestException(
          "this request goes through Converse, which has no InvokeModel body; "
              + "pass .option(BedrockApi.INVOKE_MODEL) to see the family codec's body");
    }
    return runtime.encode(r);
  }

  /**
   * How many input tokens the model would count for a request, without running it ({@code
   * CountTokens}, free of charge). The request is checked and shaped exactly as for {@link
   * #generate}: through InvokeModel it counts the family codec's body, through Converse the
   * messages, system prompt and tools. Retried like any call.
   *
   * <pre>{@code
   * int tokens = client.countTokens(request);
   * }</pre>
   *
   * @throws GenAiException as for {@link #generate} (a model without token counting answers with a
   *     {@code ValidationException})
   */
  public int countTokens(GenerationRequest request) {
    GenerationRequest r = withLookedUpFamily(request);
    CountTokensInput input =
        wire.route(r) == BedrockApi.CONVERSE
            ? CountTokensInput.fromConverse(converse.tokensRequest(r))
            : CountTokensInput.fromInvokeModel(
                InvokeModelTokensRequest.builder()
                    .body(SdkBytes.fromByteArrayUnsafe(runtime.encode(r)))
                    .build());
    CountTokensRequest call =
        CountTokensRequest.builder().modelId(r.modelId()).input(input).build();
    return runtime
        .retryExecutor()
        .execute(
            attempt ->
                SdkCalls.sync(
                    () -> clients.sync().countTokens(call),
                    response -> response.inputTokens() == null ? 0 : response.inputTokens(),
                    e -> BedrockErrors.map(e, r.modelId())),
            Long.MAX_VALUE,
            (n, e, d) -> {});
  }

  /**
   * Checks content with a guardrail on its own ({@code ApplyGuardrail}), without calling a model:
   * user input before you send it anywhere, or any text before you show it. An intervention is a
   * result, not an exception: {@link GuardrailResult#intervened()}, the guardrail's replacement
   * text and its policies' findings. Retried like any call.
   *
   * <pre>{@code
   * GuardrailResult r = client.applyGuardrail(GuardrailCheck.input("gr-abc123", "1", userText));
   * if (r.intervened()) return r.outputText();
   * }</pre>
   */
  public GuardrailResult applyGuardrail(GuardrailCheck check) {
    if (check == null) {
      throw new InvalidRequestException("check must not be null");
    }
    ApplyGuardrailRequest call = GuardrailMapping.request(check);
    return runtime
        .retryExecutor()
        .execute(
            attempt ->
                SdkCalls.sync(
                    () -> clients.sync().applyGuardrail(call),
                    GuardrailMapping::result,
                    e -> BedrockErrors.map(e, check.guardrailIdentifier())),
            Long.MAX_VALUE,
            (n, e, d) -> {});
  }

  /**
   * The API a request would go through: {@code INVOKE_MODEL} or {@code CONVERSE} (never {@code
   * AUTO}).
   */
  public BedrockApi apiFor(GenerationRequest request) {
    return wire.route(withLookedUpFamily(request));
  }

  /**
   * Builds the AWS SDK client that {@link #generate} calls now, not on the first call, and returns
   * this client. Building it is most of a first call's start-up work (the SDK's endpoint rules,
   * signers, marshallers, HTTP client), so on AWS Lambda call this in the function's init, where it
   * runs on boosted CPU and, with SnapStart, before the snapshot:
   *
   * <pre>{@code
   * static final BedrockGenerationClient CLIENT = BedrockGenerationClient.create().warmUp();
   * }</pre>
   *
   * <p>Sends nothing and resolves no credentials. The async (Netty) client is not built: it still
   * waits for the first async or streaming call. An injected client is left as it is. Calling it
   * again does nothing.
   *
   * @throws GenAiClientException when the SDK client cannot be built, e.g. no region is configured
   */
  public BedrockGenerationClient warmUp() {
    clients.warmUpSync();
    return this;
  }

  /**
   * Whether this client has built its sync and async SDK clients, for tests: {@code {sync, async}}.
   */
  boolean[] sdkClientsBuilt() {
    return new boolean[] {clients.syncBuilt(), clients.asyncBuilt()};
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
   * For an application inference profile, provisioned-throughput, custom-model or deployment ARN
   * without a family, attaches the family of the foundation model behind it (looked up once per
   * ARN).
   */
  private GenerationRequest withLookedUpFamily(GenerationRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
    if (arns == null
        || runtime.settings().familyOverride() != null
        || request.option(ModelFamily.class).isPresent()) {
      return request;
    }
    Optional<ModelFamily> family = arns.familyOf(request.modelId(), runtime.settings().codecs());
    return family.map(f -> request.toBuilder().option(f).build()).orElse(request);
  }

  @Override
  public String toString() {
    return "BedrockGenerationClient[families="
        + codecs().families()
        + ", "
        + runtime.settings().retryPolicy()
        + "]";
  }

  private record CodecRegistration(ModelCodec codec, String[] prefixes) {}

  /**
   * Builder for {@link BedrockGenerationClient}: the settings every client has ({@link
   * ClientBuilderBase}: region, credentials, endpoint, retry policy, listeners, call and attempt
   * time-outs; {@link GenerationClientBuilderBase}: default inference config, unsupported
   * parameters) and the Bedrock ones below.
   */
  public static final class Builder extends GenerationClientBuilderBase<Builder> {
    private BedrockRuntimeClient client;
    private BedrockRuntimeAsyncClient asyncClient;
    private final List<CodecRegistration> codecs = new ArrayList<>();
    private ModelFamily family;
    private @Nullable ModelArnResolver arns;
    private BedrockApi api = BedrockApi.AUTO;
    private @Nullable String apiKey;

    private Builder() {}

    /**
     * Authenticates the clients this builder builds with a Bedrock API key (a bearer token) instead
     * of AWS credentials and SigV4. Without it, the AWS SDK also picks up a key from the {@code
     * AWS_BEARER_TOKEN_BEDROCK} environment variable by itself. Injected clients keep their own
     * authentication. The key is never logged or printed.
     */
    public Builder apiKey(String apiKey) {
      if (apiKey != null && apiKey.isBlank()) {
        throw new InvalidRequestException(
            "apiKey must not be blank: pass null to use AWS credentials");
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Which API calls go through: {@link BedrockApi#AUTO} (the default: InvokeModel where a family
     * codec knows the model and can express the request, Converse otherwise), or always one of
     * them. A request's own {@code .option(BedrockApi.X)} wins.
     */
    public Builder api(BedrockApi api) {
      if (api == null) {
        throw new InvalidRequestException(
            "api must not be null: BedrockApi.AUTO, INVOKE_MODEL or CONVERSE");
      }
      this.api = api;
      return this;
    }

    /**
     * A sync client to use for {@link #generate}. It is never closed by this client and keeps its
     * own retry settings and time-outs (region, credentials and endpoint settings here do not apply
     * to it).
     */
    public Builder client(BedrockRuntimeClient client) {
      this.client = client;
      return this;
    }

    /**
     * An async client to use for {@code generateAsync} and streams. Never closed by this client;
     * keeps its own retry settings. It must speak HTTP/1.1 to plain-HTTP endpoints (see the docs).
     */
    public Builder asyncClient(BedrockRuntimeAsyncClient asyncClient) {
      this.asyncClient = asyncClient;
      return this;
    }

    /**
     * Registers a codec for model ids starting with any of the prefixes, over the built-in ones (a
     * later registration of a prefix or family wins). Also makes the codec's family usable with
     * {@code .option(family)} on requests.
     */
    public Builder codec(ModelCodec codec, String... prefixes) {
      if (codec == null) {
        throw new InvalidRequestException("codec must not be null");
      }
      codecs.add(new CodecRegistration(codec, prefixes.clone()));
      return this;
    }

    /**
     * The family of every request that does not name one itself: for clients that call one
     * provisioned, imported or custom model whose ARN cannot tell.
     */
    public Builder family(ModelFamily family) {
      this.family = family;
      return this;
    }

    /**
     * Looks up the foundation model behind ARNs whose text does not name it, with the Bedrock
     * control plane, once per ARN (cached for the life of this client), so that such ARNs need no
     * explicit family: application inference profiles ({@code GetInferenceProfile}), provisioned
     * throughput ({@code GetProvisionedModelThroughput}), custom models ({@code GetCustomModel},
     * the base model) and custom model deployments ({@code GetCustomModelDeployment}). A custom
     * model behind a provisioned ARN is followed to its base model. Needs the {@code
     * software.amazon.awssdk:bedrock} dependency and the matching {@code bedrock:Get*} permissions.
     * The client is never closed by this client.
     *
     * <pre>{@code
     * try (BedrockClient control = BedrockClient.create();
     *      BedrockGenerationClient client = BedrockGenerationClient.builder().modelLookup(control).build()) {
     *   client.generate(r -> r.modelId(provisionedModelArn).user("Hi"));   // family of its base model
     * }
     * }</pre>
     */
    // the control-plane SDK is an optional dependency (requires static in module-info.java): who
    // calls this has it and reads it
    @SuppressWarnings("exports")
    public Builder modelLookup(BedrockClient bedrock) {
      this.arns = bedrock == null ? null : new ModelArnResolver(bedrock);
      return this;
    }

    public BedrockGenerationClient build() {
      return new BedrockGenerationClient(
          this, clientSettings(), inferenceDefaults(), unsupportedParameterPolicy());
    }
  }
}
