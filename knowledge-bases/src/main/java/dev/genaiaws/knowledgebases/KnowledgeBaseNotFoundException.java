package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.ServiceErrorDetails;

/**
 * The service has no such knowledge base, data source, ingestion job or session (HTTP 404 {@code
 * ResourceNotFoundException}) in this account and region. Check the id (the console shows it, 10
 * letters or digits), the region, and for a session that it has not expired (sessions last a
 * limited time). Not retryable.
 */
public class KnowledgeBaseNotFoundException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception with the service's details and cause. */
  public KnowledgeBaseNotFoundException(
      String message, ServiceErrorDetails details, Throwable cause) {
    super(message, details, cause, false);
  }
}
