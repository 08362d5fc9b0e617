package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrock.model.GetCustomModelDeploymentRequest;
import software.amazon.awssdk.services.bedrock.model.GetCustomModelDeploymentResponse;
import software.amazon.awssdk.services.bedrock.model.GetCustomModelRequest;
import software.amazon.awssdk.services.bedrock.model.GetCustomModelResponse;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileRequest;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileResponse;
import software.amazon.awssdk.services.bedrock.model.GetProvisionedModelThroughputRequest;
import software.amazon.awssdk.services.bedrock.model.GetProvisionedModelThroughputResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileModel;

class ModelLookupTest {
  private static final String PROFILE =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p1a2b3c4";
  private static final String MODEL_ARN =
      "arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-8b-instruct-v1:0";
  private static final String PROVISIONED =
      "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/pt7x9";
  private static final String CUSTOM = "arn:aws:bedrock:us-east-1:123456789012:custom-model/cm4k2";
  private static final String NAMED_CUSTOM =
      "arn:aws:bedrock:us-east-1:123456789012:custom-model/cohere.command-text-v14:7:4k/cm8q1";
  private static final String DEPLOYMENT =
      "arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/dp3z5";
  private static final String TITAN_ARN =
      "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  /** A control-plane client answering GetInferenceProfile from memory and counting the calls. */
  private static final class FakeBedrock implements BedrockClient {
    final AtomicInteger calls = new AtomicInteger();
    final boolean deny;

    FakeBedrock(boolean deny) {
      this.deny = deny;
    }

    @Override
    public GetInferenceProfileResponse getInferenceProfile(GetInferenceProfileRequest request) {
      calls.incrementAndGet();
      if (deny) {
        throw AccessDeniedException.builder().message("not allowed").statusCode(403).build();
      }
      assertThat(request.inferenceProfileIdentifier()).isEqualTo(PROFILE);
      return GetInferenceProfileResponse.builder()
          .inferenceProfileArn(PROFILE)
          .models(InferenceProfileModel.builder().modelArn(MODEL_ARN).build())
          .build();
    }

    final AtomicInteger provisionedCalls = new AtomicInteger();
    final AtomicInteger customCalls = new AtomicInteger();
    final AtomicInteger deploymentCalls = new AtomicInteger();

    @Override
    public GetProvisionedModelThroughputResponse getProvisionedModelThroughput(
        GetProvisionedModelThroughputRequest request) {
      provisionedCalls.incrementAndGet();
      assertThat(request.provisionedModelId()).isEqualTo(PROVISIONED);
      return GetProvisionedModelThroughputResponse.builder()
          .provisionedModelArn(PROVISIONED)
          .modelArn(CUSTOM)
          .build();
    }

    @Override
    public GetCustomModelResponse getCustomModel(GetCustomModelRequest request) {
      customCalls.incrementAndGet();
      assertThat(request.modelIdentifier()).isEqualTo(CUSTOM);
      return GetCustomModelResponse.builder().modelArn(CUSTOM).baseModelArn(TITAN_ARN).build();
    }

    @Override
    public GetCustomModelDeploymentResponse getCustomModelDeployment(
        GetCustomModelDeploymentRequest request) {
      deploymentCalls.incrementAndGet();
      assertThat(request.customModelDeploymentIdentifier()).isEqualTo(DEPLOYMENT);
      return GetCustomModelDeploymentResponse.builder()
          .customModelDeploymentArn(DEPLOYMENT)
          .modelArn(CUSTOM)
          .build();
    }

    @Override
    public String serviceName() {
      return "bedrock";
    }

    @Override
    public void close() {}
  }

  @Test
  void generate_applicationProfileArn_looksUpFamilyOnceAndCaches() {
    BEDROCK.emulator().alias(PROFILE, "meta.llama3-8b-instruct-v1:0");
    FakeBedrock control = new FakeBedrock(false);

    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .modelLookup(control)
            .build()) {
      client.generate(r -> r.modelId(PROFILE).user("Hi").inferenceConfig(c -> c.maxTokens(20)));
      client.generate(
          r -> r.modelId(PROFILE).user("Hi again").inferenceConfig(c -> c.maxTokens(20)));
    }

