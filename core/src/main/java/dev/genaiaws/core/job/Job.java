package dev.genaiaws.core.job;

import dev.genaiaws.core.internal.JobAwaiter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A handle on a long-running job of a provider's control plane (a batch inference job, a batch
 * transform, a customization job, an ingestion job). Handles are cheap: they hold the job's id and
 * a client, never the job's results, and can be rebuilt in another process from the id alone with
 * the kind's {@code attach(id)}.
 *
 * <pre>{@code
 * BatchJob job = batch.submit(...);            // any Job<S>
 * JobSnapshot<?> done = job.await(Duration.ofHours(24),
 *     s -> System.out.println(s.rawStatus() + " " + s.progress()));
 * if (done.state() == JobState.SUCCEEDED) { ... read the results ... }
 * }</pre>
 *
 * <p>Implementations provide {@link #id()}, {@link #refresh()}, {@link #stop()} and {@link
 * #awaitPolicy()}; the waiting loop is shared.
 *
 * @param <S> the kind's status enum
 */
public interface Job<S extends JobStatus> {

  /** The job's id or ARN, enough to re-attach to it from anywhere. */
  String id();

  /** Asks the service for the job's current status and progress (one call). */
  JobSnapshot<S> refresh();

  /**
   * Asks the service to stop the job. Returns once the request is accepted; the job passes through
   * its kind's stopping status, so {@link #await(Duration)} it to see it stopped. Stopping a
   * finished job is refused by the service with its error.
   */
  void stop();

  /** How {@link #await(Duration)} paces its polls. */
  AwaitPolicy awaitPolicy();

  /**
   * Polls until the job reaches a terminal state and returns that snapshot (succeeded, partially
   * succeeded, failed, stopped or expired: check {@link JobSnapshot#state()}).
   *
   * @param deadline how long to wait at most
   * @throws JobDeadlineExceededException when the deadline passes first (the job keeps running)
   */
  default JobSnapshot<S> await(Duration deadline) {
    return await(deadline, s -> {});
  }

  /**
   * As {@link #await(Duration)}, calling {@code onPoll} with each snapshot (to show progress), on
   * the calling thread.
   */
  default JobSnapshot<S> await(Duration deadline, Consumer<? super JobSnapshot<S>> onPoll) {
    return JobAwaiter.await(this, deadline, onPoll);
  }
}
