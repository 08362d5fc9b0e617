package dev.genaiaws.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.InternalServerException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ModelTimeoutException;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.ValidationException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;

class BedrockErrorsTest {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

  private static AwsServiceException service(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .requestId("req-1")
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage("it failed").build())
        .build();
  }

  @ParameterizedTest
  @CsvSource({
    "throttlingException, dev.genaiaws.core.exception.ThrottlingException, true",
    "modelTimeoutException, dev.genaiaws.core.exception.ModelTimeoutException, true",
    "internalServerException, dev.genaiaws.core.exception.InternalServerException, true",
    "serviceUnavailableException, dev.genaiaws.core.exception.ServiceUnavailableException, true",
    "validationException, dev.genaiaws.core.exception.ValidationException, false",
    "modelStreamErrorException, dev.genaiaws.core.exception.ModelErrorException, false"
  })
  void map_inStreamLowerCamelCodes_mappedWithStatusZero(
      String code, String type, boolean retryable) {
    GenAiException e = BedrockErrors.map(service(code, 429), MODEL, true);

    assertThat(e.getClass().getName()).isEqualTo(type);
    assertThat(e.retryable()).isEqualTo(retryable);
    GenAiServiceException s = (GenAiServiceException) e;
    assertThat(s.statusCode()).isZero();
    assertThat(s.errorCode()).isEqualTo(code);
    assertThat(s.requestId()).isEqualTo("req-1");
    assertThat(s.getCause()).isInstanceOf(AwsServiceException.class);
    assertThat(s.getMessage()).contains(MODEL).contains("it failed").contains("req-1");
  }

  @Test
  void map_httpErrors_keepStatusAndTypes() {
    assertThat(BedrockErrors.map(service("ThrottlingException", 429), MODEL))
        .isInstanceOfSatisfying(
            ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    assertThat(BedrockErrors.map(service("ModelTimeoutException", 408), MODEL))
        .isInstanceOf(ModelTimeoutException.class);
    assertThat(BedrockErrors.map(service("InternalServerException", 500), MODEL))
        .isInstanceOf(InternalServerException.class);
    assertThat(BedrockErrors.map(service("ServiceUnavailableException", 503), MODEL))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(BedrockErrors.map(service("ValidationException", 400), MODEL))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void map_unknownCodes_byStatus() {
    assertThat(BedrockErrors.map(service("SlowDown", 429), MODEL))
        .isInstanceOf(ThrottlingException.class);
    assertThat(BedrockErrors.map(service("Weird", 502), MODEL).retryable()).isTrue();
    assertThat(BedrockErrors.map(service("Odd", 409), MODEL).retryable()).isFalse();
  }

  @Test
  void map_modelStreamError_keepsOriginalStatusAndMessage() {
    ModelStreamErrorException sdk =
        ModelStreamErrorException.builder()
            .message("broke")
            .statusCode(424)
            .originalStatusCode(500)
            .originalMessage("model crashed")
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode("modelStreamErrorException").build())
            .build();

    assertThat(BedrockErrors.map(sdk, MODEL, true))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.originalStatusCode()).isEqualTo(500);
              assertThat(e.originalMessage()).isEqualTo("model crashed");
              assertThat(e.statusCode()).isZero();
            });
  }

  @Test
  void map_attemptTimeout_retryableClientException() {
    GenAiException e = BedrockErrors.map(ApiCallAttemptTimeoutException.create(100), MODEL);

    assertThat(e).isInstanceOf(GenAiClientException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("attemptTimeout");
  }

  @Test
  void map_callTimeout_notRetryableClientException() {
    GenAiException e = BedrockErrors.map(ApiCallTimeoutException.create(100), MODEL);

    assertThat(e).isInstanceOf(GenAiClientException.class);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("callTimeout");
  }

  @Test
  void map_connectionFailuresWrappedInCompletionException_retryable() {
    SdkClientException refused =
        SdkClientException.create(
            "Unable to execute HTTP request", new ConnectException("Connection refused"));
    SdkClientException reset =
        SdkClientException.create(
            "Unable to execute HTTP request", new SocketException("Connection reset"));

    GenAiException e = BedrockErrors.map(new CompletionException(refused), MODEL);

    assertThat(e).isInstanceOf(GenAiClientException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getCause()).isSameAs(refused);
    assertThat(e.getMessage()).contains("Connection refused").contains("check the endpoint");
    assertThat(BedrockErrors.map(reset, MODEL).retryable()).isTrue();
  }

  @Test
  void map_configurationProblem_notRetryableNamingWhatToCheck() {
    GenAiException region =
        BedrockErrors.map(SdkClientException.create("Unable to load region"), MODEL);
    GenAiException credentials =
        BedrockErrors.map(
            SdkClientException.create("Unable to load credentials from any of the providers"),
            MODEL);

    assertThat(region.retryable()).isFalse();
    assertThat(region.getMessage())
        .contains("no AWS region")
        .contains("AWS_REGION")
        .contains(".region(");
    assertThat(credentials.retryable()).isFalse();
    assertThat(credentials.getMessage())
        .contains("no AWS credentials")
        .contains("credentialsProvider");
  }

  @Test
  void map_alreadyMapped_passesThrough() {
    InvalidRequestException mine = new InvalidRequestException("bad");

    assertThat(BedrockErrors.map(new CompletionException(mine), MODEL)).isSameAs(mine);
  }
}
