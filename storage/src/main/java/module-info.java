/**
 * Saving generations to Amazon S3 or a local folder: start at {@link
 * dev.genaiaws.storage.GenerationStore}. {@code dev.genaiaws.storage.internal} (the record JSON) is
 * exported only to the knowledge-bases module.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module dev.genaiaws.storage {
  requires transitive dev.genaiaws.aws;
  requires transitive dev.genaiaws.core;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.genaiaws.storage;
  exports dev.genaiaws.storage.internal to
      dev.genaiaws.knowledgebases;
}
