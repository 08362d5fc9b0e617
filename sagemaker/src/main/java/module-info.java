/**
 * Amazon SageMaker endpoints behind the provider-neutral API: {@link
 * dev.genaiaws.sagemaker.SageMakerGenerationClient}, {@link
 * dev.genaiaws.sagemaker.SageMakerEmbeddingClient} and a codec per container format.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.sagemaker {
  requires transitive dev.genaiaws.aws;
  requires transitive dev.genaiaws.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires transitive software.amazon.awssdk.services.s3;
  requires transitive software.amazon.awssdk.services.sagemakerruntime;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.genaiaws.sagemaker;
  exports dev.genaiaws.sagemaker.codec;
}
