package dev.genaiaws.core.exception;

/**
 * The caller cancelled the call: {@code generateAsync(...).cancel(true)}, or a stream closed (or
 * its subscription cancelled) before it ended. Listeners receive it in {@code onError}, so each
 * call ends for them with exactly one of {@code onResponse} or {@code onError}; it is never
 * retried.
 */
public class CallCancelledException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  public CallCancelledException(String message) {
    super(message, null, false);
  }
}
