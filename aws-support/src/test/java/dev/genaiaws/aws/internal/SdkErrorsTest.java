package dev.genaiaws.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.exception.CallTimeoutException;
import dev.genaiaws.core.exception.GenAiClientException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The client-side half of the adapters' error mapping, the one copy every service uses. */
class SdkErrorsTest {
  private static GenAiClientException map(Throwable t) {
    return SdkErrors.clientSide(
        t, "Bedrock", "model-x", "Raise attemptTimeout", "raise callTimeout");
  }

  @Test
  void missingRegion_saysHowToConfigureIt_notRetryable() {
    GenAiClientException e =
        map(SdkClientException.create("Unable to load region from any of the providers"));
    assertThat(e.getMessage())
        .startsWith("cannot call Bedrock for model-x: no AWS region")
        .contains("AWS_REGION");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void attemptTimeout_retryableWithTheServiceAdvice() {
    GenAiClientException e = map(ApiCallAttemptTimeoutException.create(200));
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("model-x").endsWith("Raise attemptTimeout");
    assertThat(
            SdkErrors.clientSide(ApiCallAttemptTimeoutException.create(200), "S", "w", null, "c")
                .getMessage())
        .endsWith("retried if the policy allows");
  }

  @Test
  void callTimeout_isCallTimeoutException() {
    assertThat(map(ApiCallTimeoutException.create(300)))
        .isInstanceOf(CallTimeoutException.class)
        .hasMessageEndingWith(": raise callTimeout");
  }

  @Test
  void brokenConnection_retryableNamingTheRootCause() {
    GenAiClientException e =
        map(SdkClientException.create("Unable to execute", new IOException("Connection reset")));
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage())
        .startsWith("could not talk to Bedrock for model-x (IOException: Connection reset)");
  }

  @Test
  void otherFailures_notRetryable_causeKept() {
    SdkClientException sdk = SdkClientException.create("bad signing");
    assertThat(map(sdk))
        .hasMessageContaining("the AWS SDK could not call Bedrock for model-x: bad signing")
        .hasCause(sdk);
    assertThat(map(new CancellationException()).getMessage())
        .isEqualTo("the call to model-x was cancelled");
    IllegalStateException odd = new IllegalStateException("odd");
    GenAiClientException e = map(odd);
    assertThat(e.retryable()).isFalse();
    assertThat(e).hasCause(odd).hasMessageStartingWith("the call to model-x failed");
  }
}
