/**
 * Not published: a program run on the module path after the reactor is packaged (see
 * docs/design/decisions.md, "Module descriptors"). It requires every published module, so that the
 * JVM resolves each descriptor with its {@code requires} over the real dependency jars, and then
 * calls through them.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.jpmscheck {
  requires dev.genaiaws.core;
  requires dev.genaiaws.aws;
  requires dev.genaiaws.testkit;
  requires dev.genaiaws.bedrock;
  requires dev.genaiaws.sagemaker;
  requires dev.genaiaws.storage;
  requires dev.genaiaws.customization;
  requires dev.genaiaws.opentelemetry;
  requires dev.genaiaws.micrometer;
  requires dev.genaiaws.cost;
  requires dev.genaiaws.knowledgebases;
  requires dev.genaiaws.batch;
  requires static org.jspecify;

  // structured output binds the model's JSON into a user's record by reflection: the user opens the
  // record's package to core, as this check does
  opens dev.genaiaws.jpmscheck.records to
      dev.genaiaws.core;
}
