package dev.genaiaws.sagemaker;

import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.ServiceErrorDetails;

/**
 * An asynchronous inference ran and failed: SageMaker wrote a failure object instead of an output.
 * The message quotes the failure object (the container's error, truncated to 2,000 characters);
 * {@link #failureLocation()} says where to read all of it and {@link #inferenceId()} which call it
 * was. Not retryable by default: the same input usually fails the same way.
 */
public class AsyncInferenceFailedException extends GenAiServiceException {
  private static final long serialVersionUID = 1L;

  private final String inferenceId;
  private final String failureLocation;
  private final String failureMessage;

  public AsyncInferenceFailedException(
      String message,
      ServiceErrorDetails details,
      String inferenceId,
      String failureLocation,
      String failureMessage) {
    super(message, details, null, false);
    this.inferenceId = inferenceId;
    this.failureLocation = failureLocation;
    this.failureMessage = failureMessage;
  }

  /** The id SageMaker gave the inference. */
  public String inferenceId() {
    return inferenceId;
  }

  /** The {@code s3://} URI of the failure object. */
  public String failureLocation() {
    return failureLocation;
  }

  /** The failure object's text (up to 2,000 characters). */
  public String failureMessage() {
    return failureMessage;
  }
}
