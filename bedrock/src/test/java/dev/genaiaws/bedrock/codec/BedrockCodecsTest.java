package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnknownModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BedrockCodecsTest {
  private final CodecRegistry<ModelCodec> registry = BedrockCodecs.textRegistry();

  private String family(String id) {
    return registry.resolve(id).codec().family().name();
  }

  @ParameterizedTest
  @CsvSource({
    "anthropic.claude-3-haiku-20240307-v1:0, anthropic.claude-messages",
    "anthropic.claude-3-5-sonnet-20240620-v1:0, anthropic.claude-messages",
    "anthropic.claude-sonnet-9-20300101-v1:0, anthropic.claude-messages",
    "amazon.titan-text-express-v1, amazon.titan-text",
    "amazon.titan-text-premier-v1:0, amazon.titan-text",
    "amazon.titan-tg1-large, amazon.titan-text",
    "amazon.titan-text-ultra-v9:0, amazon.titan-text",
    "meta.llama2-13b-chat-v1, meta.llama2",
    "meta.llama3-8b-instruct-v1:0, meta.llama3",
    "meta.llama3-1-405b-instruct-v1:0, meta.llama3",
    "meta.llama3-3-70b-instruct-v1:0, meta.llama3",
    "meta.llama4-maverick-17b-instruct-v1:0, meta.llama3",
    "META.LLAMA3-8B-INSTRUCT-V1:0, meta.llama3"
  })
  void resolve_baseAndUnknownVersionIds_family(String id, String family) {
    assertThat(family(id)).isEqualTo(family);
  }

  @ParameterizedTest
  @ValueSource(strings = {"us.", "eu.", "apac.", "jp.", "au.", "us-gov.", "global."})
  void resolve_crossRegionProfile_familyAndBaseIdWithoutPrefix(String prefix) {
    CodecRegistry.Resolution<ModelCodec> r =
        registry.resolve(prefix + "anthropic.claude-3-haiku-20240307-v1:0");

    assertThat(r.codec().family()).isEqualTo(BedrockFamilies.ANTHROPIC_CLAUDE_MESSAGES);
    assertThat(r.baseModelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
  }

  @Test
  void resolve_arnsNamingAModel_resolveToTheModelInside() {
    assertThat(family("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-70b-instruct-v1:0"))
        .isEqualTo("meta.llama3");
    CodecRegistry.Resolution<ModelCodec> profile =
        registry.resolve(
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(profile.codec().family()).isEqualTo(BedrockFamilies.ANTHROPIC_CLAUDE_MESSAGES);
    assertThat(profile.baseModelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(
            family(
                "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abc123"))
        .isEqualTo("amazon.titan-text");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
        "arn:aws:bedrock:us-east-1:123456789012:imported-model/xyz789",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p1a2b3"
      })
  void resolve_opaqueArnWithExplicitFamily_usesFamily(String arn) {
    assertThat(registry.resolve(arn, BedrockFamilies.META_LLAMA3).codec().family())
        .isEqualTo(BedrockFamilies.META_LLAMA3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p1a2b3"
      })
  void resolve_opaqueArnWithoutFamily_errorNamesIdAndHowToFix(String arn) {
    assertThatThrownBy(() -> registry.resolve(arn))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining(arn)
        .hasMessageContaining("family");
  }

  @Test
  void resolve_unknownModel_errorNamesIdAndKnownFamilies() {
    assertThatThrownBy(() -> registry.resolve("acme.rocket-v1"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("acme.rocket-v1")
        .hasMessageContaining("anthropic.claude-messages")
        .hasMessageContaining("meta.llama3")
        .hasMessageContaining("amazon.titan-text");
  }

  @Test
  void resolve_blankId_invalidRequest() {
    assertThatThrownBy(() -> registry.resolve(" "))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("modelId");
  }

  @Test
  void registries_everyRegisteredFamily_isTheFamilyItsCodecReports() {
    var text = BedrockCodecs.textRegistry();
    assertThat(text.families()).hasSize(15);
    text.families()
        .forEach(f -> assertThat(text.codecFor(f)).get().extracting(c -> c.family()).isEqualTo(f));
    var embeddings = BedrockCodecs.embeddingRegistry();
    assertThat(embeddings.families()).hasSize(2);
    embeddings
        .families()
        .forEach(
            f -> assertThat(embeddings.codecFor(f)).get().extracting(c -> c.family()).isEqualTo(f));
  }
}
