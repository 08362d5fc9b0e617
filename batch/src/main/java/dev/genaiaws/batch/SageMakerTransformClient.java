package dev.genaiaws.batch;

import dev.genaiaws.aws.AwsClientBuilderBase;
import dev.genaiaws.aws.internal.LazyClient;
import dev.genaiaws.aws.internal.S3Uri;
import dev.genaiaws.batch.internal.BatchErrors;
import dev.genaiaws.batch.internal.InputFiles;
import dev.genaiaws.batch.internal.RecordEncoder;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnknownModelException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.Listeners;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.sagemaker.SageMakerFormats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * SageMaker batch transform for the model behind an endpoint: many {@code GenerationRequest}s run
 * by SageMaker on instances of their own, from S3 to S3, through the same job handle and result
 * reading as Bedrock batch jobs.
 *
 * <pre>{@code
 * try (SageMakerTransformClient transform = SageMakerTransformClient.builder().build()) {
 *   TransformJob job = transform.submit(config, requests);       // JSON lines written, CreateTransformJob
 *   job.await(Duration.ofHours(6), s -> System.err.println(s.rawStatus()));
 *   try (BatchResults<GenerationResponse> results = job.results()) { ... }   // in input order, per file
 * }
 * }</pre>
 *
 * <p>Each request is encoded with the container format's codec (the {@code format} of the {@link
 * TransformJobConfig}) into one JSON line; the lines go to {@code
 * <inputUri>/<jobName>/records-<first record index>.jsonl}, split within the limits of {@link
 * #builder()}'s {@link BatchLimits} (the per-file ones; SageMaker has no minimum). The job is
 * created with {@code SplitType=Line}, {@code BatchStrategy=SingleRecord} and {@code
 * AssembleWith=Line}, so SageMaker writes {@code <outputUri>/<file>.out} with one answer line per
 * input line, in order: the record ids ({@link BatchRecord#autoId(long)}) are recovered from the
 * file names and line numbers, so {@link #attach(String, ModelFamily)} in another process reads the
 * same results. A record the container refuses fails the whole job (SageMaker's behaviour), with
 * the reason in the snapshot's message.
 *
 * <p>Clients: give it your {@link SageMakerClient} and {@link S3Client} (never closed here) or let
 * it build them for the region and credentials given (closed by {@link #close()}).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerTransformClient implements AutoCloseable {
  private final LazyClient<SageMakerClient> sagemaker;
  private final LazyClient<S3Client> s3;
  private final BatchLimits limits;
  private final AwaitPolicy awaitPolicy;
  private final Listeners listeners;

  private SageMakerTransformClient(Builder b, Region region, AwsCredentialsProvider credentials) {
    this.sagemaker =
        LazyClient.of(
            "SageMaker transform client",
            b.sagemakerClient,
            () ->
                BedrockBatchClient.configure(SageMakerClient.builder(), region, credentials)
                    .build());
    this.s3 =
        LazyClient.of(
            "SageMaker transform client",
            b.s3Client,
            () -> BedrockBatchClient.configure(S3Client.builder(), region, credentials).build());
    this.limits = b.limits;
    this.awaitPolicy = b.awaitPolicy;
    this.listeners = new Listeners(b.listeners);
  }

  public static SageMakerTransformClient create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Submits generation requests as one transform job; record ids are their positions. */
  public TransformJob submit(TransformJobConfig config, Iterable<GenerationRequest> requests) {
    Checks.notNull(requests, "requests");
    return submitRecords(config, BedrockBatchClient.numbered(requests.iterator()));
  }

  /** Submits generation requests with your own record ids (a generation format). */
  public TransformJob submitRecords(
      TransformJobConfig config, Iterator<BatchRecord<GenerationRequest>> records) {
    Checks.notNull(config, "config");
    Checks.notNull(records, "records");
    codec(config.format()); // an unknown or embedding format fails before anything is written
    return submitLines(
        config,
        records,
        RecordEncoder.generation(
            "sagemaker",
            SageMakerFormats.generationCodecs(),
            config.format(),
            null,
            false,
            UnsupportedParameterPolicy.FAIL));
  }

  /**
   * Submits embedding requests as one transform job (an embedding format such as {@code
   * SageMakerFormats.JUMPSTART_EMBEDDING}); record ids are their positions. Each request is one
   * call of the container: at most the format's batch size of texts.
   */
  public TransformJob submitEmbeddings(
      TransformJobConfig config, Iterable<EmbeddingRequest> requests) {
    Checks.notNull(requests, "requests");
    return submitEmbeddingRecords(config, BedrockBatchClient.numbered(requests.iterator()));
  }

  /**
   * Submits embedding requests with your own record ids; read them with {@link
   * TransformJob#embeddingResults()}.
   */
  public TransformJob submitEmbeddingRecords(
      TransformJobConfig config, Iterator<BatchRecord<EmbeddingRequest>> records) {
    Checks.notNull(config, "config");
    Checks.notNull(records, "records");
    embeddingCodec(
        config.format()); // an unknown or generation format fails before anything is written
    CodecRegistry<EmbeddingCodec> codecs = SageMakerFormats.embeddingCodecs();
    return submitLines(
        config,
        records,
        r -> RecordEncoder.encode(r, null, codecs.resolve(r.modelId(), config.format())));
  }

  private <R> TransformJob submitLines(
      TransformJobConfig config, Iterator<BatchRecord<R>> records, Function<R, byte[]> encode) {
    String[] requestId = new String[1];
    String modelId = config.modelName() != null ? config.modelName() : config.endpointName();
    return listeners.observeOnce(
        BedrockBatchClient.submission("sagemaker", modelId),
        () -> submit(config, records, encode, requestId),
        job -> BedrockBatchClient.submitted(requestId[0], modelId));
  }

  private <R> TransformJob submit(
      TransformJobConfig config,
      Iterator<BatchRecord<R>> records,
      Function<R, byte[]> encode,
      String[] requestId) {
    S3Uri folder = S3Uri.parse(config.inputUri()).child(config.jobName() + "/");
    InputFiles.requireEmpty(s3(), folder, "SageMaker");
    InputFiles.requireEmpty(s3(), InputFiles.idsFolder(folder), "this SDK");
    BatchLimits transformLimits =
        new BatchLimits(
            1,
            Integer.MAX_VALUE,
            limits.maxRecordsPerFile(),
            limits.maxFileBytes(),
            Long.MAX_VALUE);
    try (InputFiles files = InputFiles.writeLines(records, encode, transformLimits)) {
      files.upload(s3(), folder, "application/jsonlines");
    }
    String model = config.modelName() != null ? config.modelName() : modelOf(config.endpointName());
    CreateTransformJobRequest.Builder req =
        CreateTransformJobRequest.builder()
            .transformJobName(config.jobName())
            .modelName(model)
            .batchStrategy("SingleRecord")
            .maxPayloadInMB(config.maxPayloadMb())
            .transformInput(
                i ->
                    i.contentType("application/json")
                        .splitType("Line")
                        .compressionType("None")
                        .dataSource(
                            d ->
                                d.s3DataSource(
                                    s -> s.s3DataType("S3Prefix").s3Uri(folder.toString()))))
            .transformOutput(
                o ->
                    o.s3OutputPath(config.outputUri() + config.jobName() + "/")
                        .accept("application/json")
                        .assembleWith("Line")
                        .kmsKeyId(config.outputKmsKeyId()))
            .transformResources(
                r ->
                    r.instanceType(config.instanceType())
                        .instanceCount(config.instanceCount())
                        .volumeKmsKeyId(config.volumeKmsKeyId()));
    if (!config.tags().isEmpty()) {
      req.tags(
          config.tags().entrySet().stream()
              .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
              .toList());
    }
    requestId[0] =
        BatchErrors.call(
                "CreateTransformJob " + config.jobName(),
                () -> sagemaker().createTransformJob(req.build()))
            .responseMetadata()
            .requestId();
    return new TransformJob(this, config.jobName(), config.format());
  }

  /**
   * A handle on an existing transform job, in this or another process. The container format is not
   * part of the job, so name it as when submitting (a generation or an embedding format).
   */
  public TransformJob attach(String jobName, ModelFamily format) {
    Checks.notNull(format, "format");
    if (SageMakerFormats.embeddingCodecs().codecFor(format).isEmpty()) {
      codec(format);
    }
    TransformJob job = new TransformJob(this, Checks.notBlank(jobName, "jobName"), format);
    job.info();
    return job;
  }

  /**
   * The model the endpoint's first production variant runs (DescribeEndpoint,
   * DescribeEndpointConfig).
   */
  private String modelOf(String endpointName) {
    String configName =
        BatchErrors.call(
            "DescribeEndpoint " + endpointName,
            () ->
                sagemaker()
                    .describeEndpoint(b -> b.endpointName(endpointName))
                    .endpointConfigName());
    List<String> models =
        BatchErrors.call(
            "DescribeEndpointConfig " + configName,
            () ->
                sagemaker()
                    .describeEndpointConfig(b -> b.endpointConfigName(configName))
                    .productionVariants()
                    .stream()
                    .map(v -> v.modelName())
                    .toList());
    if (models.isEmpty() || models.get(0) == null) {
      throw new InvalidRequestException(
          "endpoint "
              + endpointName
              + " has no production variant with a model:"
              + " give the model name instead");
    }
    return models.get(0);
  }

  static ModelCodec codec(ModelFamily format) {
    return SageMakerFormats.generationCodecs()
        .codecFor(format)
        .orElseThrow(
            () ->
                new UnknownModelException(
                    format.name(),
                    SageMakerFormats.generationCodecs().families().stream()
                        .map(ModelFamily::name)
                        .toList(),
                    "name one of the SageMakerFormats generation formats for generation requests"));
  }

  static EmbeddingCodec embeddingCodec(ModelFamily format) {
    return SageMakerFormats.embeddingCodecs()
        .codecFor(format)
        .orElseThrow(
            () ->
                new UnknownModelException(
                    format.name(),
                    SageMakerFormats.embeddingCodecs().families().stream()
                        .map(ModelFamily::name)
                        .toList(),
                    "name one of the SageMakerFormats embedding formats for embedding requests"));
  }

  SageMakerClient sagemaker() {
    return sagemaker.get();
  }

  S3Client s3() {
    return s3.get();
  }

  AwaitPolicy awaitPolicy() {
    return awaitPolicy;
  }

  @Override
  public void close() {
    sagemaker.close();
    s3.close();
  }

  @Override
  public String toString() {
    return "SageMakerTransformClient[" + awaitPolicy + "]";
  }

  /** Builds a {@link SageMakerTransformClient}; every setting is optional. */
  public static final class Builder extends AwsClientBuilderBase<Builder> {
    private SageMakerClient sagemakerClient;
    private S3Client s3Client;
    private BatchLimits limits = BatchLimits.defaults();
    private AwaitPolicy awaitPolicy =
        AwaitPolicy.builder()
            .initialDelay(Duration.ofSeconds(30))
            .maxDelay(Duration.ofMinutes(5))
            .build();

    private final List<GenerationListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a listener told of each job submission (operation {@code createBatchJob}, provider
     * {@code sagemaker}, the config's model name, else its endpoint name): one call from the input
     * upload to the created job.
     */
    public Builder listener(GenerationListener listener) {
      this.listeners.add(Checks.notNull(listener, "listener"));
      return this;
    }

    /** Replaces the listeners. */
    public Builder listeners(List<GenerationListener> listeners) {
      this.listeners.clear();
      Checks.notNull(listeners, "listeners").forEach(this::listener);
      return this;
    }

    /** The SageMaker control-plane client (yours: never closed here). */
    public Builder sagemakerClient(SageMakerClient client) {
      this.sagemakerClient = client;
      return this;
    }

    /** The S3 client for input and results (yours: never closed here). */
    public Builder s3Client(S3Client client) {
      this.s3Client = client;
      return this;
    }

    /** The per-file limits the input is split within (the job limits do not apply to transform). */
    public Builder limits(BatchLimits limits) {
      this.limits = Checks.notNull(limits, "limits");
      return this;
    }

    public Builder awaitPolicy(AwaitPolicy awaitPolicy) {
      this.awaitPolicy = Checks.notNull(awaitPolicy, "awaitPolicy");
      return this;
    }

    public SageMakerTransformClient build() {
      return new SageMakerTransformClient(this, awsRegion(), awsCredentials());
    }
  }
}
