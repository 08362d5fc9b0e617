package dev.genaiaws.bedrock.internal;

import dev.genaiaws.aws.internal.SdkErrors;
import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.InternalServerException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ModelNotFoundException;
import dev.genaiaws.core.exception.ModelNotReadyException;
import dev.genaiaws.core.exception.ModelTimeoutException;
import dev.genaiaws.core.exception.QuotaExceededException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;

/**
 * Maps everything the Bedrock Runtime client throws to the SDK's exception hierarchy, keeping the
 * SDK exception as the cause and the request id. Error codes are matched case-insensitively, so the
 * lowerCamel member names of in-stream exception events ({@code throttlingException}) map like the
 * HTTP error codes ({@code ThrottlingException}). Messages say what to do. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BedrockErrors {
  /** The provider name in {@link ServiceErrorDetails}. */
  public static final String PROVIDER = "bedrock";

  private BedrockErrors() {}

  /**
   * Maps a failure of a call to {@code modelId} (may be null when unknown). Already mapped
   * exceptions pass through unchanged.
   */
  public static GenAiException map(Throwable error, String modelId) {
    return map(error, modelId, false);
  }

  /**
   * Maps a failure; {@code inStream} says it arrived as an exception event after the stream's
   * response started, so it is reported with status 0 (the SDK fills in the modeled HTTP status).
   */
  public static GenAiException map(Throwable error, String modelId, boolean inStream) {
    Throwable t = SdkErrors.unwrap(error);
    if (t instanceof GenAiException g) {
      return g;
    }
    String model = modelId == null ? "the model" : modelId;
    if (t instanceof SdkServiceException s) {
      return service(s, model, inStream);
    }
    return SdkErrors.clientSide(
        t,
        "Bedrock",
        model,
        "Raise attemptTimeout for long generations, lower maxTokens, or stream the answer",
        "raise callTimeout (or the request's timeout), lower maxTokens, or stream the answer");
  }

  private static GenAiException service(SdkServiceException s, String model, boolean inStream) {
    String code = SdkErrors.errorCode(s, "BedrockRuntime");
    String requestId = s.requestId();
    int status = SdkErrors.status(s);
    // exception events inside a stream arrive on a 200 response: report status 0 as documented
    int reported = inStream || status == 200 ? 0 : status;
    ServiceErrorDetails d = new ServiceErrorDetails(reported, code, requestId, PROVIDER);
    String msg = SdkErrors.serviceMessage(s);
    String what = code + " from Bedrock for " + model + (msg == null ? "" : ": " + msg);
    switch (code == null ? "" : code.toLowerCase(Locale.ROOT)) {
      case "throttlingexception":
        return new ThrottlingException(
            what
                + ". Retryable: lower the request rate or ask for a higher quota;"
                + " setting maxTokens lowers the tokens Bedrock reserves per call",
            d,
            s);
      case "modeltimeoutexception":
        return new ModelTimeoutException(
            what + ". Retryable: a smaller maxTokens or streaming helps", d, s);
      case "modelnotreadyexception":
        return new ModelNotReadyException(
            what + ". Retryable: the model is being loaded or scaled", d, s);
      case "serviceunavailableexception":
        return new ServiceUnavailableException(
            what + ". Retryable: Bedrock is temporarily unavailable", d, s);
      case "internalserverexception":
        return new InternalServerException(what + ". Retryable: Bedrock failed internally", d, s);
      case "validationexception":
        return new ValidationException(
            what + ". Fix the request: Bedrock refused it as invalid", d, s);
      case "accessdeniedexception":
      case "expiredtokenexception":
      case "unrecognizedclientexception":
      case "invalidsignatureexception":
        return new AccessDeniedException(
            what
                + ". Check the IAM policy (bedrock:InvokeModel, and"
                + " bedrock:InvokeModelWithResponseStream to stream, on the model's ARN), that model access is"
                + " granted in the Bedrock console, and that the credentials are valid",
            d,
            s);
      case "resourcenotfoundexception":
        return new ModelNotFoundException(
            what
                + ". Check the model id and that the model is offered in this"
                + " region (cross-region profiles need the us./eu./apac. prefix)",
            d,
            s);
      case "servicequotaexceededexception":
        return new QuotaExceededException(
            what + ". Request a quota increase in Service Quotas", d, s);
      case "modelerrorexception":
        {
          Integer original =
              s
                      instanceof
                      software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException m
                  ? m.originalStatusCode()
                  : null;
          return new ModelErrorException(
              what
                  + (original == null ? "" : " (model status " + original + ")")
                  + ". The model failed on this input; check the request body",
              d,
              s,
              original,
              null,
              false);
        }
      case "modelstreamerrorexception":
        {
          Integer original = null;
          String originalMessage = null;
          if (s instanceof ModelStreamErrorException m) {
            original = m.originalStatusCode();
            originalMessage = m.originalMessage();
          }
          return new ModelErrorException(
              what
                  + (original == null ? "" : " (model status " + original + ")")
                  + ". The model failed while streaming; the text already delivered is incomplete",
              d,
              s,
              original,
              originalMessage,
              false);
        }
      default:
        if (status == 429) {
          return new ThrottlingException(what + ". Retryable: lower the request rate", d, s);
        }
        boolean retryable = status >= 500;
        return new GenAiServiceException(
            what
                + (retryable
                    ? ". Retryable: a server-side failure"
                    : ". Bedrock refused the request"),
            d,
            s,
            retryable);
    }
  }
}
