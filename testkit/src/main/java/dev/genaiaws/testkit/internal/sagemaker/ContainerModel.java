package dev.genaiaws.testkit.internal.sagemaker;

/** What the model container behind an endpoint answers. Implementations are stateless. */
public interface ContainerModel {

  /**
   * A response.
   *
   * @param contentType its content type
   * @param body its bytes
   */
  record Response(String contentType, byte[] body) {}

  /** Answers InvokeEndpoint (and async inference). */
  Response invoke(byte[] body) throws ContainerError;

  /** The full byte stream InvokeEndpointWithResponseStream sends, before it is split into parts. */
  Response stream(byte[] body) throws ContainerError;

  /** Whether the container can stream at all. */
  default boolean streams() {
    return true;
  }
}
