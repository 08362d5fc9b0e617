package dev.genaiaws.testkit.internal.batch;

import java.util.function.Supplier;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the tests asked of the emulated batch service. Mutable, guarded by the service's lock.
 * Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BatchSettings {
  /** Where jobs read input and write results; {@code null} until configured. */
  Supplier<S3Client> s3;

  /** The service's minimum records per job. */
  int minRecordsPerJob = 100;

  /** Every n-th record (1-based, in processing order) fails with error 400; 0 = none. */
  int failEveryNth;

  /** The seed of the output shuffle; the service does not keep input order. */
  long shuffleSeed = 42;

  /**
   * How many status polls the InProgress phase takes (records are processed in that many slices).
   */
  int processingSteps = 2;

  /** The next created job expires (Scheduled → Expired). */
  boolean expireNext;

  /**
   * The next created job processes only this many records and ends PartiallyCompleted; -1 = off.
   */
  int partialNext = -1;

  public void s3(Supplier<S3Client> s3) {
    this.s3 = s3;
  }

  public void minRecordsPerJob(int min) {
    this.minRecordsPerJob = min;
  }

  public void failEveryNth(int n) {
    this.failEveryNth = n;
  }

  public void shuffleSeed(long seed) {
    this.shuffleSeed = seed;
  }

  public void processingSteps(int steps) {
    this.processingSteps = steps;
  }

  public void expireNext() {
    this.expireNext = true;
  }

  public void partialNext(int records) {
    this.partialNext = records;
  }
}
