package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationResponse;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What a cold-start run spawns for our client, in a fresh JVM: build the client, make one call, print the
 * time spent in {@code main}. Free of the harness's other classes so it loads only what a user's program
 * would. Argument: {@code ours-explicit} (region, static keys and endpoint set on the builder; endpoint from
 * {@code BENCH_ENDPOINT}) or {@code ours-default} ({@code create()}: all from the environment).
 */
public final class ColdStartOurs {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final String PROMPT = "Write a short technical blog about serverless generative models on the cloud";

  private ColdStartOurs() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    String text = "ours-explicit".equals(args[0]) ? explicit() : defaults();
    long t1 = System.nanoTime();
    if (text.isEmpty()) {
      throw new IllegalStateException("no text");
    }
    System.out.println("MAIN_MS=" + (t1 - t0) / 1e6);
  }

  private static String explicit() {
    try (BedrockGenerationClient client = BedrockGenerationClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .endpointOverride(URI.create(System.getenv("BENCH_ENDPOINT")))
        .build()) {
      GenerationResponse r = client.generate(req -> req.modelId(MODEL).user(PROMPT)
          .inferenceConfig(c -> c.maxTokens(16)));
      return r.text();
    }
  }

  private static String defaults() {
    try (BedrockGenerationClient client = BedrockGenerationClient.create()) {
      GenerationResponse r = client.generate(req -> req.modelId(MODEL).user(PROMPT)
          .inferenceConfig(c -> c.maxTokens(16)));
      return r.text();
    }
  }
}