    assertThat(control.calls).hasValue(1);
    assertThat(BEDROCK.emulator().takeRequest().bodyUtf8()).contains("<|begin_of_text|>");
    assertThat(BEDROCK.emulator().requestCount()).isEqualTo(2);
  }

  @Test
  void generate_provisionedArnOfCustomModel_resolvesBaseFamilyOnceAndCaches() {
    BEDROCK.emulator().alias(PROVISIONED, "amazon.titan-text-express-v1");
    BEDROCK.emulator().alias(CUSTOM, "amazon.titan-text-express-v1");
    FakeBedrock control = new FakeBedrock(false);

    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .modelLookup(control)
            .build()) {
      client.generate(r -> r.modelId(PROVISIONED).user("Hi").inferenceConfig(c -> c.maxTokens(20)));
      client.generate(
          r -> r.modelId(PROVISIONED).user("Again").inferenceConfig(c -> c.maxTokens(20)));
      client.generate(r -> r.modelId(CUSTOM).user("Direct").inferenceConfig(c -> c.maxTokens(20)));
    }

    assertThat(control.provisionedCalls).hasValue(1);
    assertThat(control.customCalls).hasValue(1);
    assertThat(BEDROCK.emulator().takeRequest().bodyUtf8()).contains("inputText");
  }

  @Test
  void generate_deploymentArn_followsToBaseModelFamily() {
    BEDROCK.emulator().alias(DEPLOYMENT, "amazon.titan-text-express-v1");
    FakeBedrock control = new FakeBedrock(false);

    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .modelLookup(control)
            .build()) {
      client.generate(r -> r.modelId(DEPLOYMENT).user("Hi").inferenceConfig(c -> c.maxTokens(20)));
      client.generate(r -> r.modelId(DEPLOYMENT).user("Hi").inferenceConfig(c -> c.maxTokens(20)));
    }

    assertThat(control.deploymentCalls).hasValue(1);
    assertThat(control.customCalls).hasValue(1);
    assertThat(BEDROCK.emulator().takeRequest().bodyUtf8()).contains("inputText");
  }

  @Test
  void generate_customArnNamingItsBase_needsNoControlPlaneCall() {
    BEDROCK.emulator().alias(NAMED_CUSTOM, "cohere.command-text-v14");
    FakeBedrock control = new FakeBedrock(false);

    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .modelLookup(control)
            .build()) {
      client.generate(
          r -> r.modelId(NAMED_CUSTOM).user("Hi").inferenceConfig(c -> c.maxTokens(20)));
    }

    assertThat(control.customCalls).hasValue(0);
    assertThat(BEDROCK.emulator().takeRequest().bodyUtf8()).contains("\"prompt\"");
  }

  @Test
  void generate_provisionedArnWithoutLookup_failsNamingTheFamilyFix() {
    // through InvokeModel the family must be known (AUTO would send such an ARN through Converse
    // instead)
    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .api(BedrockApi.INVOKE_MODEL)
            .build()) {
      assertThatThrownBy(() -> client.generate(r -> r.modelId(PROVISIONED).user("Hi")))
          .isInstanceOf(GenAiException.class)
          .hasMessageContaining("name the family");
    }
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }

  @Test
  void generate_profileLookupDenied_failsNamingProfileWithoutInvoking() {
    FakeBedrock control = new FakeBedrock(true);

    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .modelLookup(control)
            .build()) {
      assertThatThrownBy(() -> client.generate(r -> r.modelId(PROFILE).user("Hi")))
          .isInstanceOf(GenAiClientException.class)
          .hasMessageContaining(PROFILE)
          .hasMessageContaining("bedrock:GetInferenceProfile");
    }
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }

  @Test
  void generate_baseModelIdWithLookup_neverAsksControlPlane() {
    FakeBedrock control = new FakeBedrock(false);

    try (BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
            .modelLookup(control)
            .build()) {
      client.generate(
          r ->
              r.modelId("meta.llama3-8b-instruct-v1:0")
                  .user("Hi")
                  .inferenceConfig(c -> c.maxTokens(9)));
    }

    assertThat(control.calls).hasValue(0);
  }

  @Test
  void generate_afterClose_failsSayingClosed() {
    BedrockGenerationClient client =
        EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build();
    client.close();
    client.close();

    assertThatThrownBy(
            () -> client.generate(r -> r.modelId("meta.llama3-8b-instruct-v1:0").user("Hi")))
        .isInstanceOf(GenAiClientException.class)
        .hasMessageContaining("closed");
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }
}
