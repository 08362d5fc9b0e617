package dev.genaiaws.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiClientException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Every call style of {@link SageMakerGenerationClient} fails with a {@link GenAiClientException}
 * that says what to do when the AWS configuration is missing (no region, no credentials). The
 * machine's AWS configuration is hidden for the duration: profile files point nowhere and instance
 * metadata is off.
 */
class ConfigurationErrorContractTest {
  private static final String[] PROPERTIES = {
    "aws.region",
    "aws.configFile",
    "aws.sharedCredentialsFile",
    "aws.disableEc2Metadata",
    "aws.accessKeyId",
    "aws.secretAccessKey",
    "aws.sessionToken"
  };
  private static final Map<String, String> SAVED = new HashMap<>();
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder().modelId("tgi").user("Hello").build();

  @BeforeAll
  static void hideAwsConfiguration() {
    for (String p : PROPERTIES) {
      SAVED.put(p, System.getProperty(p));
      System.clearProperty(p);
    }
    System.setProperty("aws.configFile", "/nonexistent/genai-aws/config");
    System.setProperty("aws.sharedCredentialsFile", "/nonexistent/genai-aws/credentials");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  @AfterAll
  static void restore() {
    SAVED.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }

  private static Map<String, Throwable> failures(SageMakerGenerationClient client) {
    Map<String, Throwable> out = new HashMap<>();
    out.put("generate", catchThrowable(() -> client.generate(REQUEST)));
    Throwable async = catchThrowable(() -> client.generateAsync(REQUEST).join());
    out.put("generateAsync", async instanceof CompletionException c ? c.getCause() : async);
    out.put(
        "stream",
        catchThrowable(
            () -> {
              try (GenerationStream s = client.stream(REQUEST)) {
                for (GenerationEvent ignored : s) {
                  // drain
                }
              }
            }));
    return out;
  }

  private static SageMakerGenerationClient.Builder builder() {
    return SageMakerGenerationClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .defaultFormat(SageMakerFormats.TGI)
        .retryPolicy(RetryPolicy.none());
  }

  @Test
  void missingRegion_everyCallStyle() {
    try (SageMakerGenerationClient client = builder().build()) {
      assertThat(failures(client))
          .hasSize(3)
          .allSatisfy(
              (style, t) ->
                  assertThat(t)
                      .as(style)
                      .isInstanceOf(GenAiClientException.class)
                      .hasMessageContaining("no AWS region")
                      .hasMessageContaining("AWS_REGION"));
    }
  }

  @Test
  void missingCredentials_everyCallStyle() {
    try (SageMakerGenerationClient client = builder().region(Region.US_EAST_1).build()) {
      assertThat(failures(client))
          .hasSize(3)
          .allSatisfy(
              (style, t) ->
                  assertThat(t)
                      .as(style)
                      .isInstanceOf(GenAiClientException.class)
                      .hasMessageContaining("no AWS credentials")
                      .hasMessageContaining("AWS_ACCESS_KEY_ID"));
    }
  }
}
