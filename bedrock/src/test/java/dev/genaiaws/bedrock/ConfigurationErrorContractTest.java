package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiClientException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Every call style fails with a {@link GenAiClientException} that says what to do when the AWS
 * configuration is missing (no region, no credentials), never with the AWS SDK's own exception. The
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
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder().modelId("meta.llama3-8b-instruct-v1:0").user("Hello").build();

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

  private static BedrockGenerationClient.Builder noRegion() {
    return BedrockGenerationClient.builder()
        .endpointOverride(NOWHERE)
        .retryPolicy(RetryPolicy.none());
  }

  private static BedrockGenerationClient.Builder noCredentials() {
    return noRegion().region(Region.US_EAST_1);
  }

  /** The three call styles' failures for one client. */
  private static Map<String, Throwable> failures(GenerationClient client) {
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

  private static void assertSaysToConfigure(
      Map<String, Throwable> failures, String what, String how) {
    assertThat(failures)
        .hasSize(3)
        .allSatisfy(
            (style, t) ->
                assertThat(t)
                    .as(style)
                    .isInstanceOf(GenAiClientException.class)
                    .hasMessageContaining(what)
                    .hasMessageContaining(how));
  }

  @Test
  void generation_missingRegion_everyCallStyle() {
    try (BedrockGenerationClient client = noRegion().build()) {
      assertSaysToConfigure(failures(client), "no AWS region", "AWS_REGION");
    }
  }

  @Test
  void generation_missingCredentials_everyCallStyle() {
    try (BedrockGenerationClient client = noCredentials().build()) {
      assertSaysToConfigure(failures(client), "no AWS credentials", "AWS_ACCESS_KEY_ID");
    }
  }

  private static Map<String, Throwable> embedFailures(BedrockEmbeddingClient client) {
    EmbeddingRequest request =
        EmbeddingRequest.builder().modelId("amazon.titan-embed-text-v2:0").text("hi").build();
    Function<Throwable, Throwable> unwrap =
        t -> t instanceof CompletionException c ? c.getCause() : t;
    Map<String, Throwable> out = new HashMap<>();
    out.put("embed", catchThrowable(() -> client.embed(request)));
    out.put("embedAsync", unwrap.apply(catchThrowable(() -> client.embedAsync(request).join())));
    out.put("embed again", catchThrowable(() -> client.embed(request)));
    return out;
  }

  @Test
  void embeddings_missingRegionOrCredentials() {
    try (BedrockEmbeddingClient client =
        BedrockEmbeddingClient.builder()
            .endpointOverride(NOWHERE)
            .retryPolicy(RetryPolicy.none())
            .build()) {
      assertSaysToConfigure(embedFailures(client), "no AWS region", "AWS_REGION");
    }
    try (BedrockEmbeddingClient client =
        BedrockEmbeddingClient.builder()
            .endpointOverride(NOWHERE)
            .region(Region.US_EAST_1)
            .retryPolicy(RetryPolicy.none())
            .build()) {
      assertSaysToConfigure(embedFailures(client), "no AWS credentials", "AWS_ACCESS_KEY_ID");
    }
  }
}
