package dev.genaiaws.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.exception.GenAiException;
import java.util.concurrent.CompletionException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * Fuzzing the error mapping of calls and of event-stream exception frames (issue #19): whatever
 * status, error code and message the service (or an exception frame) carries, and however the SDK
 * wraps it, the mapper returns one of the SDK's own exceptions, with a message, and never throws.
 */
class ErrorMappingFuzzTest {

  @Provide
  Arbitrary<Throwable> failures() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of(
                    "",
                    "ThrottlingException",
                    "ModelErrorException",
                    "ValidationException",
                    "ServiceQuotaExceededException",
                    "ModelNotReadyException",
                    "AccessDeniedException",
                    "ResourceNotFoundException",
                    "InternalServerException",
                    "ModelTimeoutException",
                    "ServiceUnavailableException",
                    "modelStreamErrorException",
                    "throttlingException"))
            .injectNull(0.1);
    Arbitrary<Integer> status =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-1, 999),
            Arbitraries.of(0, 400, 403, 404, 408, 424, 429, 500, 503));
    Arbitrary<Throwable> service =
        Combinators.combine(status, text, text, text)
            .as(
                (s, code, msg, message) -> {
                  AwsErrorDetails details =
                      AwsErrorDetails.builder()
                          .errorCode(code)
                          .errorMessage(msg)
                          .serviceName("Bedrock")
                          .build();
                  return (Throwable)
                      BedrockRuntimeException.builder()
                          .statusCode(s)
                          .awsErrorDetails(details)
                          .message(message)
                          .build();
                });
    Arbitrary<Throwable> typed =
        Combinators.combine(status, text)
            .as(
                (s, msg) ->
                    Arbitraries.<Throwable>of(
                        ThrottlingException.builder().statusCode(s).message(msg).build(),
                        ModelStreamErrorException.builder()
                            .statusCode(s)
                            .message(msg)
                            .originalMessage(msg)
                            .originalStatusCode(s)
                            .build()))
            .flatMap(a -> a);
    Arbitrary<Throwable> client = text.map(m -> SdkClientException.create(m));
    Arbitrary<Throwable> other =
        text.map(
                m ->
                    Arbitraries.<Throwable>of(
                        new java.io.IOException(m),
                        new IllegalStateException(m),
                        new RuntimeException(m, new java.io.EOFException())))
            .flatMap(a -> a);
    Arbitrary<Throwable> any = Arbitraries.oneOf(service, typed, client, other);
    return Arbitraries.oneOf(
        any,
        any.map(CompletionException::new),
        any.map(t -> new java.util.concurrent.ExecutionException(t)));
  }

  @Property(seed = "19", edgeCases = EdgeCasesMode.MIXIN)
  void map_anyFailure_anSdkExceptionWithAMessage(
      @ForAll("failures") Throwable failure, @ForAll boolean inStream) {
    GenAiException mapped =
        BedrockErrors.map(
            failure, inStream ? "anthropic.claude-3-haiku-20240307-v1:0" : null, inStream);
    assertThat(mapped).isNotNull();
    assertThat(mapped.getMessage()).isNotBlank();
  }

  /**
   * A service error's code and message growing 16x: the work of mapping it grows linearly at most.
   */
  @Property(seed = "19", generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void map_workGrowsLinearlyWithTheMessage(@ForAll boolean inStream, @ForAll boolean inCode) {
    dev.genaiaws.core.testing.Fuzz.growsLinearly(
        scale ->
            "m\u00e9ss\u00e0ge "
                .repeat(128 * scale)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
        8,
        text -> {
          String t = new String(text, java.nio.charset.StandardCharsets.UTF_8);
          AwsErrorDetails details =
              AwsErrorDetails.builder()
                  .errorCode(inCode ? t : "ThrottlingException")
                  .errorMessage(t)
                  .serviceName("Bedrock")
                  .build();
          BedrockErrors.map(
              BedrockRuntimeException.builder()
                  .statusCode(429)
                  .awsErrorDetails(details)
                  .message(t)
                  .build(),
              "anthropic.claude-3-haiku-20240307-v1:0",
              inStream);
        });
  }

  /**
   * Reproducer found by this property: a negative status made {@code ServiceErrorDetails} throw.
   */
  @net.jqwik.api.Example
  void reproducer_negativeStatus_mappedWithStatus0() {
    GenAiException mapped =
        BedrockErrors.map(
            BedrockRuntimeException.builder().statusCode(-1).message("x").build(), null, false);
    assertThat(mapped).isInstanceOf(dev.genaiaws.core.exception.GenAiServiceException.class);
    assertThat(((dev.genaiaws.core.exception.GenAiServiceException) mapped).statusCode()).isZero();
  }
}
