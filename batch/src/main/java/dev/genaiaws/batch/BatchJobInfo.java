package dev.genaiaws.batch;

import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.VpcConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the service says about a batch job: its snapshot (status and progress) and where it
 * reads and writes. Enough to read its results from any process.
 *
 * @param snapshot status, raw status, progress and message
 * @param jobName the job's name
 * @param modelId the model or inference profile it runs
 * @param inputUri the {@code s3://} input file or folder
 * @param outputUri the {@code s3://} output prefix (results are under {@code <outputUri>/<job
 *     id>/})
 * @param invocationType {@code InvokeModel} or {@code Converse}, as the service reports it
 * @param submitTime when it was submitted
 * @param endTime when it ended, or {@code null} while it runs
 * @param expirationTime when it times out, or {@code null} when not reported
 * @param vpc the VPC the job runs in, or {@code null}
 * @param outputKmsKeyId the KMS key that encrypts its output, or {@code null}
 */
public record BatchJobInfo(
    JobSnapshot<BatchJobStatus> snapshot,
    String jobName,
    String modelId,
    String inputUri,
    String outputUri,
    String invocationType,
    Instant submitTime,
    Instant endTime,
    Instant expirationTime,
    VpcConfig vpc,
    String outputKmsKeyId) {

  /** The job's ARN. */
  public String jobArn() {
    return snapshot.jobId();
  }

  /** The job id: the last segment of the ARN, which names the job's output folder. */
  public String jobId() {
    String arn = snapshot.jobId();
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  /** The status. */
  public BatchJobStatus status() {
    return snapshot.status();
  }

  /** When it ended, if it has. */
  public Optional<Instant> ended() {
    return Optional.ofNullable(endTime);
  }

  @Override
  public String toString() {
    return "BatchJobInfo[" + jobName + ", " + modelId + ", " + snapshot + "]";
  }
}
