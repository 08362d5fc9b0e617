package dev.genaiaws.testkit;

import dev.genaiaws.testkit.internal.EmulatorHttp;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.Script;
import dev.genaiaws.testkit.internal.batch.TransformJobsService;
import dev.genaiaws.testkit.internal.sagemaker.AsyncInference;
import dev.genaiaws.testkit.internal.sagemaker.ContainerModel;
import dev.genaiaws.testkit.internal.sagemaker.EmbeddingContainer;
import dev.genaiaws.testkit.internal.sagemaker.PayloadSplitter;
import dev.genaiaws.testkit.internal.sagemaker.S3Location;
import dev.genaiaws.testkit.internal.sagemaker.SageMakerService;
import dev.genaiaws.testkit.internal.sagemaker.Text2TextContainer;
import dev.genaiaws.testkit.internal.sagemaker.TextGenerationContainer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local SageMaker Runtime: real HTTP on 127.0.0.1 speaking the service's wire protocol, with
 * endpoints you register, each backed by a container format.
 *
 * <pre>{@code
 * try (SageMakerEmulator sageMaker = SageMakerEmulator.builder()
 *         .endpoint("my-llm", SageMakerEmulator.Container.TGI)
 *         .endpoint("my-embedder", SageMakerEmulator.Container.EMBEDDING)
 *         .s3Endpoint(URI.create("http://127.0.0.1:9090"))   // for async inference
 *         .streamPartSize(7)                               // PayloadParts of 7 bytes
 *         .start()) {
 *   SageMakerRuntimeClient client = SageMakerRuntimeClient.builder()
 *       .endpointOverride(sageMaker.endpoint()) ... .build();
 *   sageMaker.forEndpoint("my-llm").enqueue(Fault.modelError(422, "bad input"));
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Operations.</b> {@code POST /endpoints/{name}/invocations} (answers with {@code
 * x-Amzn-Invoked-Production-Variant}, echoes custom attributes, honours the target variant), {@code
 * /invocations-response-stream} ({@code PayloadPart} events whose bytes are cut at arbitrary
 * offsets, even inside a multi-byte UTF-8 character, deterministically) and {@code
 * /async-invocations} (202 with {@code InferenceId} and output/failure locations; a background
 * thread reads the input object from S3 and writes the output or failure object after {@link
 * Builder#asyncDelay(Duration)}; {@link #awaitAsync(String, Duration)} waits for it).
 *
 * <p><b>Batch transform.</b> The control-plane calls {@code CreateTransformJob}, {@code
 * DescribeTransformJob}, {@code StopTransformJob}, {@code ListTransformJobs}, {@code
 * DescribeEndpoint} and {@code DescribeEndpointConfig} (JSON 1.1, {@code X-Amz-Target:
 * SageMaker.*}) run transform jobs over the registered endpoints (each endpoint's model has the
 * endpoint's name) through the S3 of the builder: the second {@code DescribeTransformJob}
 * transforms every input file line by line into {@code <file>.out} and the job ends {@code
 * Completed}, or {@code Failed} when the container refuses a record.
 *
 * <p><b>Errors.</b> Unknown endpoints and variants are 400 {@code ValidationError}; bodies the
 * container rejects are 424 {@code ModelError} with {@code OriginalStatusCode} and {@code
 * OriginalMessage}; {@link Fault}s are rendered in SageMaker's vocabulary.
 *
 * <p>All methods are thread-safe; each instance is independent; {@link #close()} stops the server,
 * the async thread and any S3 client the emulator built.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerEmulator implements AutoCloseable {
  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

  /** The container formats an endpoint can speak. */
  public enum Container {
    /**
     * Hugging Face TGI: {@code {"inputs", "parameters", "stream"}} to {@code [{"generated_text"}]}
     * (or an object with {@code details} when asked); streams {@code data:{...}} lines.
     */
    TGI,
    /** DJL LMI: the TGI request; answers a {@code {"generated_text"}} object; streams like TGI. */
    LMI,
    /**
     * JumpStart text2text: {@code {"text_inputs", "max_length", ...}} to {@code
     * {"generated_texts"}}.
     */
    JUMPSTART_TEXT2TEXT,
    /**
     * Embeddings: {@code {"text_inputs"}} to {@code {"embedding": [[...]]}}, {@code {"inputs"}} to
     * nested lists.
     */
    EMBEDDING
  }

  private final EmulatorState state = new EmulatorState();
  private final SageMakerService service;
  private final @Nullable AsyncInference async;
  private final S3Client ownedS3;
  private final int embeddingDimensions;
  private final EmulatorHttp http;

  private SageMakerEmulator(Builder b) {
    this.embeddingDimensions = b.embeddingDimensions;
    S3Client s3 = b.s3Client;
    S3Client owned = null;
    if (s3 == null && b.s3Endpoint != null) {
      owned =
          S3Client.builder()
              .endpointOverride(b.s3Endpoint)
              .forcePathStyle(true)
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create("emulator", "emulator")))
              .httpClient(UrlConnectionHttpClient.create())
              .build();
      s3 = owned;
    }
    this.ownedS3 = owned;
    S3Client client = s3;
    this.async = client == null ? null : new AsyncInference(() -> client, b.asyncDelay);
    this.service =
        new SageMakerService(
            state,
            b.splitter,
            async,
            b.asyncOutput == null ? null : S3Location.parse(b.asyncOutput),
            b.asyncFailure == null ? null : S3Location.parse(b.asyncFailure));
    b.endpoints.forEach((name, spec) -> register(name, spec.container(), spec.variants()));
    TransformJobsService transforms =
        new TransformJobsService(state, service::model, client == null ? null : () -> client);
    this.http =
        EmulatorHttp.start(
            "sagemaker-emulator",
            b.port,
            ex -> {
              if (TransformJobsService.handles(ex)) {
                transforms.handle(ex);
              } else {
                service.handle(ex);
              }
            });
  }

  private record Spec(Container container, List<String> variants) {}

  /** A builder for an emulator with endpoints, S3 and streaming settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts an emulator with no endpoints yet (add them with {@link #endpoint(String, Container)}).
   */
  public static SageMakerEmulator start() {
    return builder().start();
  }

  private ContainerModel model(Container c) {
    return switch (c) {
      case TGI -> new TextGenerationContainer(false);
      case LMI -> new TextGenerationContainer(true);
      case JUMPSTART_TEXT2TEXT -> new Text2TextContainer();
      case EMBEDDING -> new EmbeddingContainer(embeddingDimensions);
    };
  }

  private void register(String name, Container container, List<String> variants) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(container, "container");
    service.register(
        new SageMakerService.Endpoint(
            name, model(container), variants.isEmpty() ? List.of("AllTraffic") : variants));
  }

  /**
   * Chooses the text the models write from now on: {@link TextStyle#PROSE} (the default, readable
   * English on the prompt's topic) or {@link TextStyle#EDGE_CASES} (multibyte UTF-8 in every
   * answer, for tests of a client's decoding). Kept across {@link #reset()}.
   */
  public SageMakerEmulator textStyle(TextStyle style) {
    state.textStyle(style);
    return this;
  }

  /** Registers (or replaces) an endpoint with the single variant {@code AllTraffic}. */
  public SageMakerEmulator endpoint(String name, Container container) {
    register(name, container, List.of());
    return this;
  }

  /**
   * Registers (or replaces) an endpoint with the given production variants (the first is the
   * default).
   */
  public SageMakerEmulator endpoint(String name, Container container, String... variants) {
    register(name, container, List.of(variants));
    return this;
  }

  /** {@code http://127.0.0.1:<port>}, for the SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return http.endpoint();
  }

  /** The bound port. */
  public int port() {
    return http.port();
  }

  /**
   * Queues a fault for the next request to any endpoint (after that endpoint's own queued items).
   */
  public SageMakerEmulator enqueue(Fault fault) {
    state.enqueue(null, Script.of(fault));
    return this;
  }

  /** Queues instructions for one endpoint. */
  public EndpointScript forEndpoint(String name) {
    return new EndpointScript(Objects.requireNonNull(name, "name"));
  }

  /** All requests received so far, oldest first. */
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
   * Waits until async inference {@code inferenceId} has written its output or failure object.
   *
   * @return the {@code s3://} location written
   * @throws IllegalStateException when the inference is unknown, fails to write, or times out
   */
  public String awaitAsync(String inferenceId, Duration timeout) {
    if (async == null) {
      throw new IllegalStateException("async inference needs an S3 endpoint or client");
    }
    var f =
        async
            .outcome(inferenceId)
            .orElseThrow(() -> new IllegalStateException("no async inference " + inferenceId));
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS).location();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + inferenceId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("async inference " + inferenceId + " did not complete", e);
    }
  }

  /** Forgets recorded requests, queued faults and finished async outcomes (endpoints stay). */
  public void reset() {
    state.reset();
    if (async != null) {
      async.reset();
    }
  }

  /**
   * Stops the server, the async thread and the S3 client the emulator built (not one you gave it).
   */
  @Override
  public void close() {
    http.close();
    if (async != null) {
      async.close();
    }
    if (ownedS3 != null) {
      ownedS3.close();
    }
  }

  @Override
  public String toString() {
    return "SageMakerEmulator[" + endpoint() + "]";
  }

  /** Queued instructions for one endpoint; see {@link SageMakerEmulator#forEndpoint(String)}. */
  public final class EndpointScript {
    private final String name;

    private EndpointScript(String name) {
      this.name = name;
    }

    /** Queues a fault for the next request to this endpoint. */
    public EndpointScript enqueue(Fault fault) {
      state.enqueue(name, Script.of(fault));
      return this;
    }

    /** Answers the next request to this endpoint with {@code body} as-is (status 200). */
    public EndpointScript enqueueResponse(String body) {
      state.enqueue(
          name,
          Script.canned(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8)));
      return this;
    }
  }

  /** Settings for a {@link SageMakerEmulator}; {@link #start()} builds and starts it. */
  public static final class Builder {
    private final Map<String, Spec> endpoints = new LinkedHashMap<>();
    private int port;
    private URI s3Endpoint;
    private S3Client s3Client;
    private Duration asyncDelay = Duration.ofMillis(50);
    private String asyncOutput;
    private String asyncFailure;
    private PayloadSplitter splitter = PayloadSplitter.random(42, 16);
    private int embeddingDimensions = 384;

    private Builder() {}

    /** The port on 127.0.0.1 (default 0: any free port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Registers an endpoint (variant {@code AllTraffic}, or the given variants). */
    public Builder endpoint(String name, Container container, String... variants) {
      endpoints.put(
          Objects.requireNonNull(name, "name"),
          new Spec(
              Objects.requireNonNull(container, "container"), new ArrayList<>(List.of(variants))));
      return this;
    }

    /** The S3 endpoint async inference reads from and writes to (path-style, fake credentials). */
    public Builder s3Endpoint(URI endpoint) {
      this.s3Endpoint = endpoint;
      return this;
    }

    /**
     * An S3 client for async inference instead of {@link #s3Endpoint(URI)}; the emulator never
     * closes it.
     */
    public Builder s3Client(S3Client client) {
      this.s3Client = client;
      return this;
    }

    /** How long an async inference takes before its output is written (default 50 ms). */
    public Builder asyncDelay(Duration delay) {
      if (delay == null || delay.isNegative()) {
        throw new IllegalArgumentException("delay must be >= 0 but was " + delay);
      }
      this.asyncDelay = delay;
      return this;
    }

    /**
     * Where async outputs go, e.g. {@code s3://bucket/out} (default: {@code async-output/} in the
     * input's bucket).
     */
    public Builder asyncOutputPath(String s3Uri) {
      this.asyncOutput = S3Location.parse(s3Uri).toString();
      return this;
    }

    /** Where async failures go (default: {@code async-failures/} in the input's bucket). */
    public Builder asyncFailurePath(String s3Uri) {
      this.asyncFailure = S3Location.parse(s3Uri).toString();
      return this;
    }

    /** Streams PayloadParts of exactly {@code bytes} bytes (the last may be shorter). */
    public Builder streamPartSize(int bytes) {
      this.splitter = PayloadSplitter.fixed(bytes);
      return this;
    }

    /**
     * Streams PayloadParts of seeded random sizes from 1 to {@code maxBytes} (default seed 42, max
     * 16).
     */
    public Builder streamSplitSeed(long seed, int maxBytes) {
      this.splitter = PayloadSplitter.random(seed, maxBytes);
      return this;
    }

    /** Vector size of {@link Container#EMBEDDING} endpoints (default 384). */
    public Builder embeddingDimensions(int dimensions) {
      if (dimensions < 1) {
        throw new IllegalArgumentException("dimensions must be >= 1 but was " + dimensions);
      }
      this.embeddingDimensions = dimensions;
      return this;
    }

    /** Builds and starts the emulator. */
    public SageMakerEmulator start() {
      return new SageMakerEmulator(this);
    }
  }
}
