package dev.genaiaws.sagemaker.internal;

import dev.genaiaws.aws.internal.SdkErrors;
import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.InternalServerException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ModelNotReadyException;
import dev.genaiaws.core.exception.ModelTimeoutException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;

/**
 * Maps everything the SageMaker Runtime (and, for async inference, S3) clients throw to the SDK's
 * exception hierarchy, keeping the AWS exception as the cause and the request id. Error codes are
 * matched case-insensitively (in-stream events arrive in lowerCamel). Messages say what to do.
 * Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerErrors {
  /** The provider name in {@link ServiceErrorDetails}. */
  public static final String PROVIDER = "sagemaker";

  private SageMakerErrors() {}

  /**
   * Maps a failure of a call to {@code endpoint} (may be null). Already mapped exceptions pass
   * through.
   */
  public static GenAiException map(Throwable error, String endpoint) {
    Throwable t = SdkErrors.unwrap(error);
    if (t instanceof GenAiException g) {
      return g;
    }
    String what = endpoint == null ? "the endpoint" : "endpoint " + endpoint;
    if (t instanceof SdkServiceException s) {
      return service(s, what);
    }
    return SdkErrors.clientSide(
        t,
        "SageMaker",
        what,
        null,
        "raise callTimeout (or the request's timeout), lower maxTokens, stream the answer, or use"
            + " asynchronous inference for long jobs");
  }

  private static GenAiException service(SdkServiceException s, String what) {
    String code = SdkErrors.errorCode(s, "SageMakerRuntime");
    int status = SdkErrors.status(s);
    boolean inStream =
        s instanceof ModelStreamErrorException
            || s
                instanceof
                software.amazon.awssdk.services.sagemakerruntime.model
                    .InternalStreamFailureException;
    ServiceErrorDetails d =
        new ServiceErrorDetails(
            inStream || status == 200 ? 0 : status, code, s.requestId(), PROVIDER);
    String msg = SdkErrors.serviceMessage(s);
    String text = code + " from SageMaker for " + what + (msg == null ? "" : ": " + msg);
    switch (code == null ? "" : code.toLowerCase(Locale.ROOT)) {
      case "modelerror":
      case "modelerrorexception":
        {
          Integer original = null;
          String originalMessage = null;
          String logs = null;
          if (s
              instanceof
              software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException m) {
            original = m.originalStatusCode();
            originalMessage = m.originalMessage();
            logs = m.logStreamArn();
          }
          return new ModelErrorException(
              text
                  + ". The container answered"
                  + (original == null ? " with an error" : " with status " + original)
                  + (originalMessage == null ? "" : ": " + originalMessage)
                  + (logs == null ? "" : ". Its logs: " + logs)
                  + ". Check the request body against the container's format",
              d,
              s,
              original,
              originalMessage,
              false);
        }
      case "modelstreamerror":
      case "modelstreamerrorexception":
        {
          String streamCode = s instanceof ModelStreamErrorException m ? m.errorCode() : null;
          ServiceErrorDetails sd =
              new ServiceErrorDetails(
                  0, streamCode == null ? code : streamCode, s.requestId(), PROVIDER);
          if ("ModelInvocationTimeExceeded".equalsIgnoreCase(streamCode)) {
            return new ModelTimeoutException(
                text
                    + " ("
                    + streamCode
                    + "). The container took too long to stream"
                    + " the answer; lower maxTokens or use asynchronous inference",
                sd,
                s);
          }
          return new ModelErrorException(
              text
                  + (streamCode == null ? "" : " (" + streamCode + ")")
                  + ". The container failed while streaming; the text already delivered is incomplete",
              sd,
              s,
              null,
              msg,
              false);
        }
      case "internalstreamfailure":
      case "internalstreamfailureexception":
        return new InternalServerException(
            text + ". SageMaker's stream broke; the text already delivered is" + " incomplete",
            d,
            s);
      case "validationerror":
      case "validationexception":
      case "validationerrorexception":
        return new ValidationException(
            text + ". Fix the request: check the endpoint name, region, variant" + " and options",
            d,
            s);
      case "modelnotreadyexception":
        return new ModelNotReadyException(
            text + ". Retryable: the endpoint's model is loading or scaling", d, s);
      case "serviceunavailable":
      case "serviceunavailableexception":
        return new ServiceUnavailableException(
            text + ". Retryable: SageMaker is temporarily unavailable", d, s);
      case "internalfailure":
      case "internalfailureexception":
        return new InternalServerException(text + ". Retryable: SageMaker failed internally", d, s);
      case "internaldependencyexception":
        return new InternalServerException(
            text + ". Retryable: a service SageMaker depends on failed", d, s);
      case "throttlingexception":
      case "throttling":
      case "toomanyrequestsexception":
        return new ThrottlingException(
            text
                + ". Retryable: lower the request rate or raise the endpoint's"
                + " instance count",
            d,
            s);
      case "accessdeniedexception":
      case "expiredtokenexception":
      case "unrecognizedclientexception":
      case "invalidsignatureexception":
        return new AccessDeniedException(
            text
                + ". Check the IAM policy (sagemaker:InvokeEndpoint,"
                + " sagemaker:InvokeEndpointAsync on the endpoint's ARN) and that the credentials are valid",
            d,
            s);
      default:
        if (status == 429) {
          return new ThrottlingException(text + ". Retryable: lower the request rate", d, s);
        }
        boolean retryable = status >= 500;
        return new GenAiServiceException(
            text
                + (retryable
                    ? ". Retryable: a server-side failure"
                    : ". SageMaker refused the request"),
            d,
            s,
            retryable);
    }
  }
}
