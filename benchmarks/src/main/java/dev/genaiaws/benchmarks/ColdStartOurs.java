package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.storage.StoredGeneration;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What a cold-start run spawns for our client, in a fresh JVM: build the client and an S3 store,
 * make one call, save the answer (the work of the blog function and of the raw programs), print the
 * time spent in {@code main}. Free of the harness's other classes so it loads only what a user's
 * program would. Argument: {@code ours-explicit} (region, static keys and endpoints set on the
 * builders; endpoints from {@code BENCH_ENDPOINT} and {@code BENCH_S3_ENDPOINT}) or {@code
 * ours-default} ({@code create()} and a store with just its bucket: all from the environment).
 */
public final class ColdStartOurs {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final String PROMPT =
      "Write a short technical blog about serverless generative models on the cloud";

  private ColdStartOurs() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    StoredGeneration saved = "ours-explicit".equals(args[0]) ? explicit() : defaults();
    long t1 = System.nanoTime();
    if (saved.key().isEmpty()) {
      throw new IllegalStateException("no key");
    }
    System.out.println("MAIN_MS=" + (t1 - t0) / 1e6);
    System.out.println(ChildCpu.line());
  }

  private static StoredGeneration explicit() {
    StaticCredentialsProvider keys =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
    try (BedrockGenerationClient client =
            BedrockGenerationClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(keys)
                .endpointOverride(URI.create(System.getenv("BENCH_ENDPOINT")))
                .build();
        S3GenerationStore store =
            S3GenerationStore.builder()
                .bucket(ColdStartRaw.BUCKET)
                .prefix("blogs")
                .region(Region.US_EAST_1)
                .credentialsProvider(keys)
                .endpointOverride(URI.create(System.getenv("BENCH_S3_ENDPOINT")))
                .forcePathStyle(true)
                .build()) {
      return call(client, store);
    }
  }

  private static StoredGeneration defaults() {
    try (BedrockGenerationClient client = BedrockGenerationClient.create();
        S3GenerationStore store =
            S3GenerationStore.builder().bucket(ColdStartRaw.BUCKET).prefix("blogs").build()) {
      return call(client, store);
    }
  }

  private static StoredGeneration call(BedrockGenerationClient client, S3GenerationStore store) {
    GenerationRequest request =
        GenerationRequest.builder()
            .modelId(MODEL)
            .user(PROMPT)
            .inferenceConfig(c -> c.maxTokens(16))
            .build();
    GenerationResponse response = client.generate(request);
    if (response.text().isEmpty()) {
      throw new IllegalStateException("no text");
    }
    return store.save(request, response);
  }
}
