/**
 * What every AWS adapter shares: the client builder bases in {@code dev.genaiaws.aws}, and the SDK
 * transport, error mapping and wire knowledge in {@code dev.genaiaws.aws.internal} (exported only
 * to the adapter and job modules).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module dev.genaiaws.aws {
  requires transitive dev.genaiaws.core;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.regions;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  // streaming and async calls only: the default Lambda layer leaves the Netty client out, and
  // AwsClientConfig checks for it at the first async call
  requires static software.amazon.awssdk.http.nio.netty;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.utils;
  requires org.reactivestreams;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.genaiaws.aws;
  exports dev.genaiaws.aws.internal to
      dev.genaiaws.bedrock,
      dev.genaiaws.sagemaker,
      dev.genaiaws.customization,
      dev.genaiaws.knowledgebases,
      dev.genaiaws.batch;
  exports dev.genaiaws.aws.internal.codec to
      dev.genaiaws.bedrock,
      dev.genaiaws.sagemaker,
      dev.genaiaws.customization,
      dev.genaiaws.knowledgebases,
      dev.genaiaws.batch;
}
