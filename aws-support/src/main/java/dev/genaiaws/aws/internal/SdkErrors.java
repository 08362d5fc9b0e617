package dev.genaiaws.aws.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
}
