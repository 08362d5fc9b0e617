/**
 * Micrometer observations and meters for genai-aws clients: start at {@link
 * dev.genaiaws.micrometer.GenAiObservationListener}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.micrometer {
  requires transitive dev.genaiaws.core;
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;
  requires transitive micrometer.core;
  requires static transitive org.jspecify;

  exports dev.genaiaws.micrometer;
}
