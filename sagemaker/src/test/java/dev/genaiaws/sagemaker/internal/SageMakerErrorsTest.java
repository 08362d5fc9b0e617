package dev.genaiaws.sagemaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InternalServerException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ModelTimeoutException;
import dev.genaiaws.core.exception.ThrottlingException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalDependencyException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalStreamFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;

/** Mapping of SDK exceptions the emulator does not produce on its own. */
class SageMakerErrorsTest {

  @Test
  void map_modelStreamErrorInvocationTimeExceeded_modelTimeoutException() {
    GenAiException e =
        SageMakerErrors.map(
            ModelStreamErrorException.builder()
                .errorCode("ModelInvocationTimeExceeded")
                .message("took too long")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ModelStreamError")
                        .errorMessage("took too long")
                        .build())
                .build(),
            "my-llm");
    assertThat(e)
        .isInstanceOf(ModelTimeoutException.class)
        .hasMessageContaining("my-llm")
        .hasMessageContaining("ModelInvocationTimeExceeded");
  }

  @Test
  void map_modelStreamErrorStreamBroken_modelErrorWithStatusZero() {
    GenAiException e =
        SageMakerErrors.map(
            new CompletionException(
                ModelStreamErrorException.builder()
                    .errorCode("StreamBroken")
                    .message("broken")
                    .build()),
            "my-llm");
    assertThat(e)
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            m -> {
              assertThat(m.statusCode()).isZero();
              assertThat(m.errorCode()).isEqualTo("StreamBroken");
            });
  }

  @Test
  void map_internalStreamFailureAndDependency_retryableInternalServer() {
    assertThat(
            SageMakerErrors.map(InternalStreamFailureException.builder().message("x").build(), "e"))
        .isInstanceOf(InternalServerException.class)
        .matches(GenAiException::retryable);
    assertThat(
            SageMakerErrors.map(
                InternalDependencyException.builder().statusCode(530).message("x").build(), "e"))
        .isInstanceOf(InternalServerException.class)
        .matches(GenAiException::retryable);
  }

  @Test
  void map_throttlingCodeOn400_throttlingException() {
    AwsServiceException t =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ThrottlingException")
                    .errorMessage("Rate exceeded")
                    .build())
            .build();
    assertThat(SageMakerErrors.map(t, "e"))
        .isInstanceOf(ThrottlingException.class)
        .matches(GenAiException::retryable);
  }

  @Test
  void map_ioFailure_retryableClientException() {
    GenAiException e =
        SageMakerErrors.map(
            SdkClientException.create(
                "Unable to execute HTTP request", new IOException("Connection reset")),
            "e");
    assertThat(e)
        .isInstanceOf(GenAiClientException.class)
        .matches(GenAiException::retryable)
        .hasMessageContaining("Connection reset");
  }
}
