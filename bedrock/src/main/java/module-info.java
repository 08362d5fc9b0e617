/**
 * Amazon Bedrock behind the provider-neutral API: {@link
 * dev.genaiaws.bedrock.BedrockGenerationClient}, {@link
 * dev.genaiaws.bedrock.BedrockEmbeddingClient} and a codec per model family. {@code
 * dev.genaiaws.bedrock.internal} is exported only to the customization and batch modules.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module dev.genaiaws.bedrock {
  requires transitive dev.genaiaws.aws;
  requires transitive dev.genaiaws.core;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.protocols.json;
  // optional in the POM: only for looking up the model behind an application inference profile
  requires static software.amazon.awssdk.services.bedrock;
  requires transitive software.amazon.awssdk.services.bedrockruntime;
  requires transitive com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.genaiaws.bedrock;
  exports dev.genaiaws.bedrock.codec;
  exports dev.genaiaws.bedrock.internal to
      dev.genaiaws.customization,
      dev.genaiaws.batch;
}
