/** Batch inference jobs on Bedrock and SageMaker: start at {@code dev.genaiaws.batch}. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.batch {
  requires transitive dev.genaiaws.aws;
  requires transitive dev.genaiaws.bedrock;
  requires transitive dev.genaiaws.core;
  requires transitive dev.genaiaws.sagemaker;
  requires transitive dev.genaiaws.storage;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.services.bedrock;
  requires software.amazon.awssdk.services.s3;
  requires transitive software.amazon.awssdk.services.sagemaker;
  requires transitive software.amazon.awssdk.services.servicequotas;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.genaiaws.batch;
}
