package dev.genaiaws.aws.internal;

import dev.genaiaws.core.exception.CallTimeoutException;
import dev.genaiaws.core.exception.GenAiClientException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Reading the AWS SDK's exceptions, for the adapters' error mappers. Internal. */
public final class SdkErrors {
  private SdkErrors() {}

  /**
   * The service's error code: the one in the error details, else the exception's simple class name
   * when it names an error (not the SDK's or the service's generic base class).
   *
   * @param serviceBase the simple-name prefix of the service's generic exception, e.g. {@code
   *     BedrockRuntime}
   */
  public static @Nullable String errorCode(SdkServiceException s, String serviceBase) {
    if (s instanceof AwsServiceException a
        && a.awsErrorDetails() != null
        && a.awsErrorDetails().errorCode() != null) {
      return a.awsErrorDetails().errorCode();
    }
    String simple = s.getClass().getSimpleName();
    return simple.endsWith("Exception")
            && !simple.startsWith("Sdk")
            && !simple.startsWith("Aws")
            && !simple.startsWith(serviceBase)
        ? simple
        : null;
  }

  /**
   * The HTTP status of a service exception; 0 when the SDK has none that is valid (e.g. negative).
   */
  public static int status(SdkServiceException s) {
    int status = s.statusCode();
    return status >= 0 && status <= 999 ? status : 0;
  }

  /** The service's own message, else the exception's. */
  public static @Nullable String serviceMessage(SdkServiceException s) {
    if (s instanceof AwsServiceException a
        && a.awsErrorDetails() != null
        && a.awsErrorDetails().errorMessage() != null) {
      return a.awsErrorDetails().errorMessage();
    }
    return s.getMessage();
  }

  /** The failure inside {@link CompletionException} / {@link ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** Whether {@code t} or any of its causes is a {@code type}. */
  public static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /**
   * What to do when {@code t} says the AWS configuration is missing (no region, no credentials), or
   * {@code null} when it is another failure. Both adapters word these the same way.
   */
  public static @Nullable String configurationProblem(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c instanceof SdkClientException && c.getMessage() != null ? c.getMessage() : "";
      if (m.startsWith("Unable to load region")) {
        return "no AWS region is configured: pass one to the builder (.region(Region.US_EAST_1)), or set the"
            + " AWS_REGION environment variable or 'region' in ~/.aws/config";
      }
      if (m.startsWith("Unable to load credentials")) {
        return "no AWS credentials were found: pass a credentialsProvider to the builder, set AWS_ACCESS_KEY_ID"
            + " and AWS_SECRET_ACCESS_KEY, or configure a profile (aws configure, aws sso login); offline, point"
            + " endpointOverride at the testkit emulator and pass any static credentials";
      }
    }
    return null;
  }

  /** The innermost cause's class and message, for error messages. */
  public static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  /**
   * The client-side half of every adapter's error mapping, for a failure that is no service answer
   * ({@code t} already unwrapped, not an {@code SdkServiceException}): missing configuration,
   * attempt and call time-outs, cancellation, a broken connection (retryable), another SDK client
   * failure, anything else. The messages name the service and the call and say what to do.
   *
   * @param service the service as users know it, e.g. {@code Bedrock}
   * @param what the call, e.g. {@code anthropic.claude-3-haiku-20240307-v1:0} or {@code endpoint
   *     tgi}
   * @param attemptAdvice what to do about an attempt time-out, or {@code null}
   * @param callAdvice what to do about a call time-out
   */
  public static GenAiClientException clientSide(
      Throwable t, String service, String what, @Nullable String attemptAdvice, String callAdvice) {
    String configuration = configurationProblem(t);
    if (configuration != null) {
      return new GenAiClientException(
          "cannot call " + service + " for " + what + ": " + configuration, t, false);
    }
    if (t instanceof ApiCallAttemptTimeoutException) {
      return new GenAiClientException(
          "an attempt to call "
              + what
              + " took longer than the client's attempt time-out and was abandoned; it will be"
              + " retried if the policy allows"
              + (attemptAdvice == null ? "" : ". " + attemptAdvice),
          t,
          true);
    }
    if (t instanceof ApiCallTimeoutException) {
      return new CallTimeoutException(
          "the call to " + what + " took longer than its time-out and was abandoned: " + callAdvice,
          t);
    }
    if (t instanceof CancellationException) {
      return new GenAiClientException("the call to " + what + " was cancelled", t, false);
    }
    if (hasCause(t, IOException.class)) {
      return new GenAiClientException(
          "could not talk to "
              + service
              + " for "
              + what
              + " ("
              + rootMessage(t)
              + "): the connection failed or broke; check the endpoint, region and network. Retryable",
          t,
          true);
    }
    if (t instanceof SdkClientException) {
      return new GenAiClientException(
          "the AWS SDK could not call "
              + service
              + " for "
              + what
              + ": "
              + t.getMessage()
              + " (check the region and credentials configuration)",
          t,
          false);
    }
    return new GenAiClientException("the call to " + what + " failed: " + t, t, false);
  }
}
