package dev.genaiaws.testkit;

import dev.genaiaws.testkit.internal.EmulatorHttp;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.Script;
import dev.genaiaws.testkit.internal.batch.BatchJobsService;
import dev.genaiaws.testkit.internal.bedrock.BedrockService;
import dev.genaiaws.testkit.internal.bedrock.CustomizationControlPlane;
import dev.genaiaws.testkit.internal.bedrock.ModelCatalog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local Bedrock Runtime: real HTTP on 127.0.0.1 speaking the service's wire protocol, so the real
 * AWS SDK clients work against it offline, exactly as against AWS.
 *
 * <pre>{@code
 * try (BedrockEmulator bedrock = BedrockEmulator.start();
 *      BedrockRuntimeClient client = BedrockRuntimeClient.builder()
 *          .endpointOverride(bedrock.endpoint())
 *          .region(Region.US_EAST_1)
 *          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *          .httpClient(UrlConnectionHttpClient.create())
 *          .build()) {
 *   bedrock.enqueue(Fault.throttling());            // the first call fails with 429 ...
 *   // ... call client.invokeModel(...) twice ...  // ... the second one succeeds
 *   RecordedRequest first = bedrock.takeRequest();
 * }
 * }</pre>
 *
 * <p><b>What it speaks.</b> {@code POST /model/{modelId}/invoke}, {@code
 * /invoke-with-response-stream} (event-stream {@code chunk} events, invocation metrics on the
 * last), {@code /converse}, {@code /converse-stream} and {@code /count-tokens}, and ApplyGuardrail
 * ({@code /guardrail/{id}/version/{v}/apply}), for Titan Text / Embeddings / Image, Nova (text and
 * Canvas), Claude (Messages and Text Completions), Llama, Mistral (prompt and chat), Cohere Command
 * / Command R / Embed, Stability SDXL and SD3-style, and AI21 J2 / Jamba; DeepSeek, Qwen, gpt-oss
 * and Writer on Converse only. On Converse the emulated model calls tools, reasons with verified
 * signatures, cites documents, answers structured JSON, accounts prompt-cache reads and writes, and
 * applies a guardrail, by documented deterministic rules (docs/testkit.md, "Converse: tools,
 * reasoning, caching"). Bodies are validated like the service does (a 400 {@code
 * ValidationException} with the service's wording for missing, unknown, mistyped or out-of-range
 * fields). Answers are deterministic: the same prompt and seed give the same text, streamed or not;
 * max tokens and stop sequences are honoured.
 *
 * <p><b>Control plane.</b> Model customization jobs, custom models, provisioned throughput and
 * custom model deployments ({@code /model-customization-jobs}, {@code /custom-models}, {@code
 * /provisioned-model-throughput}, {@code /model-customization/custom-model-deployments}) with their
 * status sequences; jobs read and check their training data in S3 ({@link #s3Client(S3Client)}) and
 * write metrics files; the provisioned and deployed ARNs answer on the runtime with the base
 * model's wire format.
 *
 * <p><b>Batch inference.</b> The control-plane calls of batch jobs ({@code
 * /model-invocation-job...}) run jobs against S3: see {@link #batchJobs()}.
 *
 * <p><b>Model ids.</b> Base ids, cross-region profile ids ({@code us.}, {@code eu.}, {@code apac.},
 * {@code jp.}, {@code au.}, {@code us-gov.}, {@code global.}) and foundation-model /
 * inference-profile ARNs resolve by themselves; other ARNs need {@link #alias(String, String)}.
 *
 * <p><b>Threads.</b> All methods are thread-safe. Each instance is independent (its own port, queue
 * and recordings); {@link #close()} stops the server.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BedrockEmulator implements AutoCloseable {
  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

  private final EmulatorState state = new EmulatorState();
  private final ModelCatalog catalog = new ModelCatalog();
  private final BedrockService service = new BedrockService(state, catalog);
  private final CustomizationControlPlane customization = new CustomizationControlPlane(catalog);
  private final BatchJobsService batchService = new BatchJobsService(state, catalog);
  private final EmulatedBatchJobs batchJobs = new EmulatedBatchJobs(batchService);
  private final EmulatorHttp http;

  private BedrockEmulator(int port) {
    this.http =
        EmulatorHttp.start(
            "bedrock-emulator",
            port,
            ex -> {
              if (CustomizationControlPlane.handles(ex.rawPath())) {
                customization.handle(ex);
              } else if (BatchJobsService.handles(ex)) {
                batchService.handle(ex);
              } else {
                service.handle(ex);
              }
            });
  }

  /**
   * Chooses the text the models write from now on: {@link TextStyle#PROSE} (the default, readable
   * English on the prompt's topic) or {@link TextStyle#EDGE_CASES} (multibyte UTF-8 in every
   * answer, for tests of a client's decoding). Kept across {@link #reset()}.
   */
  public BedrockEmulator textStyle(TextStyle style) {
    state.textStyle(style);
    return this;
  }

  /** Starts an emulator on a free port of 127.0.0.1. */
  public static BedrockEmulator start() {
    return new BedrockEmulator(0);
  }

  /** Starts an emulator on {@code port} of 127.0.0.1 (0 = any free port). */
  public static BedrockEmulator start(int port) {
    return new BedrockEmulator(port);
  }

  /** The endpoint to give the SDK's {@code endpointOverride}: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return http.endpoint();
  }

  /** The bound port. */
  public int port() {
    return http.port();
  }

  /**
   * Makes {@code identifier} (e.g. a provisioned-throughput, custom-model, imported-model or
   * application-inference-profile ARN) answer as {@code modelId}.
   *
   * @throws IllegalArgumentException when {@code modelId} is not a known family
   */
  public BedrockEmulator alias(String identifier, String modelId) {
    catalog.alias(
        Objects.requireNonNull(identifier, "identifier"),
        Objects.requireNonNull(modelId, "modelId"));
    return this;
  }

  /**
   * The batch inference jobs of this emulator (control plane and job execution), and their knobs.
   */
  public EmulatedBatchJobs batchJobs() {
    return batchJobs;
  }

  /** Queues a fault for the next request of any model (after that model's own queued items). */
  public BedrockEmulator enqueue(Fault fault) {
    state.enqueue(null, Script.of(fault));
    return this;
  }

  /** Queues instructions for one model (matched after resolving profiles, ARNs and aliases). */
  public ModelScript forModel(String modelId) {
    return new ModelScript(service.scriptKey(Objects.requireNonNull(modelId, "modelId")));
  }

  /**
   * Answers the next request of {@code modelId} with {@code json} as-is (status 200). On
   * InvokeModelWithResponseStream a JSON array becomes one chunk per element (anything else a
   * single chunk); on ConverseStream each key of the object (or of each array element) becomes one
   * event, e.g. {@code [{"messageStart":{"role":"assistant"}},
   * {"messageStop":{"stopReason":"end_turn"}}]}.
   */
  public BedrockEmulator enqueueResponse(String modelId, String json) {
    forModel(modelId).enqueueResponse(json);
    return this;
  }

  /** All requests received so far, oldest first (including failed ones). */
  public List<RecordedRequest> requests() {
    return state.requests();
  }

  /** Number of requests received so far. */
  public int requestCount() {
    return state.requestCount();
  }

  /**
   * The oldest request not yet taken, waiting up to 10 seconds.
   *
   * @throws IllegalStateException when none arrives in time
   */
  public RecordedRequest takeRequest() {
    return takeRequest(TAKE_TIMEOUT)
        .orElseThrow(() -> new IllegalStateException("no request arrived within " + TAKE_TIMEOUT));
  }

  /** The oldest request not yet taken, waiting up to {@code timeout}. */
  public Optional<RecordedRequest> takeRequest(Duration timeout) {
    return state.take(timeout);
  }

  /**
   * The S3 client the control plane's jobs (customization and batch) read their input from and
   * write their output to (e.g. one on S3Mock). Never closed by the emulator.
   */
  public BedrockEmulator s3Client(S3Client s3) {
    Objects.requireNonNull(s3, "s3");
    customization.s3(() -> s3);
    batchJobs.s3Client(s3);
    return this;
  }

  /**
   * How many {@code GetModelCustomizationJob} calls a customization job stays {@code InProgress}
   * before it trains (default 2).
   */
  public BedrockEmulator customizationPolls(int polls) {
    customization.pollsToFinish(polls);
    return this;
  }

  /**
   * The control-plane requests received so far (customization jobs, custom models, provisioned
   * throughput, deployments), oldest first; {@link RecordedRequest#operation()} is the API
   * operation's name, e.g. {@code GetProvisionedModelThroughput}. Runtime requests are in {@link
   * #requests()}.
   */
  public List<RecordedRequest> controlPlaneRequests() {
    return customization.requests();
  }

  /**
   * Forgets recorded requests, queued faults/responses and the prompt cache (aliases, customization
   * jobs and provisioned models stay).
   */
  public void reset() {
    state.reset();
    service.reset();
    customization.reset();
  }

  /** Stops the server. */
  @Override
  public void close() {
    http.close();
    batchJobs.close();
  }

  @Override
  public String toString() {
    return "BedrockEmulator[" + endpoint() + "]";
  }

  /** Queued instructions for one model; see {@link BedrockEmulator#forModel(String)}. */
  public final class ModelScript {
    private final String key;

    private ModelScript(String key) {
      this.key = key;
    }

    /** Queues a fault for the next request of this model. */
    public ModelScript enqueue(Fault fault) {
      state.enqueue(key, Script.of(fault));
      return this;
    }

    /** Answers the next request of this model with {@code json} as-is. */
    public ModelScript enqueueResponse(String json) {
      state.enqueue(
          key,
          Script.canned(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8)));
      return this;
    }
  }
}
