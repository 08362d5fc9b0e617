package dev.genaiaws.batch;

import dev.genaiaws.aws.AwsClientBuilderBase;
import dev.genaiaws.aws.internal.LazyClient;
import dev.genaiaws.aws.internal.S3Uri;
import dev.genaiaws.batch.internal.BatchErrors;
import dev.genaiaws.batch.internal.InputFiles;
import dev.genaiaws.batch.internal.ProfileHint;
import dev.genaiaws.batch.internal.RecordEncoder;
import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnknownModelException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.Listeners;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobProgress;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.VpcConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobInputDataConfig;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobOutputDataConfig;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.bedrock.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bedrock batch inference: thousands of {@code GenerationRequest}s (or {@code EmbeddingRequest}s)
 * for one model, run by the service from S3 at about half the on-demand price, as easily as {@code
 * generate}.
 *
 * <pre>{@code
 * try (BedrockBatchClient batch = BedrockBatchClient.builder().region(Region.US_EAST_1).build()) {
 *   List<GenerationRequest> requests = topics.stream()
 *       .map(t -> GenerationRequest.builder().modelId(MODEL).user("Write a blog post about " + t).build())
 *       .toList();
 *   BatchJob job = batch.submit(config, requests);          // encoded, split, written to S3, job created
 *   job.await(Duration.ofHours(24), s -> System.out.println(s.progress()));
 *   try (BatchResults<GenerationResponse> results = job.results()) {
 *     for (BatchResult<GenerationResponse> r : results) {
 *       GenerationRequest asked = requests.get((int) r.inputIndex());   // output order is not input order
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p><b>Submitting.</b> Each request is encoded with its model family's codec into exactly the
 * InvokeModel body a synchronous call sends, as a JSONL record {@code {"recordId", "modelInput"}}.
 * The records are written to local temporary files first, split within {@link BatchLimits} (records
 * and bytes per file, records per job), and uploaded to {@code
 * <inputUri>/<jobName>/part-NNNNN.jsonl} only when the whole input is valid: records a batch cannot
 * take (tool use, structured output, another model, provisioned throughput) and too few or too many
 * records are refused before anything is written. Then {@code CreateModelInvocationJob} runs with
 * the role, output location, time-out, tags, VPC and output KMS key of the {@link BatchJobConfig}.
 * Models no family codec knows (DeepSeek, Qwen, gpt-oss, newer versions) run as a {@code Converse}
 * job: each record's {@code modelInput} is then the body a {@code Converse} call sends, and each
 * {@code modelOutput} is read as a Converse answer ({@link BatchJobConfig#api()} forces either
 * kind).
 *
 * <p><b>Clients.</b> Give it your {@link BedrockClient} (control plane) and {@link S3Client} (never
 * closed here), or let it build them on first use for the region and credentials given (closed by
 * {@link #close()}). Thread-safe; create once and share.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BedrockBatchClient implements AutoCloseable {
  private final LazyClient<BedrockClient> bedrock;
  private final LazyClient<S3Client> s3;
  private final CodecRegistry<ModelCodec> codecs;
  private final CodecRegistry<EmbeddingCodec> embeddingCodecs;
  private final BatchLimits limits;
  private final BatchQuotas quotas;
  private final AwaitPolicy awaitPolicy;
  private final Listeners listeners;
  private final UnsupportedParameterPolicy unsupportedParameters;
  private final Region region;

  private BedrockBatchClient(Builder b, Region region, AwsCredentialsProvider credentials) {
    this.bedrock =
        LazyClient.of(
            "Bedrock batch client",
            b.bedrockClient,
            () -> configure(BedrockClient.builder(), region, credentials).build());
    this.s3 =
        LazyClient.of(
            "Bedrock batch client",
            b.s3Client,
            () -> configure(S3Client.builder(), region, credentials).build());
    this.codecs = BedrockCodecs.textRegistry();
    this.embeddingCodecs = BedrockCodecs.embeddingRegistry();
    this.limits = b.limits;
    this.quotas = b.quotas;
    this.awaitPolicy = b.awaitPolicy;
    this.unsupportedParameters = b.unsupportedParameters;
    this.region = region;
    this.listeners = new Listeners(b.listeners);
  }

  /** A client for the default region and credentials chains. */
  public static BedrockBatchClient create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Submits generation requests for the config's model; record ids are assigned by position. */
  public BatchJob submit(BatchJobConfig config, Iterable<GenerationRequest> requests) {
    Checks.notNull(requests, "requests");
    return submit(config, requests.iterator());
  }

  /** As {@link #submit(BatchJobConfig, Iterable)}, from a stream (consumed once, not closed). */
  public BatchJob submit(BatchJobConfig config, Stream<GenerationRequest> requests) {
    Checks.notNull(requests, "requests");
    return submit(config, requests.iterator());
  }

  /**
   * As {@link #submit(BatchJobConfig, Iterable)}, from an iterator (read once, one record at a
   * time).
   */
  public BatchJob submit(BatchJobConfig config, Iterator<GenerationRequest> requests) {
    return submitRecords(config, numbered(Checks.notNull(requests, "requests")));
  }

  /** Submits generation requests with your own record ids. */
  public BatchJob submitRecords(
      BatchJobConfig config, Iterator<BatchRecord<GenerationRequest>> records) {
    Checks.notNull(config, "config");
    Checks.notNull(records, "records");
    boolean converse = converse(config);
    return submitEncoded(
        config,
        records,
        converse,
        RecordEncoder.generation(
            "bedrock", codecs, null, config.modelId(), converse, unsupportedParameters));
  }

  /**
   * Whether a job's records are Converse bodies: as configured, or (AUTO) when no family codec
   * knows the model. Resolves the codec of an InvokeModel job, so an unknown model fails here,
   * before anything is written.
   */
  private boolean converse(BatchJobConfig config) {
    RecordEncoder.checkModel(config.modelId());
    return switch (config.api()) {
      case CONVERSE -> true;
      case INVOKE_MODEL -> {
        generationCodec(config.modelId());
        yield false;
      }
      case AUTO -> {
        try {
          generationCodec(config.modelId());
          yield false;
        } catch (UnknownModelException e) {
          yield true;
        }
      }
    };
  }

  /** Submits embedding requests (each one model call: one text for Titan, up to 96 for Cohere). */
  public BatchJob submitEmbeddings(BatchJobConfig config, Iterable<EmbeddingRequest> requests) {
    Checks.notNull(requests, "requests");
    return submitEmbeddingRecords(config, numbered(requests.iterator()));
  }

  /** Submits embedding requests with your own record ids. */
  public BatchJob submitEmbeddingRecords(
      BatchJobConfig config, Iterator<BatchRecord<EmbeddingRequest>> records) {
    Checks.notNull(config, "config");
    Checks.notNull(records, "records");
    if (config.api() == BedrockApi.CONVERSE) {
      throw new InvalidRequestException(
          "embedding jobs run InvokeModel records (Converse has no embeddings):"
              + " leave BatchJobConfig.api at AUTO or INVOKE_MODEL");
    }
    CodecRegistry.Resolution<EmbeddingCodec> codec = embeddingCodec(config.modelId());
    return submitEncoded(
        config, records, false, r -> RecordEncoder.encode(r, config.modelId(), codec));
  }

  /**
   * A handle on an existing job, from its ARN, in this or any other process: everything needed to
   * await it and read its results comes from the job.
   *
   * @throws dev.genaiaws.core.exception.ModelNotFoundException when no such job exists
   */
  public BatchJob attach(String jobArn) {
    BatchJob job = new BatchJob(this, Checks.notBlank(jobArn, "jobArn"));
    job.info();
    return job;
  }

  /**
   * All batch jobs of the account and Region, newest first, fetched page by page as the stream is
   * read.
   */
  public Stream<BatchJobInfo> list() {
    return list(null);
  }

  /** The batch jobs with one status ({@code null}: all), newest first, fetched lazily. */
  public Stream<BatchJobInfo> list(BatchJobStatus status) {
    Iterator<ModelInvocationJobSummary> pages =
        BatchErrors.call(
            "ListModelInvocationJobs",
            () ->
                bedrock()
                    .listModelInvocationJobsPaginator(
                        b -> {
                          b.sortOrder("Descending");
                          if (status != null && status != BatchJobStatus.UNKNOWN) {
                            b.statusEquals(status.wireName());
                          }
                        })
                    .invocationJobSummaries()
                    .iterator());
    // each page is fetched while the stream is read: its failures are mapped there too
    Iterator<BatchJobInfo> infos =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return BatchErrors.call("ListModelInvocationJobs", pages::hasNext);
          }

          @Override
          public BatchJobInfo next() {
            return info(BatchErrors.call("ListModelInvocationJobs", pages::next));
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(infos, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Closes the AWS clients this client built (not the ones you gave it). */
  @Override
  public void close() {
    bedrock.close();
    s3.close();
  }

  @Override
  public String toString() {
    return "BedrockBatchClient[" + limits + ", " + awaitPolicy + "]";
  }

  // --- machinery shared with BatchJob ---

  /**
   * A control-plane or S3 client builder on url-connection with the region and credentials given.
   * Unlike the runtime clients, these keep the SDK's standard retries: job calls are few,
   * idempotent reads or creates with an idempotency token, and no retry layer of ours wraps them.
   */
  static <
          B extends
              software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>
                  & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>>
      B configure(B builder, Region region, AwsCredentialsProvider credentials) {
    builder.httpClientBuilder(
        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder());
    if (region != null) {
      builder.region(region);
    }
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder;
  }

  BedrockClient bedrock() {
    return bedrock.get();
  }

  S3Client s3() {
    return s3.get();
  }

  AwaitPolicy awaitPolicy() {
    return awaitPolicy;
  }

  CodecRegistry.Resolution<ModelCodec> generationCodec(String modelId) {
    return RecordEncoder.resolve(codecs, modelId, null);
  }

  CodecRegistry.Resolution<EmbeddingCodec> embeddingCodec(String modelId) {
    RecordEncoder.checkModel(modelId);
    return embeddingCodecs.resolve(modelId);
  }

  private <R> BatchJob submitEncoded(
      BatchJobConfig config,
      Iterator<BatchRecord<R>> records,
      boolean converse,
      Function<R, byte[]> encode) {
    S3Uri folder = S3Uri.parse(config.inputUri()).asFolder().child(config.jobName() + "/");
    String[] requestId = new String[1];
    return listeners.observeOnce(
        submission("bedrock", config.modelId()),
        () -> {
          BatchLimits jobLimits = limits(config);
          InputFiles.requireEmpty(s3(), folder, "Bedrock");
          try (InputFiles files = InputFiles.write(records, encode, jobLimits)) {
            files.upload(s3(), folder, "application/jsonl");
            return create(config, folder, converse, requestId);
          }
        },
        job -> submitted(requestId[0], config.modelId()));
  }

  /**
   * The limits a job's input is checked against: its model's quotas when it names them, else the
   * client's.
   */
  private BatchLimits limits(BatchJobConfig config) {
    if (config.quotaModelName() == null) {
      return limits;
    }
    if (quotas == null) {
      throw new InvalidRequestException(
          "the job names its Service Quotas model ('"
              + config.quotaModelName()
              + "') but the client reads no quotas: build it with BedrockBatchClient.builder().quotas(BatchQuotas"
              + ".create()), or drop quotaModelName to use the client's BatchLimits");
    }
    return quotas.limits(config.quotaModelName());
  }

  /** The listeners' view of a job submission (operation {@code createBatchJob}). */
  static CallInfo submission(String provider, String modelId) {
    return new CallInfo(provider, "createBatchJob", modelId, 1, null, Listeners.nextCallId());
  }

  /**
   * What listeners are told of a submitted job: the create call's request id, no content or usage.
   */
  static GenerationResponse submitted(String requestId, String modelId) {
    return GenerationResponse.builder()
        .metadata(new ResponseMetadata(requestId, modelId, null, 1, java.util.Map.of()))
        .build();
  }

  private BatchJob create(
      BatchJobConfig config, S3Uri folder, boolean converse, String[] requestId) {
    CreateModelInvocationJobRequest.Builder req =
        CreateModelInvocationJobRequest.builder()
            .jobName(config.jobName())
            .modelId(config.modelId())
            .roleArn(config.roleArn())
            .modelInvocationType(converse ? "Converse" : "InvokeModel")
            .inputDataConfig(
                ModelInvocationJobInputDataConfig.builder()
                    .s3InputDataConfig(s -> s.s3Uri(folder.toString()).s3InputFormat("JSONL"))
                    .build())
            .outputDataConfig(
                ModelInvocationJobOutputDataConfig.builder()
                    .s3OutputDataConfig(
                        s -> s.s3Uri(config.outputUri()).s3EncryptionKeyId(config.outputKmsKeyId()))
                    .build())
            .timeoutDurationInHours(config.timeoutHours())
            .clientRequestToken(config.clientRequestToken());
    if (!config.tags().isEmpty()) {
      req.tags(
          config.tags().entrySet().stream()
              .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
              .toList());
    }
    if (config.vpc() != null) {
      req.vpcConfig(
          v ->
              v.subnetIds(config.vpc().subnetIds())
                  .securityGroupIds(config.vpc().securityGroupIds()));
    }
    try {
      var created =
          BatchErrors.call(
              "CreateModelInvocationJob " + config.jobName(),
              () -> bedrock().createModelInvocationJob(req.build()));
      requestId[0] = created.responseMetadata().requestId();
      return new BatchJob(this, created.jobArn());
    } catch (ValidationException e) {
      String hint = ProfileHint.forValidation(config.modelId(), region, e.getMessage());
      if (hint == null) {
        throw e;
      }
      throw new InvalidRequestException(e.getMessage() + " — " + hint, e);
    }
  }

  /** Plain requests as records numbered by their position ({@link BatchRecord#autoId(long)}). */
  static <R> Iterator<BatchRecord<R>> numbered(Iterator<R> requests) {
    AtomicLong index = new AtomicLong();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return requests.hasNext();
      }

      @Override
      public BatchRecord<R> next() {
        long i = index.getAndIncrement();
        R r = requests.next();
        if (r == null) {
          throw new InvalidRequestException("request " + i + " of the batch input is null");
        }
        return BatchRecord.of(BatchRecord.autoId(i), r);
      }
    };
  }

  static BatchJobInfo info(ModelInvocationJobSummary s) {
    return info(
        s.jobArn(),
        s.statusAsString(),
        s.message(),
        s.totalRecordCount(),
        s.processedRecordCount(),
        s.successRecordCount(),
        s.errorRecordCount(),
        s.jobName(),
        s.modelId(),
        s.inputDataConfig(),
        s.outputDataConfig(),
        s.modelInvocationTypeAsString(),
        s.submitTime(),
        s.endTime(),
        s.jobExpirationTime(),
        s.vpcConfig());
  }

  static BatchJobInfo info(
      String arn,
      String rawStatus,
      String message,
      Long total,
      Long processed,
      Long success,
      Long errors,
      String jobName,
      String modelId,
      ModelInvocationJobInputDataConfig input,
      ModelInvocationJobOutputDataConfig output,
      String invocationType,
      Instant submitTime,
      Instant endTime,
      Instant expirationTime,
      software.amazon.awssdk.services.bedrock.model.VpcConfig vpc) {
    String raw = rawStatus == null ? "" : rawStatus;
    JobSnapshot<BatchJobStatus> snapshot =
        new JobSnapshot<>(
            arn,
            BatchJobStatus.fromWire(raw),
            raw,
            new JobProgress(n(total), n(processed), n(success), n(errors)),
            message);
    String in =
        input == null || input.s3InputDataConfig() == null ? "" : input.s3InputDataConfig().s3Uri();
    String out =
        output == null || output.s3OutputDataConfig() == null
            ? ""
            : output.s3OutputDataConfig().s3Uri();
    String key =
        output == null || output.s3OutputDataConfig() == null
            ? null
            : output.s3OutputDataConfig().s3EncryptionKeyId();
    VpcConfig jobVpc =
        vpc == null || !vpc.hasSubnetIds() || vpc.subnetIds().isEmpty()
            ? null
            : VpcConfig.of(vpc.subnetIds(), vpc.securityGroupIds());
    return new BatchJobInfo(
        snapshot,
        Objects.toString(jobName, ""),
        Objects.toString(modelId, ""),
        in,
        out,
        Objects.toString(invocationType, "InvokeModel"),
        submitTime,
        endTime,
        expirationTime,
        jobVpc,
        key);
  }

  private static long n(Long value) {
    return value == null ? 0 : Math.max(0, value);
  }

  /** Builds a {@link BedrockBatchClient}; every setting is optional. */
  public static final class Builder extends AwsClientBuilderBase<Builder> {
    private BedrockClient bedrockClient;
    private S3Client s3Client;
    private BatchLimits limits = BatchLimits.defaults();
    private BatchQuotas quotas;
    private AwaitPolicy awaitPolicy =
        AwaitPolicy.builder()
            .initialDelay(java.time.Duration.ofSeconds(30))
            .maxDelay(java.time.Duration.ofMinutes(5))
            .build();
    private UnsupportedParameterPolicy unsupportedParameters = UnsupportedParameterPolicy.FAIL;
    private final List<GenerationListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a listener told of each job submission (operation {@code createBatchJob}, provider
     * {@code bedrock}, the batch's model id): one call from the input upload to the created job,
     * for tracing and metrics.
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

    /** The Bedrock control-plane client to use (yours: never closed here). */
    public Builder bedrockClient(BedrockClient bedrockClient) {
      this.bedrockClient = bedrockClient;
      return this;
    }

    /** The S3 client for input and results (yours: never closed here). */
    public Builder s3Client(S3Client s3Client) {
      this.s3Client = s3Client;
      return this;
    }

    /** Your account's batch quotas (default {@link BatchLimits#defaults()}). */
    public Builder limits(BatchLimits limits) {
      this.limits = Checks.notNull(limits, "limits");
      return this;
    }

    /**
     * Reads each job's limits from Service Quotas when its config names the model ({@link
     * BatchJobConfig#quotaModelName()}); yours: never closed here. Jobs that name none use {@link
     * #limits(BatchLimits)}.
     */
    public Builder quotas(BatchQuotas quotas) {
      this.quotas = quotas;
      return this;
    }

    /** How {@link BatchJob#await} polls (default: 30 s doubling to 5 min). */
    public Builder awaitPolicy(AwaitPolicy awaitPolicy) {
      this.awaitPolicy = Checks.notNull(awaitPolicy, "awaitPolicy");
      return this;
    }

    /** What to do with parameters a family cannot express (default: refuse the record). */
    public Builder unsupportedParameters(UnsupportedParameterPolicy policy) {
      this.unsupportedParameters = Checks.notNull(policy, "policy");
      return this;
    }

    public BedrockBatchClient build() {
      return new BedrockBatchClient(this, awsRegion(), awsCredentials());
    }
  }
}
