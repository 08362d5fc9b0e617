package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * What the service said about a failure: HTTP status, error code, request id and which provider
 * (e.g. {@code bedrock}, {@code sagemaker}) answered.
 *
 * @param statusCode the HTTP status, or 0 when the error arrived inside a stream
 * @param errorCode the service's error code, e.g. {@code ThrottlingException}, or {@code null}
 * @param requestId the request id to quote to AWS support, or {@code null} when none was sent
 * @param provider the provider that answered, e.g. {@code bedrock}
 */
public record ServiceErrorDetails(
    int statusCode, @Nullable String errorCode, @Nullable String requestId, String provider) {
  public ServiceErrorDetails {
    if (statusCode < 0) {
      throw new InvalidRequestException("statusCode must be >= 0 but was " + statusCode);
    }
  }
}
