package dev.genaiaws.aws;

import dev.genaiaws.aws.internal.ClientSettings;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * The settings every model client of this SDK has, with the same names, defaults and checks: where
 * the AWS clients it builds connect ({@link #region}, {@link #credentialsProvider}, {@link
 * #endpointOverride}, from {@link EndpointClientBuilderBase}), the one retry layer ({@link
 * #retryPolicy}), listeners, and time-outs ({@link #callTimeout}, {@link #attemptTimeout}). Each
 * client's {@code Builder} extends it and adds its own settings; you never use this class by name:
 *
 * <pre>{@code
 * BedrockEmbeddingClient.builder()
 *     .region(Region.US_EAST_1)
 *     .callTimeout(Duration.ofSeconds(30))
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
 *     .build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public abstract class ClientBuilderBase<B extends ClientBuilderBase<B>>
    extends EndpointClientBuilderBase<B> {
  private RetryPolicy retryPolicy = RetryPolicy.defaults();
  private final List<GenerationListener> listeners = new ArrayList<>();
  private Duration callTimeout;
  private Duration attemptTimeout;

  /** For the SDK's client builders only. */
  protected ClientBuilderBase() {}

  /** When and how often to retry; default {@link RetryPolicy#defaults()}. */
  public B retryPolicy(RetryPolicy retryPolicy) {
    if (retryPolicy == null) {
      throw new InvalidRequestException(
          "retryPolicy must not be null: pass RetryPolicy.none() for no retries");
    }
    this.retryPolicy = retryPolicy;
    return self();
  }

  /** Adds a listener for logging and metrics. */
  public B listener(GenerationListener listener) {
    if (listener == null) {
      throw new InvalidRequestException("listener must not be null");
    }
    this.listeners.add(listener);
    return self();
  }

  /** Replaces the listeners. */
  public B listeners(List<GenerationListener> listeners) {
    if (listeners == null) {
      throw new InvalidRequestException("listeners must not be null: pass List.of() for none");
    }
    this.listeners.clear();
    listeners.forEach(this::listener);
    return self();
  }

  /**
   * The longest a call may take in all, attempts and back-off included (a request's own timeout
   * wins, where requests have one). Also the socket read time-out of the HTTP clients this builder
   * builds. Default: none (read time-out 60 minutes). A stream is not cut off by it once it has
   * started: there the read time-out bounds the wait between events, and the call time-out only
   * stops further retries.
   */
  public B callTimeout(Duration callTimeout) {
    this.callTimeout = positive(callTimeout, "callTimeout");
    return self();
  }

  /**
   * The longest one attempt may take; an attempt that times out is retried if the policy allows.
   */
  public B attemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
    return self();
  }

  private static Duration positive(Duration d, String field) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new InvalidRequestException(
          field + " must be positive but was " + d + ": pass null for no limit");
    }
    return d;
  }

  /** What the settings above add up to, for the subclass's {@code build()}. */
  // ClientSettings is in the internal package, exported only to the adapter modules that subclass
  // this builder (module-info.java): the one place its type crosses a public signature
  @SuppressWarnings("exports")
  protected final ClientSettings clientSettings() {
    return new ClientSettings(
        awsRegion(),
        awsCredentials(),
        awsEndpoint(),
        retryPolicy,
        listeners,
        callTimeout,
        attemptTimeout);
  }
}
