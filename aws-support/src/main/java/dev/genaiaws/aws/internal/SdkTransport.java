package dev.genaiaws.aws.internal;

import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.internal.Invocation;
import dev.genaiaws.core.internal.RawResponse;
import dev.genaiaws.core.internal.Transport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A {@link Transport} over one AWS runtime operation that takes a body and answers one (Bedrock's
 * {@code InvokeModel}, SageMaker's {@code InvokeEndpoint}): {@link #invoke} makes the call itself
 * and {@link #invokeAsync} through {@link SdkCalls}, both mapping its failures with the service's
 * mapping; the one body limit is {@link #maxRequestBytes}; streams start through {@link
 * SdkCalls#stream}. A subclass says how to build the request and how to read the answer. Internal.
 *
 * @param <Q> the SDK request type
 * @param <P> the SDK response type
 */
public abstract class SdkTransport<Q, P> implements Transport {

  /** A service's mapping of SDK failures, knowing the model or endpoint when there is one. */
  @FunctionalInterface
  public interface Errors {
    /** Our exception for an SDK failure of a call to {@code modelId} ({@code null}: not known). */
    GenAiException map(Throwable error, @Nullable String modelId);
  }

  private final long maxBodyBytes;
  private final Function<Q, P> send;
  private final Function<Q, CompletableFuture<P>> sendAsync;
  private final Errors errors;
  private final Runnable close;
  private final @Nullable Duration attemptTimeout;

  /**
   * @param maxBodyBytes the service's limit on a request body
   * @param attemptTimeout the longest one attempt may take, or {@code null}
   * @param send the sync SDK call
   * @param sendAsync the async SDK call
   * @param errors the service's mapping of SDK failures
   * @param close closes the SDK clients this transport owns
   */
  protected SdkTransport(
      long maxBodyBytes,
      @Nullable Duration attemptTimeout,
      Function<Q, P> send,
      Function<Q, CompletableFuture<P>> sendAsync,
      Errors errors,
      Runnable close) {
    this.maxBodyBytes = maxBodyBytes;
    this.attemptTimeout = attemptTimeout;
    this.send = send;
    this.sendAsync = sendAsync;
    this.errors = errors;
    this.close = close;
  }

  /**
   * The SDK request's own time-outs for one non-streamed attempt of {@code inv}: what is left of
   * the call, and the attempt time-out ({@code null}: none, the cheapest for the SDK).
   */
  protected final @Nullable AwsRequestOverrideConfiguration timeouts(Invocation inv) {
    return AwsClientConfig.timeouts(inv.timeout(), attemptTimeout);
  }

  /**
   * The encoded body as the SDK's bytes, without a copy: neither the codec's bytes nor the SDK's
   * are ever mutated.
   */
  protected static SdkBytes body(Invocation inv) {
    return SdkBytes.fromByteArrayUnsafe(inv.body());
  }

  /** The SDK request for one invocation (sync and async alike). */
  protected abstract Q request(Invocation inv);

  /** The raw response for the SDK's answer. */
  protected abstract RawResponse answer(Invocation inv, P response);

  /**
   * {@inheritDoc}
   *
   * <p>Written out rather than through {@link SdkCalls#sync}: the SDK call is made two frames and
   * two lambdas nearer the caller, and the url-connection client fills in the stack trace of a
   * {@code SocketTimeoutException} on nearly every call (the JDK's 1 ms keep-alive probe of a
   * reused connection before a POST), whose cost grows with the depth of the stack.
   */
  @Override
  public final RawResponse invoke(Invocation inv) {
    P response;
    try {
      response = send.apply(request(inv));
    } catch (RuntimeException e) {
      throw errors.map(e, inv.modelId());
    }
    return answer(inv, response);
  }

  @Override
  public final CompletableFuture<RawResponse> invokeAsync(Invocation inv) {
    return SdkCalls.async(
        () -> sendAsync.apply(request(inv)),
        response -> answer(inv, response),
        e -> errors.map(e, inv.modelId()));
  }

  @Override
  public final long maxRequestBytes(boolean streaming) {
    return maxBodyBytes;
  }

  @Override
  public final GenAiException mapError(Throwable error) {
    return errors.map(error, null);
  }

  @Override
  public final void close() {
    close.run();
  }
}
