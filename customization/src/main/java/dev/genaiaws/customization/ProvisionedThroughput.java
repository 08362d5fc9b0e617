package dev.genaiaws.customization;

import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobProgress;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.customization.internal.ControlCalls;
import dev.genaiaws.customization.internal.Polling;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetProvisionedModelThroughputResponse;

/**
 * A handle on provisioned throughput: dedicated model units serving a base or custom model, billed
 * by the hour from creation until {@link #delete()} (and for the whole term of a commitment). Its
 * ARN is the {@code modelId} to call the model with; {@code BedrockGenerationClient} resolves its
 * family when built with {@code modelLookup(bedrockClient)}.
 *
 * <pre>{@code
 * ProvisionedThroughput pt = customization.provision(p -> p.name("faq-pt").modelId(customModelArn).modelUnits(1));
 * pt.await(Duration.ofMinutes(30));      // Creating -> InService
 * client.generate(r -> r.modelId(pt.arn()).user("How do I reset my password?"));
 * pt.delete();                            // stop paying
 * }</pre>
 */
public final class ProvisionedThroughput {
  private final String arn;
  private final BedrockClient bedrock;
  private final AwaitPolicy policy;

  ProvisionedThroughput(String arn, BedrockClient bedrock, AwaitPolicy policy) {
    this.arn = arn;
    this.bedrock = bedrock;
    this.policy = policy;
  }

  /** The provisioned model's ARN: use it as the {@code modelId}. */
  public String arn() {
    return arn;
  }

  /** The service's description (one {@code GetProvisionedModelThroughput} call). */
  public GetProvisionedModelThroughputResponse describe() {
    return ControlCalls.call(
        arn, () -> bedrock.getProvisionedModelThroughput(r -> r.provisionedModelId(arn)));
  }

  /** The current status. */
  public JobSnapshot<ProvisionedThroughputStatus> refresh() {
    GetProvisionedModelThroughputResponse r = describe();
    String raw = r.statusAsString() == null ? "" : r.statusAsString();
    return new JobSnapshot<>(
        arn, ProvisionedThroughputStatus.of(raw), raw, JobProgress.none(), r.failureMessage());
  }

  /**
   * Polls until the throughput is in service or failed.
   *
   * @throws dev.genaiaws.core.job.JobDeadlineExceededException when the deadline passes first
   */
  public JobSnapshot<ProvisionedThroughputStatus> await(Duration deadline) {
    return await(deadline, s -> {});
  }

  /** As {@link #await(Duration)}, calling {@code onPoll} with each snapshot. */
  public JobSnapshot<ProvisionedThroughputStatus> await(
      Duration deadline, Consumer<? super JobSnapshot<ProvisionedThroughputStatus>> onPoll) {
    return Polling.await(arn, this::refresh, policy, deadline, onPoll);
  }

  /**
   * Renames it and/or points it at another custom model of the same base model ({@code
   * UpdateProvisionedModelThroughput}); {@code null} keeps a value. It passes through Updating.
   */
  public void update(String newName, String newModelId) {
    ControlCalls.call(
        arn,
        () ->
            bedrock.updateProvisionedModelThroughput(
                r ->
                    r.provisionedModelId(arn)
                        .desiredProvisionedModelName(newName)
                        .desiredModelId(newModelId)));
  }

  /**
   * Deletes it ({@code DeleteProvisionedModelThroughput}): billing stops, unless a commitment runs
   * on.
   */
  public void delete() {
    ControlCalls.call(
        arn, () -> bedrock.deleteProvisionedModelThroughput(r -> r.provisionedModelId(arn)));
  }

  @Override
  public String toString() {
    return "ProvisionedThroughput[" + arn + "]";
  }
}
