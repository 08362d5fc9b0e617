/**
 * Amazon Bedrock Knowledge Bases: retrieval, answers with citations and ingestion, through {@code
 * dev.genaiaws.knowledgebases}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.knowledgebases {
  requires transitive dev.genaiaws.aws;
  requires transitive dev.genaiaws.bedrock;
  requires transitive dev.genaiaws.core;
  requires transitive dev.genaiaws.storage;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.services.bedrockagent;
  requires transitive software.amazon.awssdk.services.bedrockagentruntime;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.genaiaws.knowledgebases;
}
