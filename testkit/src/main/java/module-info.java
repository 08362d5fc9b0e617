/**
 * Local emulators of the AWS APIs genai-aws speaks, for offline tests: start at {@link
 * dev.genaiaws.testkit.BedrockEmulator}. The JUnit 5 extensions need JUnit, which their users have.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.genaiaws.testkit {
  requires static org.junit.jupiter.api;
  requires static transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires java.desktop;
  requires jdk.httpserver;
  requires org.slf4j;
  requires software.amazon.eventstream;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.services.s3;

  // Main tells whether an SLF4J binding is present before it logs
  uses org.slf4j.spi.SLF4JServiceProvider;

  exports dev.genaiaws.testkit;
}
