/**
 * Bedrock model customization jobs, their metrics, provisioned throughput and on-demand
 * deployments: start at {@code dev.genaiaws.customization}'s job client.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.customization {
  requires transitive dev.genaiaws.aws;
  requires transitive dev.genaiaws.bedrock;
  requires transitive dev.genaiaws.core;
  requires transitive dev.genaiaws.storage;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache;
  requires transitive software.amazon.awssdk.services.bedrock;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.genaiaws.customization;
}
