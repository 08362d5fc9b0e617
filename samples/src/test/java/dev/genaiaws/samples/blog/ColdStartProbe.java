package dev.genaiaws.samples.blog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One cold start, in a fresh JVM, the way Lambda runs it: the handler is created with its
 * no-argument constructor (clients from the environment, primed when {@code
 * BLOG_PRIME_ON_INIT=true}), then handles one captured HTTP API event. Prints one line of JSON:
 * milliseconds from JVM start to the handler being ready, the first request's duration, and the
 * total. Run by {@link ColdStartBenchmark}; its classpath has neither the testkit nor picocli, so
 * it also proves that the function never loads them.
 */
final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    String event;
    try (InputStream in = ColdStartProbe.class.getResourceAsStream("/events/http-api-v2.json")) {
      event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    long initStart = System.currentTimeMillis();
    BlogHandler handler = new BlogHandler();
    long ready = System.currentTimeMillis();
    APIGatewayV2HTTPEvent parsed =
        new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .readValue(event, APIGatewayV2HTTPEvent.class);
    APIGatewayV2HTTPResponse response = handler.handleRequest(parsed, null);
    long done = System.currentTimeMillis();
    boolean testkitLoaded = isLoaded("dev.genaiaws.testkit.BedrockEmulator");
    System.out.println(
        "{\"status\":"
            + response.getStatusCode()
            + ",\"jvmToHandlerMs\":"
            + (initStart - jvmStart)
            + ",\"initMs\":"
            + (ready - initStart)
            + ",\"firstRequestMs\":"
            + (done - ready)
            + ",\"totalMs\":"
            + (done - jvmStart)
            + ",\"testkitOnClasspath\":"
            + testkitLoaded
            + "}");
    System.exit(response.getStatusCode() == 200 ? 0 : 1);
  }

  private static boolean isLoaded(String name) {
    try {
      Class.forName(name, false, ColdStartProbe.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
