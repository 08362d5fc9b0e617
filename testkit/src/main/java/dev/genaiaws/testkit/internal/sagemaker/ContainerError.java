package dev.genaiaws.testkit.internal.sagemaker;

/**
 * A container rejected or failed a request; SageMaker wraps it in a 424 {@code ModelError} carrying
 * {@code OriginalStatusCode} and {@code OriginalMessage}.
 */
public final class ContainerError extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String body;

  /** A container answer with {@code status} and the container's own {@code body}. */
  public ContainerError(int status, String body) {
    super(body, null, false, false);
    this.status = status;
    this.body = body;
  }

  /** The container's HTTP status. */
  public int status() {
    return status;
  }

  /** The container's response body. */
  public String body() {
    return body;
  }
}
