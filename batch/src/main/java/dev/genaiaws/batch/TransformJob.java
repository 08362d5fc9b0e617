package dev.genaiaws.batch;

import dev.genaiaws.aws.internal.S3Uri;
import dev.genaiaws.batch.internal.BatchErrors;
import dev.genaiaws.batch.internal.InputFiles;
import dev.genaiaws.batch.internal.OutputFiles;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.Job;
import dev.genaiaws.core.job.JobProgress;
import dev.genaiaws.core.job.JobSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;

/**
 * A handle on one SageMaker batch transform job, on the shared job shape: {@link #refresh()},
 * {@link #await(java.time.Duration)}, {@link #stop()}, and the results read from S3 file by file.
 * SageMaker reports no record counts for transform jobs, so the progress is empty until the end.
 * Holds only the job's name, the format and the client: {@link
 * SageMakerTransformClient#attach(String, ModelFamily)} rebuilds it in any process.
 */
public final class TransformJob implements Job<TransformJobStatus> {
  private final SageMakerTransformClient client;
  private final String name;
  private final ModelFamily format;

  TransformJob(SageMakerTransformClient client, String name, ModelFamily format) {
    this.client = client;
    this.name = name;
    this.format = format;
  }

  /** The job's name (SageMaker's identifier for it). */
  @Override
  public String id() {
    return name;
  }

  /** The container format records are encoded and decoded with. */
  public ModelFamily format() {
    return format;
  }

  @Override
  public JobSnapshot<TransformJobStatus> refresh() {
    DescribeTransformJobResponse r = info();
    String raw = r.transformJobStatusAsString() == null ? "" : r.transformJobStatusAsString();
    return new JobSnapshot<>(
        name, TransformJobStatus.fromWire(raw), raw, JobProgress.none(), r.failureReason());
  }

  /** The job as {@code DescribeTransformJob} reports it. */
  DescribeTransformJobResponse info() {
    return BatchErrors.call(
        "DescribeTransformJob " + name,
        () -> client.sagemaker().describeTransformJob(b -> b.transformJobName(name)));
  }

  /** {@code StopTransformJob}: the job goes through {@code Stopping} to {@code Stopped}. */
  @Override
  public void stop() {
    BatchErrors.call(
        "StopTransformJob " + name,
        () -> client.sagemaker().stopTransformJob(b -> b.transformJobName(name)));
  }

  @Override
  public AwaitPolicy awaitPolicy() {
    return client.awaitPolicy();
  }

  /**
   * The answers of a generation job, decoded with the format's codec: one per input line, read from
   * {@code <outputUri>/records-<first index>.jsonl.out} in input order, with the record ids the
   * requests were submitted with.
   */
  public BatchResults<GenerationResponse> results() {
    ModelCodec codec = SageMakerTransformClient.codec(format);
    return read((body, metadata) -> codec.decode(body).withMetadata(metadata));
  }

  /**
   * The vectors of an embedding job (an embedding format), one {@link EmbeddingResponse} per record
   * with a vector per text, joined to the record ids the requests were submitted with.
   */
  public BatchResults<EmbeddingResponse> embeddingResults() {
    EmbeddingCodec codec = SageMakerTransformClient.embeddingCodec(format);
    return read(
        (body, metadata) -> {
          EmbeddingCodec.Batch batch = codec.decode(body);
          return new EmbeddingResponse(batch.vectors(), batch.usage(), metadata);
        });
  }

  private <T> BatchResults<T> read(BiFunction<byte[], ResponseMetadata, T> decode) {
    DescribeTransformJobResponse r = info();
    S3Uri output = S3Uri.parse(r.transformOutput().s3OutputPath());
    S3Uri ids =
        InputFiles.idsFolder(S3Uri.parse(r.transformInput().dataSource().s3DataSource().s3Uri()));
    ResponseMetadata metadata =
        new ResponseMetadata(null, r.modelName(), null, 1, Map.of("transformJobName", name));
    List<String> keys = OutputFiles.list(client.s3(), output);
    return new BatchResults<>(
        OutputFiles.readTransform(
            client.s3(), output.bucket(), keys, ids, body -> decode.apply(body, metadata)),
        keys.size());
  }

  @Override
  public String toString() {
    return "TransformJob[" + name + ", " + format + "]";
  }
}
