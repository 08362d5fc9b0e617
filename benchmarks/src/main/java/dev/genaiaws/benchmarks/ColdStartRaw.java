package dev.genaiaws.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * What a cold-start run spawns for the raw SDK, in a fresh JVM: {@code raw-tuned} (explicit region, static
 * keys, url-connection client, endpoint from {@code BENCH_ENDPOINT}) or {@code raw-default}
 * ({@code BedrockRuntimeClient.create()}: everything from the environment, default HTTP client). Both write
 * the Claude JSON by hand and read the answer with Jackson.
 */
public final class ColdStartRaw {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final String PROMPT = "Write a short technical blog about serverless generative models on the cloud";

  private ColdStartRaw() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String text;
    if ("raw-tuned".equals(args[0])) {
      try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
          .endpointOverride(URI.create(System.getenv("BENCH_ENDPOINT")))
          .httpClient(UrlConnectionHttpClient.create())
          .build()) {
        text = invoke(client);
      }
    } else {
      try (BedrockRuntimeClient client = BedrockRuntimeClient.create()) {
        text = invoke(client);
      }
    }
    long t1 = System.nanoTime();
    if (text.isEmpty()) {
      throw new IllegalStateException("no text");
    }
    System.out.println("MAIN_MS=" + (t1 - t0) / 1e6);
  }

  private static String invoke(BedrockRuntimeClient client) throws Exception {
    String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":16,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + PROMPT + "\"}]}]}";
    byte[] answer = client.invokeModel(b -> b.modelId(MODEL).contentType("application/json")
        .accept("application/json").body(SdkBytes.fromString(body, StandardCharsets.UTF_8))).body().asByteArray();
    JsonNode root = new ObjectMapper().readTree(answer);
    return root.path("content").path(0).path("text").asText();
  }
}
