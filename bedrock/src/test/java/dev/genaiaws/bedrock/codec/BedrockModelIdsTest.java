package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.FamilyCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.UnknownModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bedrock's id rules (profiles, ARNs), moved out of core's registry (issue #13 item 4). */
class BedrockModelIdsTest {
  record Named(ModelFamily family) implements FamilyCodec {}

  static final Named CLAUDE = new Named(ModelFamily.of("claude-messages"));
  static final Named CLAUDE_TEXT = new Named(ModelFamily.of("claude-text"));
  static final Named LLAMA3 = new Named(ModelFamily.of("llama3"));
  static final Named TITAN = new Named(ModelFamily.of("titan-text"));

  static final CodecRegistry<Named> REGISTRY =
      CodecRegistry.<Named>builder()
          .modelIds(BedrockModelIds.INSTANCE)
          .register(CLAUDE, "anthropic.claude")
          .register(CLAUDE_TEXT, "anthropic.claude-v2", "anthropic.claude-instant")
          .register(LLAMA3, "meta.llama3", "meta.llama4")
          .register(TITAN, "amazon.titan-text")
          .build();

  @ParameterizedTest
  @CsvSource({
    "anthropic.claude-3-haiku-20240307-v1:0, claude-messages, anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-sonnet-9-20300101-v7:0, claude-messages, anthropic.claude-sonnet-9-20300101-v7:0",
    "anthropic.claude-v2:1, claude-text, anthropic.claude-v2:1",
    "anthropic.claude-instant-v1, claude-text, anthropic.claude-instant-v1",
    "ANTHROPIC.CLAUDE-3-HAIKU-20240307-V1:0, claude-messages, ANTHROPIC.CLAUDE-3-HAIKU-20240307-V1:0",
    "meta.llama3-1-8b-instruct-v1:0, llama3, meta.llama3-1-8b-instruct-v1:0",
    "us.anthropic.claude-3-5-sonnet-20240620-v1:0, claude-messages, anthropic.claude-3-5-sonnet-20240620-v1:0",
    "eu.meta.llama3-2-1b-instruct-v1:0, llama3, meta.llama3-2-1b-instruct-v1:0",
    "apac.anthropic.claude-3-haiku-20240307-v1:0, claude-messages, anthropic.claude-3-haiku-20240307-v1:0",
    "jp.anthropic.claude-3-haiku-20240307-v1:0, claude-messages, anthropic.claude-3-haiku-20240307-v1:0",
    "au.anthropic.claude-3-haiku-20240307-v1:0, claude-messages, anthropic.claude-3-haiku-20240307-v1:0",
    "us-gov.anthropic.claude-3-haiku-20240307-v1:0, claude-messages, anthropic.claude-3-haiku-20240307-v1:0",
    "global.anthropic.claude-sonnet-4-5-20250929-v1:0, claude-messages, anthropic.claude-sonnet-4-5-20250929-v1:0",
    "ca.amazon.titan-text-express-v1, titan-text, amazon.titan-text-express-v1",
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1, titan-text, amazon.titan-text-express-v1",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-1-70b-instruct-v1:0, llama3, meta.llama3-1-70b-instruct-v1:0",
    "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-v2, claude-text, anthropic.claude-v2",
    "ARN:AWS:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1, titan-text, amazon.titan-text-express-v1",
    "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/ly16hhi765j4, titan-text, amazon.titan-text-express-v1:0:8k",
  })
  void resolve_everyIdShape_findsFamilyAndBaseId(String id, String family, String base) {
    CodecRegistry.Resolution<Named> r = REGISTRY.resolve(id);
    assertThat(r.codec().family().name()).isEqualTo(family);
    assertThat(r.baseModelId()).isEqualTo(base);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def",
        "arn:aws:bedrock:us-east-1:123456789012:imported-model/xyz789",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3",
        "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1",
      })
  void resolve_opaqueArnWithoutFamily_failsSayingToNameTheFamily(String arn) {
    assertThatThrownBy(() -> REGISTRY.resolve(arn))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining(arn)
        .hasMessageContaining("name the family")
        .hasMessageContaining("claude-messages, claude-text, llama3, titan-text");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3",
        "my-sagemaker-endpoint",
      })
  void resolve_explicitFamily_winsForAnyId(String id) {
    CodecRegistry.Resolution<Named> r = REGISTRY.resolve(id, LLAMA3.family());
    assertThat(r.codec()).isSameAs(LLAMA3);
    assertThat(r.baseModelId()).isEqualTo(id);
  }

  @Test
  void resolve_explicitFamilyWithProfileId_stripsProfileForBaseId() {
    CodecRegistry.Resolution<Named> r =
        REGISTRY.resolve("us.meta.llama3-8b-instruct-v1:0", LLAMA3.family());
    assertThat(r.baseModelId()).isEqualTo("meta.llama3-8b-instruct-v1:0");
  }

  @Test
  void resolve_profileLikePrefixOfUnknownModel_stillUnknown() {
    assertThatThrownBy(() -> REGISTRY.resolve("us.acme.model"))
        .isInstanceOf(UnknownModelException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "us.anthropic.claude-3-haiku-20240307-v1:0, anthropic.claude-3-haiku-20240307-v1:0",
    "GLOBAL.amazon.nova-lite-v1:0, amazon.nova-lite-v1:0",
    "anthropic.claude-3-haiku-20240307-v1:0, anthropic.claude-3-haiku-20240307-v1:0",
    "acme.model, acme.model",
  })
  void withoutProfilePrefix_documentedPrefixesOnly(String id, String base) {
    assertThat(BedrockModelIds.withoutProfilePrefix(id)).isEqualTo(base);
  }
}
