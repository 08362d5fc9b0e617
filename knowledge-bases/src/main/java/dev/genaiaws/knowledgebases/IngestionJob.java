package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.Job;
import dev.genaiaws.core.job.JobProgress;
import dev.genaiaws.core.job.JobSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A handle on one ingestion job of a knowledge base's data source, in the SDK's shared {@link Job}
 * shape: {@link #refresh()} asks once, {@link #await(Duration)} polls with capped back-off until
 * the job ends or the deadline passes, {@link #stop()} stops it. {@link #statistics()} are the
 * counts of the last refresh.
 *
 * <pre>{@code
 * IngestionJob job = ingestion.start();
 * JobSnapshot<IngestionStatus> done = job.await(Duration.ofMinutes(30));
 * IngestionStatistics stats = job.statistics();   // scanned, new, modified, deleted, failed + reasons
 * }</pre>
 *
 * <p>Re-attach from another process with {@link KnowledgeBaseIngestion#attach(String)}.
 * Thread-safe.
 */
public final class IngestionJob implements Job<IngestionStatus> {
  private final String id;
  private final Supplier<Polled> poll;
  private final Function<String, Polled> stopper;
  private final AwaitPolicy awaitPolicy;
  private volatile Polled last;

  /** One answer of the service about the job. */
  record Polled(JobSnapshot<IngestionStatus> snapshot, IngestionStatistics statistics) {}

  IngestionJob(
      String id,
      Polled initial,
      Supplier<Polled> poll,
      Function<String, Polled> stopper,
      AwaitPolicy awaitPolicy) {
    this.id = id;
    this.last = initial;
    this.poll = poll;
    this.stopper = stopper;
    this.awaitPolicy = awaitPolicy;
  }

  static Polled polled(String id, String rawStatus, IngestionStatistics s) {
    IngestionStatus status = IngestionStatus.fromWire(rawStatus);
    JobProgress progress =
        new JobProgress(
            s.scanned(), s.scanned(), Math.max(0, s.scanned() - s.failed()), s.failed());
    return new Polled(
        new JobSnapshot<>(
            id,
            status,
            rawStatus == null ? "UNKNOWN" : rawStatus,
            progress,
            String.join("; ", s.failureReasons())),
        s);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public JobSnapshot<IngestionStatus> refresh() {
    Polled p = poll.get();
    last = p;
    return p.snapshot();
  }

  @Override
  public void stop() {
    last = stopper.apply(id);
  }

  @Override
  public AwaitPolicy awaitPolicy() {
    return awaitPolicy;
  }

  /** The last snapshot seen (from the start, a refresh or an await). */
  public JobSnapshot<IngestionStatus> lastSnapshot() {
    return last.snapshot();
  }

  /** The statistics of the last snapshot: final once the job is terminal. */
  public IngestionStatistics statistics() {
    return last.statistics();
  }

  /** The failure reasons of the last snapshot. */
  public List<String> failureReasons() {
    return last.statistics().failureReasons();
  }

  @Override
  public String toString() {
    return "IngestionJob["
        + id
        + " "
        + last.snapshot().rawStatus()
        + ", "
        + last.statistics()
        + "]";
  }
}
