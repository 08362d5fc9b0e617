package dev.genaiaws.testkit.internal.sagemaker;

import dev.genaiaws.testkit.TextStyle;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs async inferences on one background thread: after the configured delay it reads the input
 * object from S3, asks the container, and writes the output object (or a failure object).
 */
public final class AsyncInference implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncInference.class);

  /**
   * How an async inference ended.
   *
   * @param inferenceId the inference id
   * @param succeeded whether the output object was written (else the failure object)
   * @param location where the output or failure object is
   */
  public record Outcome(String inferenceId, boolean succeeded, String location) {}

  private final ScheduledExecutorService executor;
  private final Supplier<S3Client> s3;
  private final Duration delay;
  private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();

  /** An executor that uses {@code s3} (created on first use) after {@code delay}. */
  public AsyncInference(Supplier<S3Client> s3, Duration delay) {
    this.s3 = s3;
    this.delay = delay;
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "sagemaker-emulator-async");
              t.setDaemon(true);
              return t;
            });
    ex.setRemoveOnCancelPolicy(true);
    this.executor = ex;
  }

  /** Schedules one inference; its outcome is available through {@link #outcome(String)}. */
  @SuppressWarnings(
      "try") // the scope only sets this thread's text style; the body need not name it
  public void submit(
      String inferenceId,
      ContainerModel model,
      S3Location input,
      S3Location output,
      S3Location failure,
      TextStyle style) {
    CompletableFuture<Outcome> f =
        outcomes.computeIfAbsent(inferenceId, k -> new CompletableFuture<>());
    var unused =
        executor.schedule(
            () -> {
              try (TextGenerator.Scope ignored = TextGenerator.use(style)) {
                f.complete(run(inferenceId, model, input, output, failure));
              } catch (RuntimeException e) {
                LOG.debug(
                    "async inference {} could not write its result: {}", inferenceId, e.toString());
                f.completeExceptionally(e);
              }
            },
            delay.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  private Outcome run(
      String inferenceId,
      ContainerModel model,
      S3Location input,
      S3Location output,
      S3Location failure) {
    S3Client client = s3.get();
    byte[] body;
    try {
      body = client.getObjectAsBytes(b -> b.bucket(input.bucket()).key(input.key())).asByteArray();
    } catch (RuntimeException e) {
      return fail(
          client,
          inferenceId,
          failure,
          400,
          "Failed to download the input object " + input + ": " + e.getClass().getSimpleName());
    }
    try {
      ContainerModel.Response r = model.invoke(body);
      client.putObject(
          b -> b.bucket(output.bucket()).key(output.key()).contentType(r.contentType()),
          RequestBody.fromBytes(r.body()));
      return new Outcome(inferenceId, true, output.toString());
    } catch (ContainerError e) {
      return fail(client, inferenceId, failure, e.status(), e.body());
    }
  }

  private static Outcome fail(
      S3Client client, String inferenceId, S3Location failure, int status, String message) {
    byte[] body =
        Json.bytes(
            Json.object()
                .put("InferenceId", inferenceId)
                .put("OriginalStatusCode", status)
                .put("OriginalMessage", message));
    client.putObject(
        b -> b.bucket(failure.bucket()).key(failure.key()).contentType("application/json"),
        RequestBody.fromBytes(body));
    return new Outcome(inferenceId, false, failure.toString());
  }

  /** The outcome of an inference (completes when its object is written), if it was submitted. */
  public Optional<CompletableFuture<Outcome>> outcome(String inferenceId) {
    return Optional.ofNullable(outcomes.get(inferenceId));
  }

  /** Forgets finished outcomes. */
  public void reset() {
    outcomes.values().removeIf(CompletableFuture::isDone);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
