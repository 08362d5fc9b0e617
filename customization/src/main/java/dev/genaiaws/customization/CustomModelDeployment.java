package dev.genaiaws.customization;

import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobProgress;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.customization.internal.ControlCalls;
import dev.genaiaws.customization.internal.Polling;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetCustomModelDeploymentResponse;

/**
 * A handle on an on-demand deployment of a custom model ({@code CreateCustomModelDeployment}): the
 * alternative to provisioned throughput for the models that support it, billed per token. Its ARN
 * is the {@code modelId} to call the model with.
 *
 * <pre>{@code
 * CustomModelDeployment d = customization.deploy("faq-on-demand", customModelArn, null);
 * d.await(Duration.ofMinutes(30));    // Creating -> Active
 * client.generate(r -> r.modelId(d.arn()).user("..."));
 * d.delete();
 * }</pre>
 */
public final class CustomModelDeployment {
  private final String arn;
  private final BedrockClient bedrock;
  private final AwaitPolicy policy;

  CustomModelDeployment(String arn, BedrockClient bedrock, AwaitPolicy policy) {
    this.arn = arn;
    this.bedrock = bedrock;
    this.policy = policy;
  }

  /** The deployment's ARN: use it as the {@code modelId}. */
  public String arn() {
    return arn;
  }

  /** The service's description (one {@code GetCustomModelDeployment} call). */
  public GetCustomModelDeploymentResponse describe() {
    return ControlCalls.call(
        arn, () -> bedrock.getCustomModelDeployment(r -> r.customModelDeploymentIdentifier(arn)));
  }

  /** The current status. */
  public JobSnapshot<DeploymentStatus> refresh() {
    GetCustomModelDeploymentResponse r = describe();
    String raw = r.statusAsString() == null ? "" : r.statusAsString();
    return new JobSnapshot<>(
        arn, DeploymentStatus.of(raw), raw, JobProgress.none(), r.failureMessage());
  }

  /** Polls until the deployment is active or failed. */
  public JobSnapshot<DeploymentStatus> await(Duration deadline) {
    return await(deadline, s -> {});
  }

  /** As {@link #await(Duration)}, calling {@code onPoll} with each snapshot. */
  public JobSnapshot<DeploymentStatus> await(
      Duration deadline, Consumer<? super JobSnapshot<DeploymentStatus>> onPoll) {
    return Polling.await(arn, this::refresh, policy, deadline, onPoll);
  }

  /** Serves another custom model from this deployment ({@code UpdateCustomModelDeployment}). */
  public void update(String newModelArn) {
    ControlCalls.call(
        arn,
        () ->
            bedrock.updateCustomModelDeployment(
                r -> r.customModelDeploymentIdentifier(arn).modelArn(newModelArn)));
  }

  /** Deletes the deployment. */
  public void delete() {
    ControlCalls.call(
        arn,
        () -> bedrock.deleteCustomModelDeployment(r -> r.customModelDeploymentIdentifier(arn)));
  }

  @Override
  public String toString() {
    return "CustomModelDeployment[" + arn + "]";
  }
}
