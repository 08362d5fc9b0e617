/**
 * What genai-aws calls cost: start at {@link dev.genaiaws.cost.CostEstimator} and {@link
 * dev.genaiaws.cost.CostTracker}.
 */
module dev.genaiaws.cost {
  requires transitive dev.genaiaws.core;
  requires dev.genaiaws.bedrock;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.genaiaws.cost;
}
