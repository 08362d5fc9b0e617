package dev.genaiaws.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.bedrock.BedrockApi;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;

/** The one workload every variant runs: a Claude 3 Haiku call with a small or a large prompt. */
final class Workload {
  static final String MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

  /**
   * Small so the answer (and so the response side of every call) is the same size for every prompt.
   */
  static final int MAX_TOKENS = 16;

  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
  static final Region REGION = Region.US_EAST_1;
  static final ObjectMapper JSON = new ObjectMapper();

  /** The read time-out our client sets (60 minutes): the raw clients get the same. */
  static final Duration READ_TIMEOUT = Duration.ofMinutes(60);

  enum Size {
    SMALL(20),
    LARGE(4000);

    final int words;
    final String prompt;

    Size(int words) {
      this.words = words;
      this.prompt = words(words);
    }
  }

  private Workload() {}

  /** Plain English-ish words, deterministic. */
  static String words(int n) {
    String[] vocabulary = {
      "write",
      "a",
      "short",
      "technical",
      "blog",
      "about",
      "serverless",
      "generative",
      "models",
      "on",
      "the",
      "cloud",
      "with",
      "clear",
      "examples",
      "and",
      "practical",
      "advice",
      "for",
      "teams"
    };
    StringBuilder sb = new StringBuilder(n * 8);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(vocabulary[(i * 7 + i / 20) % vocabulary.length]);
    }
    return sb.toString();
  }

  /** The raw sync client exactly as our client builds it: url-connection, SDK retries off. */
  static BedrockRuntimeClient rawSync(URI endpoint) {
    return rawSync(endpoint, UrlConnectionHttpClient.builder().socketTimeout(READ_TIMEOUT));
  }

  /** {@link #rawSync} on the SDK's Apache 5 HTTP client instead of url-connection. */
  static BedrockRuntimeClient rawSyncApache(URI endpoint) {
    return rawSync(endpoint, Apache5HttpClient.builder().socketTimeout(READ_TIMEOUT));
  }

  private static BedrockRuntimeClient rawSync(URI endpoint, SdkHttpClient.Builder<?> http) {
    return BedrockRuntimeClient.builder()
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build())
        .httpClientBuilder(http)
        .build();
  }

  /** The raw async client exactly as our client builds it: Netty over HTTP/1.1, SDK retries off. */
  static BedrockRuntimeAsyncClient rawAsync(URI endpoint) {
    return rawAsync(endpoint, 50);
  }

  /** The same with another connection limit ({@code maxConcurrency}; the SDK's default is 50). */
  static BedrockRuntimeAsyncClient rawAsync(URI endpoint, int maxConcurrency) {
    return BedrockRuntimeAsyncClient.builder()
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build())
        .httpClientBuilder(
            NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP1_1)
                .readTimeout(READ_TIMEOUT)
                .maxConcurrency(maxConcurrency))
        .build();
  }

  /** Our client with default settings except where the emulator is (retry policy: the default). */
  static BedrockGenerationClient ours(URI endpoint) {
    return BedrockGenerationClient.builder()
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint)
        .build();
  }

  /**
   * Our client sending every request through Converse (per client, as a user who wants Converse
   * sets it).
   */
  static BedrockGenerationClient oursConverse(URI endpoint) {
    return BedrockGenerationClient.builder()
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint)
        .api(BedrockApi.CONVERSE)
        .build();
  }

  /** The raw SDK's InvokeModel request of the workload's model for a body, as a user writes it. */
  static InvokeModelRequest invokeRequest(byte[] body) {
    return InvokeModelRequest.builder()
        .modelId(MODEL_ID)
        .contentType("application/json")
        .accept("application/json")
        .body(SdkBytes.fromByteArrayUnsafe(body))
        .build();
  }

  /** The raw SDK's stream request of the workload's model for a body. */
  static InvokeModelWithResponseStreamRequest streamRequest(byte[] body) {
    return InvokeModelWithResponseStreamRequest.builder()
        .modelId(MODEL_ID)
        .contentType("application/json")
        .accept("application/json")
        .body(SdkBytes.fromByteArrayUnsafe(body))
        .build();
  }

  static GenerationRequest request(String prompt, int maxTokens) {
    return GenerationRequest.builder()
        .modelId(MODEL_ID)
        .user(prompt)
        .inferenceConfig(c -> c.maxTokens(maxTokens))
        .build();
  }

  /** What a user writes by hand for Claude's Messages API. */
  static byte[] claudeBody(String prompt, int maxTokens) {
    StringBuilder sb = new StringBuilder(prompt.length() + 128);
    sb.append("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":")
        .append(maxTokens)
        .append(",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":");
    quote(sb, prompt);
    sb.append("}]}]}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The text of a Claude Messages answer, read by hand. */
  static String claudeText(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      StringBuilder sb = new StringBuilder();
      for (JsonNode block : root.path("content")) {
        if ("text".equals(block.path("type").asText())) {
          sb.append(block.path("text").asText());
        }
      }
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
