package dev.genaiaws.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** Raw AWS SDK v2 clients pointed at an emulator: fake credentials, us-east-1, no SDK retries. */
final class Clients {
  static final ObjectMapper JSON = new ObjectMapper();
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-test"));

  private Clients() {}

  static BedrockRuntimeClient bedrock(URI endpoint) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static BedrockRuntimeAsyncClient bedrockAsync(URI endpoint) {
    return BedrockRuntimeAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static SageMakerRuntimeClient sageMaker(URI endpoint) {
    return SageMakerRuntimeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static SageMakerRuntimeAsyncClient sageMakerAsync(URI endpoint) {
    return SageMakerRuntimeAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(byte[] b) {
    try {
      return JSON.readTree(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Jackson tree as an SDK {@link Document} (for tool schemas and JSON tool results). */
  static Document document(JsonNode n) {
    if (n.isObject()) {
      java.util.LinkedHashMap<String, Document> m = new java.util.LinkedHashMap<>();
      n.properties().iterator().forEachRemaining(e -> m.put(e.getKey(), document(e.getValue())));
      return Document.fromMap(m);
    }
    if (n.isArray()) {
      List<Document> l = new ArrayList<>();
      n.forEach(e -> l.add(document(e)));
      return Document.fromList(l);
    }
    if (n.isTextual()) {
      return Document.fromString(n.asText());
    }
    if (n.isBoolean()) {
      return Document.fromBoolean(n.asBoolean());
    }
    if (n.isNumber()) {
      return Document.fromNumber(n.decimalValue().toPlainString());
    }
    return Document.fromNull();
  }

  /** An SDK {@link Document} as a Jackson tree. */
  static JsonNode tree(Document d) {
    com.fasterxml.jackson.databind.node.JsonNodeFactory f =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    if (d.isMap()) {
      com.fasterxml.jackson.databind.node.ObjectNode o = f.objectNode();
      d.asMap().forEach((k, v) -> o.set(k, tree(v)));
      return o;
    }
    if (d.isList()) {
      com.fasterxml.jackson.databind.node.ArrayNode a = f.arrayNode();
      d.asList().forEach(v -> a.add(tree(v)));
      return a;
    }
    if (d.isString()) {
      return f.textNode(d.asString());
    }
    if (d.isBoolean()) {
      return f.booleanNode(d.asBoolean());
    }
    if (d.isNumber()) {
      return f.numberNode(d.asNumber().bigDecimalValue());
    }
    return f.nullNode();
  }

  static InvokeModelResponse invoke(BedrockRuntimeClient client, String modelId, String body) {
    return client.invokeModel(
        InvokeModelRequest.builder()
            .modelId(modelId)
            .contentType("application/json")
            .accept("application/json")
            .body(SdkBytes.fromString(body, StandardCharsets.UTF_8))
            .build());
  }

  /** Chunks received (decoded model JSON) and the failure that ended the stream, if any. */
  record StreamResult(List<JsonNode> chunks, Throwable error) {}

  static StreamResult stream(BedrockRuntimeAsyncClient client, String modelId, String body) {
    List<JsonNode> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
    InvokeModelWithResponseStreamResponseHandler handler =
        InvokeModelWithResponseStreamResponseHandler.builder()
            .subscriber(
                InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                    .onChunk(c -> chunks.add(json(c.bytes().asByteArray())))
                    .build())
            .build();
    CompletableFuture<Void> done =
        client.invokeModelWithResponseStream(
            InvokeModelWithResponseStreamRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .body(SdkBytes.fromString(body, StandardCharsets.UTF_8))
                .build(),
            handler);
    Throwable error = await(done);
    return new StreamResult(List.copyOf(chunks), error);
  }

  static Throwable await(CompletableFuture<?> f) {
    try {
      f.get(20, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
        t = t.getCause();
      }
      return t;
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("stream did not finish", e);
    }
  }
}
