package dev.genaiaws.customization;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.Job;
import dev.genaiaws.core.job.JobProgress;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.customization.internal.ControlCalls;
import dev.genaiaws.customization.internal.MetricsCsv;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.StorageNotFoundException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetModelCustomizationJobResponse;

/**
 * A handle on a model customization job: its status, a wait with a deadline, stop, the custom model
 * it made and its loss curves. Cheap to hold; rebuild it anywhere from the ARN with {@link
 * CustomizationClient#attach(String)}.
 *
 * <pre>{@code
 * CustomizationJob job = customization.submit(request);
 * JobSnapshot<CustomizationJobStatus> done = job.await(Duration.ofHours(6));
 * if (done.state() == JobState.SUCCEEDED) {
 *   String customModelArn = job.customModelArn().orElseThrow();
 *   TrainingMetrics metrics = job.metrics(outputStore);
 * }
 * }</pre>
 */
public final class CustomizationJob implements Job<CustomizationJobStatus> {
  /**
   * Where validation metrics are: the user guide lists {@code
   * validation_artifacts/post_fine_tuning_validation/} {@code validation_metrics.csv}; jobs have
   * also been seen to add a {@code validation/} folder. Both are read.
   */
  private static final List<String> VALIDATION_FILES =
      List.of(
          "validation_artifacts/post_fine_tuning_validation/validation_metrics.csv",
          "validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv");

  private final String arn;
  private final BedrockClient bedrock;
  private final AwaitPolicy policy;

  CustomizationJob(String arn, BedrockClient bedrock, AwaitPolicy policy) {
    this.arn = arn;
    this.bedrock = bedrock;
    this.policy = policy;
  }

  @Override
  public String id() {
    return arn;
  }

  @Override
  public JobSnapshot<CustomizationJobStatus> refresh() {
    GetModelCustomizationJobResponse r = describe();
    String message = r.failureMessage() != null ? r.failureMessage() : "";
    return new JobSnapshot<>(
        arn,
        CustomizationJobStatus.of(r.statusAsString()),
        r.statusAsString() == null ? "" : r.statusAsString(),
        JobProgress.none(),
        message);
  }

  /** The service's full description of the job (one {@code GetModelCustomizationJob} call). */
  public GetModelCustomizationJobResponse describe() {
    return ControlCalls.call(
        arn, () -> bedrock.getModelCustomizationJob(r -> r.jobIdentifier(arn)));
  }

  /**
   * Asks the service to stop the job ({@code StopModelCustomizationJob}); it passes through
   * Stopping.
   */
  @Override
  public void stop() {
    ControlCalls.call(arn, () -> bedrock.stopModelCustomizationJob(r -> r.jobIdentifier(arn)));
  }

  @Override
  public AwaitPolicy awaitPolicy() {
    return policy;
  }

  /** The ARN of the custom model the job made, once it has completed. */
  public Optional<String> customModelArn() {
    return Optional.ofNullable(describe().outputModelArn());
  }

  /**
   * The training and validation loss curves from the job's output location.
   *
   * @param outputStore a store on the job's output bucket (e.g. an {@code S3GenerationStore}); keys
   *     are the output prefix plus {@code model-customization-job-<id>/...}
   * @throws InvalidRequestException when the store is not on the job's output bucket
   * @throws StorageNotFoundException when the training metrics are not there (the job has not
   *     finished)
   */
  public TrainingMetrics metrics(GenerationStore outputStore) {
    String output = describe().outputDataConfig().s3Uri();
    String folder = folder(output, arn);
    URI expected = URI.create(folder);
    String key = expected.getPath().substring(1);
    URI actual = outputStore.uri(key);
    if (!actual.getHost().equals(expected.getHost())) {
      throw new InvalidRequestException(
          "the store writes to bucket '"
              + actual.getHost()
              + "' but the job's output"
              + " is in '"
              + expected.getHost()
              + "' ("
              + output
              + "); pass a store on that bucket");
    }
    String trainingKey = key + "training_artifacts/step_wise_training_metrics.csv";
    List<TrainingMetrics.Point> training =
        MetricsCsv.parse(
            outputStore.getBytes(trainingKey),
            "training_loss",
            outputStore.uri(trainingKey).toString());
    List<TrainingMetrics.Point> validation = List.of();
    for (String file : VALIDATION_FILES) {
      String validationKey = key + file;
      try {
        validation =
            MetricsCsv.parse(
                outputStore.getBytes(validationKey),
                "validation_loss",
                outputStore.uri(validationKey).toString());
        break;
      } catch (StorageNotFoundException e) {
        // not there: no validation data, or the other layout
      }
    }
    return new TrainingMetrics(training, validation);
  }

  /** {@code <output>/model-customization-job-<id>/}, the id being the ARN's last segment. */
  static String folder(String outputS3Uri, String jobArn) {
    String base = outputS3Uri.endsWith("/") ? outputS3Uri : outputS3Uri + "/";
    return base + "model-customization-job-" + jobArn.substring(jobArn.lastIndexOf('/') + 1) + "/";
  }

  @Override
  public String toString() {
    return "CustomizationJob[" + arn + "]";
  }
}
