package dev.genaiaws.sagemaker;

import dev.genaiaws.core.Sleeper;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.NullUnmarked;

/**
 * Where and how an asynchronous inference runs: the S3 prefix the encoded input is uploaded to, the
 * KMS key to encrypt it with, how often to look for the result and for how long.
 *
 * <pre>{@code
 * AsyncInferenceOptions options = AsyncInferenceOptions.builder()
 *     .inputLocation("s3://my-bucket/genai/async-input/")
 *     .kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/...")   // optional SSE-KMS
 *     .timeout(Duration.ofMinutes(30))
 *     .build();
 * }</pre>
 *
 * <p>The output and failure prefixes are part of the endpoint's configuration ({@code
 * AsyncInferenceConfig.OutputConfig} {@code S3OutputPath} / {@code S3FailurePath}); SageMaker names
 * both objects in its answer, and the {@link AsyncInferenceHandle} carries them.
 *
 * <p>Polling: the client checks (HEAD) the output and failure objects after {@link
 * Builder#initialPollDelay} (default 1 s), then waits twice as long each time, capped at {@link
 * Builder#maxPollDelay} (default 30 s), until one of them exists or the waits add up to {@link
 * Builder#timeout} (default 60 minutes). Waiting uses the {@link Sleeper} given here, else the
 * client's retry policy's sleeper: tests pass one that does not really wait, and the timeout is
 * then reached without any real time passing.
 *
 * @param inputLocation the {@code s3://bucket/prefix/} the input objects are written under;
 *     required
 * @param kmsKeyId a KMS key id or ARN for SSE-KMS on the input object, or {@code null} for the
 *     bucket default
 * @param initialPollDelay the wait before the first check
 * @param maxPollDelay the longest wait between two checks
 * @param timeout how long to look for the result in all before giving up (the inference keeps
 *     running)
 * @param requestTtl how long SageMaker keeps the request queued before dropping it, or {@code null}
 *     (6 h)
 * @param invocationTimeout how long the container may work on it, or {@code null} (15 min)
 * @param sleeper how to wait between checks, or {@code null} for the client's retry policy's
 *     sleeper
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record AsyncInferenceOptions(
    String inputLocation,
    String kmsKeyId,
    Duration initialPollDelay,
    Duration maxPollDelay,
    Duration timeout,
    Duration requestTtl,
    Duration invocationTimeout,
    Sleeper sleeper) {

  public AsyncInferenceOptions {
    if (inputLocation == null
        || !inputLocation.startsWith("s3://")
        || inputLocation.length() <= 5
        || inputLocation.substring(5).startsWith("/")) {
      throw new InvalidRequestException(
          "inputLocation must be an s3://bucket/prefix URI but was " + inputLocation);
    }
    initialPollDelay =
        positive(
            initialPollDelay == null ? Duration.ofSeconds(1) : initialPollDelay,
            "initialPollDelay");
    maxPollDelay =
        positive(maxPollDelay == null ? Duration.ofSeconds(30) : maxPollDelay, "maxPollDelay");
    if (maxPollDelay.compareTo(initialPollDelay) < 0) {
      maxPollDelay = initialPollDelay;
    }
    timeout = positive(timeout == null ? Duration.ofMinutes(60) : timeout, "timeout");
    if (requestTtl != null && (requestTtl.toSeconds() < 60 || requestTtl.toSeconds() > 21_600)) {
      throw new InvalidRequestException(
          "requestTtl must be between 60 s and 6 h but was " + requestTtl);
    }
    if (invocationTimeout != null
        && (invocationTimeout.toSeconds() < 1 || invocationTimeout.toSeconds() > 3_600)) {
      throw new InvalidRequestException(
          "invocationTimeout must be between 1 s and 1 h but was " + invocationTimeout);
    }
  }

  private static Duration positive(Duration d, String field) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidRequestException(field + " must be positive but was " + d);
    }
    return d;
  }

  /** Options with defaults, uploading under {@code inputLocation}. */
  public static AsyncInferenceOptions of(String inputLocation) {
    return builder().inputLocation(inputLocation).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builder for {@link AsyncInferenceOptions}; only {@link #inputLocation} is required. */
  public static final class Builder {
    private String inputLocation;
    private String kmsKeyId;
    private Duration initialPollDelay;
    private Duration maxPollDelay;
    private Duration timeout;
    private Duration requestTtl;
    private Duration invocationTimeout;
    private Sleeper sleeper;

    private Builder() {}

    private Builder(AsyncInferenceOptions o) {
      inputLocation = o.inputLocation;
      kmsKeyId = o.kmsKeyId;
      initialPollDelay = o.initialPollDelay;
      maxPollDelay = o.maxPollDelay;
      timeout = o.timeout;
      requestTtl = o.requestTtl;
      invocationTimeout = o.invocationTimeout;
      sleeper = o.sleeper;
    }

    /** The {@code s3://bucket/prefix/} inputs are uploaded under (one object per call). */
    public Builder inputLocation(String inputLocation) {
      this.inputLocation = inputLocation;
      return this;
    }

    /** SSE-KMS key for the input objects. */
    public Builder kmsKeyId(String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    /** The wait before the first check for the result (default 1 s). */
    public Builder initialPollDelay(Duration initialPollDelay) {
      this.initialPollDelay = initialPollDelay;
      return this;
    }

    /** The longest wait between two checks (default 30 s). */
    public Builder maxPollDelay(Duration maxPollDelay) {
      this.maxPollDelay = maxPollDelay;
      return this;
    }

    /** How long to look for the result in all (default 60 minutes). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * {@code X-Amzn-SageMaker-RequestTTLSeconds}: how long the request may wait in SageMaker's
     * queue.
     */
    public Builder requestTtl(Duration requestTtl) {
      this.requestTtl = requestTtl;
      return this;
    }

    /** {@code X-Amzn-SageMaker-InvocationTimeoutSeconds}: how long the container may work on it. */
    public Builder invocationTimeout(Duration invocationTimeout) {
      this.invocationTimeout = invocationTimeout;
      return this;
    }

    /** How to wait between checks (default: the client's retry policy's sleeper). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Checks.notNull(sleeper, "sleeper");
      return this;
    }

    public AsyncInferenceOptions build() {
      return new AsyncInferenceOptions(
          inputLocation,
          kmsKeyId,
          initialPollDelay,
          maxPollDelay,
          timeout,
          requestTtl,
          invocationTimeout,
          sleeper);
    }
  }
}
