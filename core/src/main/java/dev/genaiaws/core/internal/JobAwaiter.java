package dev.genaiaws.core.internal;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.Job;
import dev.genaiaws.core.job.JobDeadlineExceededException;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.JobStatus;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The polling loop behind {@link Job#await(Duration, Consumer)}: poll, stop at a terminal status,
 * else wait the policy's next capped delay (shortened to end on the deadline). A retryable failure
 * of one poll (throttling, a broken connection) does not end the wait: the next poll tries again.
 * Elapsed time is the larger of wall time and the sum of the waits requested, so a recording
 * sleeper reaches the deadline deterministically.
 */
public final class JobAwaiter {
  private JobAwaiter() {}

  public static <S extends JobStatus> JobSnapshot<S> await(
      Job<S> job, Duration deadline, Consumer<? super JobSnapshot<S>> onPoll) {
    if (deadline == null || deadline.isNegative()) {
      throw new InvalidRequestException("deadline must be a duration >= 0 but was " + deadline);
    }
    Checks.notNull(onPoll, "onPoll");
    AwaitPolicy policy = job.awaitPolicy();
    long start = System.nanoTime();
    long waitedNanos = 0;
    JobSnapshot<S> last = null;
    for (int polls = 0; ; polls++) {
      GenAiException failure = null;
      try {
        JobSnapshot<S> snapshot = job.refresh();
        last = snapshot;
        onPoll.accept(snapshot);
        if (snapshot.isTerminal()) {
          return snapshot;
        }
      } catch (GenAiException e) {
        if (!e.retryable()) {
          throw e;
        }
        failure = e; // throttled or a broken connection: the next poll tries again
      }
      long elapsed = Math.max(waitedNanos, System.nanoTime() - start);
      long remaining = deadline.toNanos() - elapsed;
      if (remaining <= 0) {
        if (last == null) {
          throw failure;
        }
        JobDeadlineExceededException timeout = new JobDeadlineExceededException(last, deadline);
        if (failure != null) {
          timeout.addSuppressed(failure);
        }
        throw timeout;
      }
      Duration wait = policy.delayAfter(polls);
      if (wait.toNanos() > remaining) {
        wait = Duration.ofNanos(remaining);
      }
      try {
        policy.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GenAiClientException(
            "interrupted while awaiting job "
                + job.id()
                + "; it keeps running: re-attach by its id",
            e);
      }
      waitedNanos += wait.toNanos();
    }
  }
}
