package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** Runs the shaded standalone jar as a separate JVM and talks to it with the SDK. */
class StandaloneJarIT {

  @Test
  void standaloneJar_started_servesBedrockAndSageMaker() throws Exception {
    Path jar = Path.of(System.getProperty("standalone.jar"));
    assertThat(jar).exists();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-jar",
                jar.toString(),
                "--port",
                "0",
                "--sagemaker-endpoint",
                "chat=lmi")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      Map<String, URI> endpoints =
          CompletableFuture.supplyAsync(
                  () -> {
                    Map<String, URI> found = new HashMap<>();
                    try {
                      String line;
                      while (found.size() < 2 && (line = out.readLine()) != null) {
                        int sep = line.indexOf(": http://");
                        if (sep > 0) {
                          found.put(line.substring(0, sep), URI.create(line.substring(sep + 2)));
                        }
                      }
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                    return found;
                  })
              .get(30, TimeUnit.SECONDS);

      try (BedrockRuntimeClient bedrock = Clients.bedrock(endpoints.get("bedrock-runtime"));
          SageMakerRuntimeClient sageMaker =
              Clients.sageMaker(endpoints.get("sagemaker-runtime"))) {
        assertThat(
                Clients.invoke(bedrock, "amazon.titan-text-express-v1", "{\"inputText\":\"hi\"}")
                    .body()
                    .asUtf8String())
            .contains("outputText");
        assertThat(
                sageMaker
                    .invokeEndpoint(
                        b ->
                            b.endpointName("chat")
                                .contentType("application/json")
                                .body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}")))
                    .body()
                    .asUtf8String())
            .contains("generated_text");
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.size(jar)).isGreaterThan(100_000);
  }
}
