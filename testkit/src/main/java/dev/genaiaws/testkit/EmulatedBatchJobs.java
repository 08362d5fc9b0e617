package dev.genaiaws.testkit;

import dev.genaiaws.testkit.internal.batch.BatchJobsService;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Bedrock batch inference jobs of a {@link BedrockEmulator} ({@code CreateModelInvocationJob},
 * {@code GetModelInvocationJob}, {@code ListModelInvocationJobs}, {@code StopModelInvocationJob}),
 * and the knobs tests turn. Jobs read their JSONL input from S3 and write {@code <file>.jsonl.out}
 * and {@code manifest.json.out} under {@code <output>/<job id>/}, answering each record with the
 * emulator's own model families.
 *
 * <pre>{@code
 * bedrock.batchJobs().s3Endpoint(s3mockEndpoint)   // where jobs read and write
 *     .minRecordsPerJob(10)                         // the service's minimum (default 100)
 *     .failEveryNthRecord(50);                      // per-record errors in the output
 * }</pre>
 *
 * <p><b>Status sequence.</b> Each {@code GetModelInvocationJob} moves a job one step: {@code
 * Submitted → Validating → Scheduled → InProgress} (records processed in {@link
 * #processingSteps(int)} slices) {@code → Completed}. Validation fails the job ({@code Failed},
 * with the service's kind of message) for a file that does not end in {@code .jsonl}, a line that
 * is not JSON, a record without {@code modelInput}, or fewer records than the minimum. {@link
 * #expireNextJob()} and {@link #partiallyCompleteNextJob(int)} end the next job {@code Expired} /
 * {@code PartiallyCompleted}; {@code StopModelInvocationJob} moves a running job to {@code
 * Stopping}, then {@code Stopped} with the records processed so far written. Output order is
 * shuffled (the service does not keep input order).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class EmulatedBatchJobs {
  private final BatchJobsService service;
  private S3Client owned;

  EmulatedBatchJobs(BatchJobsService service) {
    this.service = service;
  }

  /** Jobs read and write through this S3 client (yours: never closed by the emulator). */
  public EmulatedBatchJobs s3Client(S3Client client) {
    Objects.requireNonNull(client, "client");
    synchronized (service) {
      service.settings().s3(() -> client);
    }
    return this;
  }

  /**
   * Jobs read and write through an S3 endpoint (path-style, fake credentials); closed with the
   * emulator.
   */
  public EmulatedBatchJobs s3Endpoint(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    S3Client client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    synchronized (service) {
      closeOwned();
      owned = client;
      service.settings().s3(() -> client);
    }
    return this;
  }

  /** The fewest records a job accepts (the service quota; default 100). */
  public EmulatedBatchJobs minRecordsPerJob(int min) {
    synchronized (service) {
      service.settings().minRecordsPerJob(min);
    }
    return this;
  }

  /** Every n-th processed record fails with error 400 in the output (0: none, the default). */
  public EmulatedBatchJobs failEveryNthRecord(int n) {
    synchronized (service) {
      service.settings().failEveryNth(n);
    }
    return this;
  }

  /** The seed of the output order shuffle (default 42). */
  public EmulatedBatchJobs shuffleSeed(long seed) {
    synchronized (service) {
      service.settings().shuffleSeed(seed);
    }
    return this;
  }

  /** How many polls the InProgress phase lasts (default 2: half the records per poll). */
  public EmulatedBatchJobs processingSteps(int steps) {
    synchronized (service) {
      service.settings().processingSteps(Math.max(1, steps));
    }
    return this;
  }

  /** The next job created is never started: Scheduled, then Expired. */
  public EmulatedBatchJobs expireNextJob() {
    synchronized (service) {
      service.settings().expireNext();
    }
    return this;
  }

  /** The next job created processes only {@code records} records and ends PartiallyCompleted. */
  public EmulatedBatchJobs partiallyCompleteNextJob(int records) {
    synchronized (service) {
      service.settings().partialNext(records);
    }
    return this;
  }

  /** A job's status now, without moving it along (by ARN or job id). */
  public Optional<String> status(String jobIdentifier) {
    return service.status(jobIdentifier);
  }

  void close() {
    synchronized (service) {
      closeOwned();
    }
  }

  private void closeOwned() {
    if (owned != null) {
      owned.close();
      owned = null;
    }
  }
}
