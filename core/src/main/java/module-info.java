/**
 * The provider-neutral API: {@link dev.genaiaws.core.GenerationClient}, {@link
 * dev.genaiaws.core.EmbeddingClient}, their requests and responses, the SDK's exceptions, retry
 * policy and listeners. {@code dev.genaiaws.core.internal} (the shared call pipeline) is exported
 * only to the modules that build on it (docs/design/decisions.md, "Module descriptors").
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.genaiaws.core {
  requires static transitive org.jspecify;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires org.slf4j;

  exports dev.genaiaws.core;
  exports dev.genaiaws.core.codec;
  exports dev.genaiaws.core.exception;
  exports dev.genaiaws.core.job;
  exports dev.genaiaws.core.resilience;
  exports dev.genaiaws.core.telemetry;
  exports dev.genaiaws.core.tools;
  exports dev.genaiaws.core.internal to
      dev.genaiaws.aws,
      dev.genaiaws.bedrock,
      dev.genaiaws.sagemaker,
      dev.genaiaws.storage,
      dev.genaiaws.customization,
      dev.genaiaws.knowledgebases,
      dev.genaiaws.batch;
}
