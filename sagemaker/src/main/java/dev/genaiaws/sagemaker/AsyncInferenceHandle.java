package dev.genaiaws.sagemaker;

import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.internal.Checks;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted asynchronous inference: where its input is, where its output or failure will appear,
 * and the future answer.
 *
 * <pre>{@code
 * AsyncInferenceHandle h = client.submitAsyncInference(request, options);
 * log.info("inference {} will write {}", h.inferenceId(), h.outputLocation());
 * GenerationResponse r = h.result().join();
 * }</pre>
 *
 * The {@link #result()} future completes with the decoded answer once the output object exists, or
 * exceptionally with an {@link AsyncInferenceFailedException} (the failure object's text) or, when
 * the options' timeout passes first, a {@code GenAiClientException} naming the output location to
 * check later. Cancelling the future stops the polling, not the inference.
 *
 * @param inferenceId the id SageMaker gave the inference
 * @param inputLocation the {@code s3://} URI of the uploaded input ({@code null} for a resumed
 *     handle)
 * @param outputLocation the {@code s3://} URI SageMaker writes the answer to
 * @param failureLocation the {@code s3://} URI SageMaker writes a failure to, or {@code null} when
 *     the endpoint has no failure path
 * @param result the answer to come
 */
public record AsyncInferenceHandle(
    String inferenceId,
    String inputLocation,
    String outputLocation,
    String failureLocation,
    CompletableFuture<GenerationResponse> result) {
  public AsyncInferenceHandle {
    Checks.notNull(result, "result");
  }

  @Override
  public String toString() {
    return "AsyncInferenceHandle[inferenceId="
        + inferenceId
        + ", output="
        + outputLocation
        + ", done="
        + result.isDone()
        + "]";
  }
}
