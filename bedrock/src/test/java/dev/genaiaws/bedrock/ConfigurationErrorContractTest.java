package dev.genaiaws.bedrock;

import static dev.genaiaws.core.testing.MissingAwsConfiguration.assertSaysToConfigure;
import static dev.genaiaws.core.testing.MissingAwsConfiguration.failure;
import static dev.genaiaws.core.testing.MissingAwsConfiguration.failures;

import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.testing.MissingAwsConfiguration;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * Every call style fails with a {@link GenAiClientException} that says what to do when the AWS
 * configuration is missing (no region, no credentials), never with the AWS SDK's own exception. The
 * machine's AWS configuration is hidden for the duration.
 */
class ConfigurationErrorContractTest {
  @RegisterExtension static final MissingAwsConfiguration NO_AWS = new MissingAwsConfiguration();

  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder().modelId("meta.llama3-8b-instruct-v1:0").user("Hello").build();

  private static BedrockGenerationClient.Builder noRegion() {
    return BedrockGenerationClient.builder()
        .endpointOverride(NOWHERE)
        .retryPolicy(RetryPolicy.none());
  }

  @Test
  void generation_missingRegion_everyCallStyle() {
    try (BedrockGenerationClient client = noRegion().build()) {
      assertSaysToConfigure(failures(client, REQUEST), "no AWS region", "AWS_REGION");
    }
  }

  @Test
  void generation_missingCredentials_everyCallStyle() {
    try (BedrockGenerationClient client = noRegion().region(Region.US_EAST_1).build()) {
      assertSaysToConfigure(failures(client, REQUEST), "no AWS credentials", "AWS_ACCESS_KEY_ID");
    }
  }

  private static Map<String, Throwable> embedFailures(BedrockEmbeddingClient client) {
    EmbeddingRequest request =
        EmbeddingRequest.builder().modelId("amazon.titan-embed-text-v2:0").text("hi").build();
    return Map.of(
        "embed", failure(() -> client.embed(request)),
        "embedAsync", failure(() -> client.embedAsync(request).join()),
        "embed again", failure(() -> client.embed(request)));
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
