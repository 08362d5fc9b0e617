package dev.genaiaws.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.testing.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTest {

  /** A status enum as a job kind would write it. */
  enum FakeStatus implements JobStatus {
    SUBMITTED(JobState.QUEUED),
    RUNNING(JobState.IN_PROGRESS),
    DONE(JobState.SUCCEEDED),
    BROKEN(JobState.FAILED),
    MYSTERY(JobState.UNKNOWN);

    private final JobState state;

    FakeStatus(JobState state) {
      this.state = state;
    }

    @Override
    public JobState state() {
      return state;
    }

    @Override
    public String wireName() {
      return name();
    }
  }

  /** A job whose polls answer a scripted sequence, repeating the last status. */
  static class ScriptedJob implements Job<FakeStatus> {
    private final Deque<FakeStatus> script;
    private final AwaitPolicy policy;
    int polls;
    boolean stopped;

    ScriptedJob(AwaitPolicy policy, FakeStatus... statuses) {
      this.policy = policy;
      this.script = new ArrayDeque<>(List.of(statuses));
    }

    @Override
    public String id() {
      return "job-1";
    }

    @Override
    public JobSnapshot<FakeStatus> refresh() {
      polls++;
      FakeStatus s = script.size() > 1 ? script.poll() : script.peek();
      return new JobSnapshot<>(
          "job-1", s, s.wireName(), new JobProgress(10, polls, polls, 0), null);
    }

    @Override
    public void stop() {
      stopped = true;
    }

    @Override
    public AwaitPolicy awaitPolicy() {
      return policy;
    }
  }

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final AwaitPolicy policy = AwaitPolicy.builder().sleeper(sleeper).build();

  @Test
  void await_pollsWithCappedExponentialBackoffUntilTerminal() {
    ScriptedJob job =
        new ScriptedJob(
            policy,
            FakeStatus.SUBMITTED,
            FakeStatus.RUNNING,
            FakeStatus.RUNNING,
            FakeStatus.RUNNING,
            FakeStatus.RUNNING,
            FakeStatus.RUNNING,
            FakeStatus.RUNNING,
            FakeStatus.DONE);
    List<JobSnapshot<FakeStatus>> seen = new ArrayList<>();

    JobSnapshot<FakeStatus> done = job.await(Duration.ofHours(1), seen::add);

    assertThat(done.status()).isEqualTo(FakeStatus.DONE);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.polls).isEqualTo(8);
    assertThat(seen).hasSize(8);
    assertThat(sleeper.waits())
        .extracting(Duration::getSeconds)
        .containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L);
  }

  @Test
  void await_failedJob_returnsTheTerminalSnapshotWithoutThrowing() {
    ScriptedJob job = new ScriptedJob(policy, FakeStatus.RUNNING, FakeStatus.BROKEN);

    JobSnapshot<FakeStatus> end = job.await(Duration.ofMinutes(5));

    assertThat(end.state()).isEqualTo(JobState.FAILED);
    assertThat(end.isTerminal()).isTrue();
  }

  @Test
  void await_deadlinePasses_throwsWithTheLastSnapshotAndShortensTheLastWait() {
    ScriptedJob job = new ScriptedJob(policy, FakeStatus.RUNNING);

    assertThatThrownBy(() -> job.await(Duration.ofSeconds(100)))
        .isInstanceOfSatisfying(
            JobDeadlineExceededException.class,
            e -> {
              assertThat(e.lastSnapshot().jobId()).isEqualTo("job-1");
              assertThat(e.deadline()).isEqualTo(Duration.ofSeconds(100));
              assertThat(e.getMessage()).contains("job-1", "RUNNING", "keeps running");
            });
    // 5 + 10 + 20 + 40 = 75, then the 80 s wait is cut to the 25 s left; one last poll, then the
    // throw.
    assertThat(sleeper.waits())
        .extracting(Duration::getSeconds)
        .containsExactly(5L, 10L, 20L, 40L, 25L);
    assertThat(job.polls).isEqualTo(6);
  }

  @Test
  void await_unknownStatus_keepsPollingAndKeepsTheRawString() {
    ScriptedJob job = new ScriptedJob(policy, FakeStatus.MYSTERY, FakeStatus.DONE);
    List<JobSnapshot<FakeStatus>> seen = new ArrayList<>();

    job.await(Duration.ofMinutes(1), seen::add);

    assertThat(seen.get(0).state()).isEqualTo(JobState.UNKNOWN);
    assertThat(seen.get(0).isTerminal()).isFalse();
    assertThat(seen.get(0).rawStatus()).isEqualTo("MYSTERY");
  }

  @Test
  void await_zeroDeadline_pollsOnceAndThrowsWhenNotDone() {
    ScriptedJob job = new ScriptedJob(policy, FakeStatus.RUNNING);

    assertThatThrownBy(() -> job.await(Duration.ZERO))
        .isInstanceOf(JobDeadlineExceededException.class);
    assertThat(job.polls).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void await_interrupted_restoresTheFlagAndSaysTheJobKeepsRunning() {
    AwaitPolicy interrupting =
        AwaitPolicy.builder()
            .sleeper(
                new dev.genaiaws.core.Sleeper() {
                  @Override
                  public void sleep(Duration d) throws InterruptedException {
                    throw new InterruptedException();
                  }

                  @Override
                  public java.util.concurrent.CompletableFuture<Void> delay(Duration d) {
                    throw new UnsupportedOperationException();
                  }
                })
            .build();
    ScriptedJob job = new ScriptedJob(interrupting, FakeStatus.RUNNING);
    try {
      assertThatThrownBy(() -> job.await(Duration.ofMinutes(1)))
          .isInstanceOf(dev.genaiaws.core.exception.GenAiClientException.class)
          .hasMessageContaining("re-attach");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void await_negativeDeadline_isRefused() {
    ScriptedJob job = new ScriptedJob(policy, FakeStatus.RUNNING);
    assertThatThrownBy(() -> job.await(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("deadline");
  }

  @Test
  void awaitPolicy_validatesAndCaps() {
    assertThatThrownBy(() -> AwaitPolicy.builder().multiplier(0.5))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> AwaitPolicy.builder().initialDelay(Duration.ZERO))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> AwaitPolicy.builder().initialDelay(Duration.ofMinutes(2)).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("maxDelay");
    AwaitPolicy p =
        AwaitPolicy.builder()
            .initialDelay(Duration.ofSeconds(1))
            .multiplier(3)
            .maxDelay(Duration.ofSeconds(10))
            .build();
    assertThat(p.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(9));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delayAfter(10_000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.toBuilder().build()).isEqualTo(p);
  }

  @Test
  void progress_fractionAndValidation() {
    assertThat(JobProgress.none().fractionDone()).isEmpty();
    assertThat(new JobProgress(200, 50, 45, 5).fractionDone()).hasValue(0.25);
    assertThat(new JobProgress(200, 50, 45, 5).toString())
        .isEqualTo("50/200 processed (45 succeeded, 5 failed)");
    assertThatThrownBy(() -> new JobProgress(-1, 0, 0, 0))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void snapshot_toStringHidesTheMessageText() {
    JobSnapshot<FakeStatus> s =
        new JobSnapshot<>(
            "job-1", FakeStatus.BROKEN, "BROKEN", JobProgress.none(), "secret detail");
    assertThat(s.toString()).doesNotContain("secret").contains("BROKEN", "FAILED");
    assertThat(s.message()).isEqualTo("secret detail");
    assertThat(new JobSnapshot<>("j", FakeStatus.DONE, "DONE", JobProgress.none(), null).message())
        .isEmpty();
    assertThatThrownBy(
            () -> new JobSnapshot<>(" ", FakeStatus.DONE, "DONE", JobProgress.none(), null))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void await_retryablePollFailure_keepsWaiting_nonRetryableEndsTheWait() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    ScriptedJob flaky =
        new ScriptedJob(policy, FakeStatus.RUNNING, FakeStatus.RUNNING, FakeStatus.DONE) {
          @Override
          public JobSnapshot<FakeStatus> refresh() {
            if (calls.incrementAndGet() == 2) {
              throw new dev.genaiaws.core.exception.GenAiClientException(
                  "connection reset", null, true);
            }
            return super.refresh();
          }
        };
    assertThat(flaky.await(Duration.ofHours(1)).status()).isEqualTo(FakeStatus.DONE);
    assertThat(calls.get()).isEqualTo(4);

    ScriptedJob denied =
        new ScriptedJob(policy, FakeStatus.RUNNING) {
          @Override
          public JobSnapshot<FakeStatus> refresh() {
            throw new InvalidRequestException("no such job");
          }
        };
    assertThatThrownBy(() -> denied.await(Duration.ofHours(1)))
        .isInstanceOf(InvalidRequestException.class);

    ScriptedJob down =
        new ScriptedJob(policy, FakeStatus.RUNNING) {
          @Override
          public JobSnapshot<FakeStatus> refresh() {
            throw new dev.genaiaws.core.exception.GenAiClientException(
                "connection refused", null, true);
          }
        };
    assertThatThrownBy(() -> down.await(Duration.ofSeconds(30)))
        .hasMessageContaining("connection refused");
  }
}
