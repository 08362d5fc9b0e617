package dev.genaiaws.sagemaker;

import static dev.genaiaws.core.testing.MissingAwsConfiguration.assertSaysToConfigure;
import static dev.genaiaws.core.testing.MissingAwsConfiguration.failures;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.testing.MissingAwsConfiguration;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * Every call style of {@link SageMakerGenerationClient} fails with a {@link GenAiClientException}
 * that says what to do when the AWS configuration is missing (no region, no credentials). The
 * machine's AWS configuration is hidden for the duration.
 */
class ConfigurationErrorContractTest {
  @RegisterExtension static final MissingAwsConfiguration NO_AWS = new MissingAwsConfiguration();

  private static final GenerationRequest REQUEST =
      GenerationRequest.builder().modelId("tgi").user("Hello").build();

  private static SageMakerGenerationClient.Builder builder() {
    return SageMakerGenerationClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .defaultFormat(SageMakerFormats.TGI)
        .retryPolicy(RetryPolicy.none());
  }

  @Test
  void missingRegion_everyCallStyle() {
    try (SageMakerGenerationClient client = builder().build()) {
      assertSaysToConfigure(failures(client, REQUEST), "no AWS region", "AWS_REGION");
    }
  }

  @Test
  void missingCredentials_everyCallStyle() {
    try (SageMakerGenerationClient client = builder().region(Region.US_EAST_1).build()) {
      assertSaysToConfigure(failures(client, REQUEST), "no AWS credentials", "AWS_ACCESS_KEY_ID");
    }
  }
}
