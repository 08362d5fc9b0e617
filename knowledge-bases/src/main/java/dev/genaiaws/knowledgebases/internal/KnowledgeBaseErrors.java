package dev.genaiaws.knowledgebases.internal;

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
import dev.genaiaws.knowledgebases.KnowledgeBaseNotFoundException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Maps what the {@code bedrock-agent-runtime} and {@code bedrock-agent} clients throw to the SDK's
 * hierarchy, keeping the cause and the request id. Error codes match case-insensitively, so
 * in-stream exception events ({@code throttlingException}) map like HTTP errors. Messages name what
 * failed and what to do, never the query or passages. Internal.
 */
public final class KnowledgeBaseErrors {
  /** The provider name in {@link ServiceErrorDetails}. */
  public static final String PROVIDER = "bedrock-knowledge-bases";

  private KnowledgeBaseErrors() {}

  /**
   * Maps a failure of {@code what} (e.g. "Retrieve on knowledge base ABC"); already mapped
   * exceptions pass through. {@code inStream}: the failure arrived as an exception event after the
   * response started.
   */
  public static GenAiException map(Throwable error, String what, boolean inStream) {
    Throwable t = SdkErrors.unwrap(error);
    if (t instanceof GenAiException g) {
      return g;
    }
    if (t instanceof SdkServiceException s) {
      return service(s, what, inStream);
    }
    return SdkErrors.clientSide(
        t, "Bedrock Knowledge Bases", what, null, "raise the client's callTimeout");
  }

  private static GenAiException service(SdkServiceException s, String what, boolean inStream) {
    String code = SdkErrors.errorCode(s, "BedrockAgent");
    int status = s.statusCode();
    ServiceErrorDetails d =
        new ServiceErrorDetails(
            inStream || status == 200 ? 0 : status, code, s.requestId(), PROVIDER);
    String msg = SdkErrors.serviceMessage(s);
    String head =
        code + " from Bedrock Knowledge Bases for " + what + (msg == null ? "" : ": " + msg);
    switch (code == null ? "" : code.toLowerCase(Locale.ROOT)) {
      case "throttlingexception":
        return new ThrottlingException(
            head + ". Retryable: lower the request rate or ask for a higher quota", d, s);
      case "serviceunavailableexception":
        return new ServiceUnavailableException(
            head + ". Retryable: the service is temporarily unavailable", d, s);
      case "badgatewayexception":
        return new ServiceUnavailableException(
            head
                + ". Retryable: a service the knowledge base depends on (the"
                + " model or the vector store) answered badly",
            d,
            s);
      case "internalserverexception":
        return new InternalServerException(
            head + ". Retryable: the service failed internally", d, s);
      case "dependencyfailedexception":
        return new GenAiServiceException(
            head
                + ". Retryable: a dependency of the knowledge base (the vector store,"
                + " the embedding or generation model, or KMS) failed; check its configuration and permissions if it"
                + " persists",
            d,
            s,
            true);
      case "conflictexception":
        return new GenAiServiceException(
            head
                + ". Wait for the running operation (e.g. an ingestion job) to"
                + " finish, then try again",
            d,
            s,
            false);
      case "validationexception":
        return new ValidationException(
            head + ". Fix the request: the service refused it as invalid", d, s);
      case "accessdeniedexception":
      case "expiredtokenexception":
      case "unrecognizedclientexception":
      case "invalidsignatureexception":
        return new AccessDeniedException(
            head
                + ". Check the IAM policy (bedrock:Retrieve,"
                + " bedrock:RetrieveAndGenerate on the knowledge base, bedrock:InvokeModel on the model,"
                + " bedrock:StartIngestionJob / GetIngestionJob for ingestion) and the credentials",
            d,
            s);
      case "resourcenotfoundexception":
        return new KnowledgeBaseNotFoundException(
            head
                + ". Check the knowledge base / data source id and the"
                + " region; a session id may have expired: start a new conversation",
            d,
            s);
      case "servicequotaexceededexception":
        return new QuotaExceededException(
            head + ". Request a quota increase in Service Quotas", d, s);
      default:
        if (status == 429) {
          return new ThrottlingException(head + ". Retryable: lower the request rate", d, s);
        }
        boolean retryable = status >= 500;
        return new GenAiServiceException(
            head
                + (retryable
                    ? ". Retryable: a server-side failure"
                    : ". The service refused the request"),
            d,
            s,
            retryable);
    }
  }
}
