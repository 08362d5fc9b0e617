package dev.genaiaws.batch;

import dev.genaiaws.aws.internal.S3Uri;
import dev.genaiaws.batch.internal.BatchErrors;
import dev.genaiaws.batch.internal.OutputFiles;
import dev.genaiaws.bedrock.internal.ConverseWire;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.Job;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.GenerationStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;

/**
 * A handle on one Bedrock batch inference job: status and progress ({@link #refresh()}, {@link
 * #info()}), waiting ({@link #await(java.time.Duration)}), stopping, and reading the results. It
 * holds only the job's ARN and the client, so a handle built in another process with {@link
 * BedrockBatchClient#attach(String)} does everything this one does: the model, the output folder
 * and the codec all come from the job itself.
 *
 * <pre>{@code
 * BatchJob job = batch.attach("arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abc123");
 * job.await(Duration.ofHours(24), s -> System.out.println(s.rawStatus() + " " + s.progress()));
 * try (BatchResults<GenerationResponse> results = job.results()) {
 *   results.forEach(r -> System.out.println(r.recordId() + " " + r.value().map(GenerationResponse::text)));
 * }
 * }</pre>
 */
public final class BatchJob implements Job<BatchJobStatus> {
  private final BedrockBatchClient client;
  private final String arn;

  BatchJob(BedrockBatchClient client, String arn) {
    this.client = client;
    this.arn = Checks.notBlank(arn, "jobArn");
  }

  /** The job's ARN. */
  @Override
  public String id() {
    return arn;
  }

  /** Status and progress now (one {@code GetModelInvocationJob} call). */
  @Override
  public JobSnapshot<BatchJobStatus> refresh() {
    return info().snapshot();
  }

  /** Everything the service reports about the job now (one {@code GetModelInvocationJob} call). */
  public BatchJobInfo info() {
    GetModelInvocationJobResponse r =
        BatchErrors.call(
            "GetModelInvocationJob " + arn,
            () -> client.bedrock().getModelInvocationJob(b -> b.jobIdentifier(arn)));
    return BedrockBatchClient.info(
        r.jobArn() != null ? r.jobArn() : arn,
        r.statusAsString(),
        r.message(),
        r.totalRecordCount(),
        r.processedRecordCount(),
        r.successRecordCount(),
        r.errorRecordCount(),
        r.jobName(),
        r.modelId(),
        r.inputDataConfig(),
        r.outputDataConfig(),
        r.modelInvocationTypeAsString(),
        r.submitTime(),
        r.endTime(),
        r.jobExpirationTime(),
        r.vpcConfig());
  }

  /**
   * Asks Bedrock to stop the job ({@code StopModelInvocationJob}); it goes through {@code
   * Stopping}.
   */
  @Override
  public void stop() {
    BatchErrors.call(
        "StopModelInvocationJob " + arn,
        () -> client.bedrock().stopModelInvocationJob(b -> b.jobIdentifier(arn)));
  }

  @Override
  public AwaitPolicy awaitPolicy() {
    return client.awaitPolicy();
  }

  /**
   * The results of a generation job, decoded with the model family's codec (or as Converse answers,
   * for a {@code Converse} job), streamed from S3. Records processed so far are readable once the
   * job has ended (completed, partially completed or stopped).
   */
  public BatchResults<GenerationResponse> results() {
    BatchJobInfo info = info();
    ResponseMetadata metadata = metadata(info);
    if ("Converse".equals(info.invocationType())) {
      return read(info, body -> ConverseWire.response(body).withMetadata(metadata));
    }
    CodecRegistry.Resolution<ModelCodec> codec = client.generationCodec(info.modelId());
    return read(info, body -> codec.codec().decode(body).withMetadata(metadata));
  }

  /**
   * The results of an embedding job: one {@link EmbeddingResponse} per record (one vector per
   * text).
   */
  public BatchResults<EmbeddingResponse> embeddingResults() {
    BatchJobInfo info = info();
    CodecRegistry.Resolution<EmbeddingCodec> codec = client.embeddingCodec(info.modelId());
    ResponseMetadata metadata = metadata(info);
    return read(
        info,
        body -> {
          EmbeddingCodec.Batch batch = codec.codec().decode(body);
          return new EmbeddingResponse(batch.vectors(), batch.usage(), metadata);
        });
  }

  /** The totals in {@code manifest.json.out}, empty until the service has written it. */
  public Optional<BatchManifest> manifest() {
    return OutputFiles.manifest(client.s3(), outputFolder(info()));
  }

  /**
   * Saves every successful result through a store as a generation record, with the job ARN and
   * record id in its metadata; failed records are skipped. Streams like {@link #results()}.
   *
   * @param requests the request of a record id, to store the prompt with the answer (e.g. {@code
   *     map::get}); may return {@code null}, then only the answer is stored
   * @return how many records were saved
   */
  public long saveResults(GenerationStore store, Function<String, GenerationRequest> requests) {
    Checks.notNull(store, "store");
    Checks.notNull(requests, "requests");
    BatchJobInfo info = info();
    long saved = 0;
    try (BatchResults<GenerationResponse> results = results()) {
      for (BatchResult<GenerationResponse> r : results) {
        if (!r.isSuccess()) {
          continue;
        }
        GenerationResponse response = r.get();
        GenerationRequest request = requests.apply(r.recordId());
        GenerationRecord record =
            request != null
                ? GenerationRecord.of(request, response)
                : GenerationRecord.builder()
                    .modelId(info.modelId())
                    .outputText(response.text())
                    .stopReason(response.stopReason(), response.rawStopReason())
                    .usage(response.usage())
                    .build();
        store.save(
            record.withMetadata(Map.of("batchJobArn", arn, "recordId", r.recordId())),
            response.images());
        saved++;
      }
    }
    return saved;
  }

  private <T> BatchResults<T> read(BatchJobInfo info, Function<byte[], T> decode) {
    S3Uri folder = outputFolder(info);
    List<String> keys = OutputFiles.list(client.s3(), folder);
    return new BatchResults<>(
        OutputFiles.read(client.s3(), folder.bucket(), keys, decode), keys.size());
  }

  private static ResponseMetadata metadata(BatchJobInfo info) {
    return new ResponseMetadata(
        null, info.modelId(), null, 1, Map.of("batchJobArn", info.jobArn()));
  }

  /** Where Bedrock writes this job's results: {@code <outputUri>/<job id>/}. */
  static S3Uri outputFolder(BatchJobInfo info) {
    return S3Uri.parse(info.outputUri()).asFolder().child(info.jobId() + "/");
  }

  @Override
  public String toString() {
    return "BatchJob[" + arn + "]";
  }
}
