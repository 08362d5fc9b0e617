package dev.genaiaws.batch.internal;

import dev.genaiaws.aws.internal.SdkErrors;
import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.InternalServerException;
import dev.genaiaws.core.exception.QuotaExceededException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Runs one control-plane or S3 call of a job and maps what the AWS SDK throws to the SDK's
 * exceptions, cause and request id kept, with messages about jobs, roles and buckets (not models).
 * Retryable failures (throttling, 5xx, broken connections) say so, and {@code Job.await} keeps
 * polling through them. Internal.
 */
public final class BatchErrors {
  private BatchErrors() {}

  /**
   * The result of {@code call}, or its failure mapped; {@code what} names the call, e.g. {@code
   * "GetModelInvocationJob <arn>"}.
   */
  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (GenAiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw map(e, what);
    }
  }

  /** Maps one failure of {@code what}. */
  public static GenAiException map(RuntimeException error, String what) {
    Throwable t = SdkErrors.unwrap(error);
    if (t instanceof GenAiException g) {
      return g;
    }
    if (t instanceof SdkServiceException s) {
      return service(s, what);
    }
    // the job APIs have no time-outs of ours: their branches of the shared mapping never apply
    return SdkErrors.clientSide(t, "AWS", what, null, "retry the call");
  }

  private static GenAiException service(SdkServiceException s, String what) {
    String code = SdkErrors.errorCode(s, "Service");
    int status = s.statusCode();
    String provider =
        what.startsWith("ListObjects")
                || what.startsWith("GetObject")
                || what.startsWith("PutObject")
            ? "s3"
            : what.contains("Transform") || what.startsWith("DescribeEndpoint")
                ? "sagemaker"
                : what.contains("ServiceQuotas") ? "servicequotas" : "bedrock";
    ServiceErrorDetails d = new ServiceErrorDetails(status, code, s.requestId(), provider);
    String msg = SdkErrors.serviceMessage(s);
    String text = code + " from " + what + (msg == null ? "" : ": " + msg);
    switch (code == null ? "" : code.toLowerCase(Locale.ROOT)) {
      case "throttlingexception", "slowdown", "requestlimitexceeded", "throttling":
        return new ThrottlingException(text + ". Retryable: slow down", d, s);
      case "validationexception":
        return new ValidationException(text + ". Fix the job's settings", d, s);
      case "accessdeniedexception",
      "accessdenied",
      "expiredtokenexception",
      "unrecognizedclientexception",
      "invalidsignatureexception":
        if (provider.equals("servicequotas")) {
          return new AccessDeniedException(
              text
                  + ". Grant servicequotas:ListServiceQuotas and"
                  + " servicequotas:ListAWSDefaultServiceQuotas, or pass BatchLimits explicitly",
              d,
              s);
        }
        return new AccessDeniedException(
            text
                + ". Check the caller's IAM policy (the job actions, iam:PassRole"
                + " on the service role, s3:ListBucket/PutObject/GetObject on the input and output prefixes) and the"
                + " credentials",
            d,
            s);
      case "servicequotaexceededexception", "resourcelimitexceeded":
        return new QuotaExceededException(
            text + ". Wait for running jobs to end or request a quota increase", d, s);
      case "internalserverexception", "internalfailure", "internalerror":
        return new InternalServerException(
            text + ". Retryable: the service failed internally", d, s);
      case "serviceunavailableexception", "serviceunavailable":
        return new ServiceUnavailableException(
            text + ". Retryable: the service is temporarily unavailable", d, s);
      default:
        if (status == 429) {
          return new ThrottlingException(text + ". Retryable: slow down", d, s);
        }
        boolean retryable = status >= 500;
        String hint =
            status == 404
                ? ". Check the job id or ARN, the bucket and the key"
                : retryable
                    ? ". Retryable: a server-side failure"
                    : ". The service refused the request";
        return new GenAiServiceException(text + hint, d, s, retryable);
    }
  }
}
