package dev.genaiaws.customization.internal;

import dev.genaiaws.core.internal.JobAwaiter;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.Job;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.JobStatus;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits for a resource that is not a job (provisioned throughput, a deployment) with the shared job
 * polling loop, so every wait in the SDK paces, caps and times out the same way. Internal.
 */
public final class Polling {
  private Polling() {}

  public static <S extends JobStatus> JobSnapshot<S> await(
      String id,
      Supplier<JobSnapshot<S>> refresh,
      AwaitPolicy policy,
      Duration deadline,
      Consumer<? super JobSnapshot<S>> onPoll) {
    Job<S> view =
        new Job<>() {
          @Override
          public String id() {
            return id;
          }

          @Override
          public JobSnapshot<S> refresh() {
            return refresh.get();
          }

          @Override
          public void stop() {
            throw new UnsupportedOperationException("not a job: " + id);
          }

          @Override
          public AwaitPolicy awaitPolicy() {
            return policy;
          }
        };
    return JobAwaiter.await(view, deadline, onPoll);
  }
}
