package dev.genaiaws.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a cold-start run spawns for the raw SDK, in a fresh JVM: the blog function's work written
 * directly on the AWS SDK, as a user would write it: read the topic from the request body
 * (Jackson), call the model ({@code InvokeModel}, hand-written Claude JSON, Jackson to read the
 * answer), save the post as a JSON object to S3 ({@code PutObject}) and render the JSON answer.
 * {@code raw-tuned}: explicit region, static keys, one url-connection HTTP client shared by both
 * clients, endpoints from {@code BENCH_ENDPOINT} and {@code BENCH_S3_ENDPOINT}; {@code
 * raw-default}: {@code BedrockRuntimeClient.create()} and {@code S3Client.create()} (everything
 * from the environment, the default HTTP client).
 */
public final class ColdStartRaw {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

  /** What API Gateway hands the blog function (ColdStartBlog sends the same body). */
  static final String BODY = "{\"topic\":\"Serverless generative models on the cloud\"}";

  static final String BUCKET = "bench-blogs";

  private ColdStartRaw() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String answer;
    if ("raw-tuned".equals(args[0])) {
      StaticCredentialsProvider keys =
          StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
      try (SdkHttpClient http = UrlConnectionHttpClient.create();
          BedrockRuntimeClient bedrock =
              BedrockRuntimeClient.builder()
                  .region(Region.US_EAST_1)
                  .credentialsProvider(keys)
                  .endpointOverride(URI.create(System.getenv("BENCH_ENDPOINT")))
                  .httpClient(http)
                  .build();
          S3Client s3 =
              S3Client.builder()
                  .region(Region.US_EAST_1)
                  .credentialsProvider(keys)
                  .endpointOverride(URI.create(System.getenv("BENCH_S3_ENDPOINT")))
                  .forcePathStyle(true)
                  .httpClient(http)
                  .build()) {
        answer = handle(bedrock, s3);
      }
    } else {
      try (BedrockRuntimeClient bedrock = BedrockRuntimeClient.create();
          S3Client s3 = S3Client.create()) {
        answer = handle(bedrock, s3);
      }
    }
    long t1 = System.nanoTime();
    if (!answer.contains("\"key\"")) {
      throw new IllegalStateException("no key in " + answer);
    }
    System.out.println("MAIN_MS=" + (t1 - t0) / 1e6);
    System.out.println(ChildCpu.line());
  }

  private static String handle(BedrockRuntimeClient bedrock, S3Client s3) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String topic = json.readTree(BODY).path("topic").asText();
    ObjectNode request =
        json.createObjectNode()
            .put("anthropic_version", "bedrock-2023-05-31")
            .put("max_tokens", 16)
            .put(
                "system",
                "You are a technical writer. You write clear, friendly blog posts for software developers.");
    request
        .putArray("messages")
        .addObject()
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", "Write a blog post of about 200 words on this topic: " + topic);
    SdkBytes requestBody = SdkBytes.fromByteArray(json.writeValueAsBytes(request));
    byte[] body =
        bedrock
            .invokeModel(
                b ->
                    b.modelId(MODEL)
                        .contentType("application/json")
                        .accept("application/json")
                        .body(requestBody))
            .body()
            .asByteArray();
    JsonNode root = json.readTree(body);
    String text = root.path("content").path(0).path("text").asText();
    if (text.isEmpty()) {
      throw new IllegalStateException("no text");
    }
    ObjectNode post =
        json.createObjectNode().put("topic", topic).put("model", MODEL).put("text", text);
    post.putObject("usage")
        .put("inputTokens", root.path("usage").path("input_tokens").asInt())
        .put("outputTokens", root.path("usage").path("output_tokens").asInt());
    String key = "blogs/" + UUID.randomUUID() + ".json";
    RequestBody postBody = RequestBody.fromBytes(json.writeValueAsBytes(post));
    s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("application/json"), postBody);
    return json.writeValueAsString(
        json.createObjectNode().put("key", key).put("uri", "s3://" + BUCKET + "/" + key));
  }
}
