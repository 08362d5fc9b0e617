package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.RecordingSleeper;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileRequest;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileModel;

class InferenceProfileLookupTest {
  private static final String PROFILE =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p1a2b3c4";
  private static final String MODEL_ARN =
      "arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-8b-instruct-v1:0";

  @RegisterExtension
  static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

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
      return GetInferenceProfileResponse.builder().inferenceProfileArn(PROFILE)
          .models(InferenceProfileModel.builder().modelArn(MODEL_ARN).build()).build();
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

    try (BedrockGenerationClient client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
        .inferenceProfileLookup(control).build()) {
      client.generate(r -> r.modelId(PROFILE).user("Hi").inferenceConfig(c -> c.maxTokens(20)));
      client.generate(r -> r.modelId(PROFILE).user("Hi again").inferenceConfig(c -> c.maxTokens(20)));
    }

    assertThat(control.calls).hasValue(1);
    assertThat(BEDROCK.emulator().takeRequest().bodyUtf8()).contains("<|begin_of_text|>");
    assertThat(BEDROCK.emulator().requestCount()).isEqualTo(2);
  }

  @Test
  void generate_profileLookupDenied_failsNamingProfileWithoutInvoking() {
    FakeBedrock control = new FakeBedrock(true);

    try (BedrockGenerationClient client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
        .inferenceProfileLookup(control).build()) {
      assertThatThrownBy(() -> client.generate(r -> r.modelId(PROFILE).user("Hi")))
          .isInstanceOf(GenAiClientException.class)
          .hasMessageContaining(PROFILE)
          .hasMessageContaining("GetInferenceProfile");
    }
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }

  @Test
  void generate_baseModelIdWithLookup_neverAsksControlPlane() {
    FakeBedrock control = new FakeBedrock(false);

    try (BedrockGenerationClient client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper())
        .inferenceProfileLookup(control).build()) {
      client.generate(r -> r.modelId("meta.llama3-8b-instruct-v1:0").user("Hi").inferenceConfig(c -> c.maxTokens(9)));
    }

    assertThat(control.calls).hasValue(0);
  }

  @Test
  void generate_afterClose_failsSayingClosed() {
    BedrockGenerationClient client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build();
    client.close();
    client.close();

    assertThatThrownBy(() -> client.generate(r -> r.modelId("meta.llama3-8b-instruct-v1:0").user("Hi")))
        .isInstanceOf(GenAiClientException.class)
        .hasMessageContaining("closed");
    assertThat(BEDROCK.emulator().requestCount()).isZero();
  }
}
