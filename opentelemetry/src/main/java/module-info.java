/**
 * OpenTelemetry traces and metrics for genai-aws clients: start at {@link
 * dev.genaiaws.opentelemetry.GenAiTelemetry}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.opentelemetry {
  requires transitive dev.genaiaws.core;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.genaiaws.opentelemetry;
}
