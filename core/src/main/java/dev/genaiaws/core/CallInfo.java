package dev.genaiaws.core;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link GenerationListener} is told about a call.
 *
 * @param provider e.g. {@code bedrock} or {@code sagemaker}
 * @param operation {@code generate}, {@code generateAsync}, {@code stream} or {@code embed}
 * @param modelId the model id, profile, ARN or endpoint name
 * @param attempt the attempt number, 1 for the first
 * @param request the request (its {@code toString()} hides the prompt; the prompt itself is there
 *     for listeners that choose to read it), or {@code null} for embeddings
 * @param callId identifies the call across its attempts and callbacks: the same for every callback
 *     of one {@code generate}, {@code generateAsync}, stream subscription or {@code embed},
 *     different for every other call in this JVM (0 when the caller did not assign one). Use it to
 *     keep per-call state, such as a tracing span, between {@code onRequest} and {@code
 *     onResponse}/{@code onError}.
 */
public record CallInfo(
    String provider,
    String operation,
    String modelId,
    int attempt,
    @Nullable GenerationRequest request,
    long callId) {

  /** A call without an id (for listeners' own tests). */
  public CallInfo(
      String provider,
      String operation,
      String modelId,
      int attempt,
      @Nullable GenerationRequest request) {
    this(provider, operation, modelId, attempt, request, 0L);
  }

  /** The same call at another attempt. */
  public CallInfo withAttempt(int attempt) {
    return new CallInfo(provider, operation, modelId, attempt, request, callId);
  }
}
