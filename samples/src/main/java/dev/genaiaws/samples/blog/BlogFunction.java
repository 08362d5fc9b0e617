package dev.genaiaws.samples.blog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.QuotaExceededException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.samples.internal.HttpApi;
import dev.genaiaws.samples.internal.HttpApi.Result;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.crac.Resource;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blog function's engine, shared by {@link BlogHandler} and {@link BlogStreamHandler}: it owns
 * the generation client and the store (built once, in the constructor), turns a request body into
 * an HTTP status and a JSON body, and primes the request path for SnapStart ({@link
 * #beforeCheckpoint}).
 *
 * <p>Status codes: 200 with {@code {"key", "uri", "model", "usage": {"inputTokens",
 * "outputTokens"}}}; 400 {@code {"error": "BadRequest", "message": ...}} for a missing, empty or
 * oversized topic or a body that is not a JSON object; 429 when Bedrock still throttles after the
 * retries; 502 for other failures of Bedrock or of the store; 500 for anything else. Failures are
 * logged with the request id and the exception, never with the topic or the text; the caller never
 * sees a stack trace.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class BlogFunction implements Resource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlogFunction.class);
  static final Map<String, String> JSON_HEADERS = HttpApi.JSON_HEADERS;

  private final BlogConfig config;
  private final BedrockGenerationClient bedrock;
  private final GenerationStore store;
  private final BlogWriter writer;
  private final ObjectMapper json;

  /**
   * Builds the clients. The store's (with a bucket: an S3 client, the biggest piece of start-up
   * work) is built on a thread of its own while this one sets up Jackson and the Bedrock client,
   * whose SDK client is built now ({@link BedrockGenerationClient#warmUp()}) rather than at the
   * first request: they share nothing, Lambda's init phase runs with boosted CPU, and with
   * SnapStart all of it is in the snapshot.
   */
  BlogFunction(BlogConfig config) {
    this.config = config;
    AwsCredentialsProvider credentials = staticCredentials(config);
    FutureTask<GenerationStore> storeTask = new FutureTask<>(() -> buildStore(config, credentials));
    Thread storeBuilder = new Thread(storeTask, "blog-init-store");
    storeBuilder.setDaemon(true);
    storeBuilder.start();
    BedrockGenerationClient built;
    try {
      this.json =
          new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
      BedrockGenerationClient.Builder b =
          BedrockGenerationClient.builder().retryPolicy(config.retryPolicy());
      if (config.region() != null) {
        b.region(Region.of(config.region()));
      }
      if (config.bedrockEndpoint() != null) {
        b.endpointOverride(config.bedrockEndpoint());
      }
      if (credentials != null) {
        b.credentialsProvider(credentials);
      }
      built = b.build().warmUp();
    } catch (RuntimeException | Error e) {
      try {
        join(storeTask).close();
      } catch (RuntimeException storeFailed) {
        e.addSuppressed(storeFailed);
      }
      throw e;
    }
    try {
      this.store = join(storeTask);
    } catch (RuntimeException e) {
      built.close();
      throw e;
    }
    this.bedrock = built;
    this.writer =
        new BlogWriter(bedrock, store, config.modelId(), config.inferenceConfig(), config.system());
  }

  /** The store the task built (waiting for it), or what the task threw. */
  private static GenerationStore join(FutureTask<GenerationStore> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the store is being built: wait for it, so that it is not leaked
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(
              e.getCause()); // cannot happen: buildStore throws nothing checked
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static @Nullable AwsCredentialsProvider staticCredentials(BlogConfig config) {
    boolean local = config.bedrockEndpoint() != null || config.s3Endpoint() != null;
    if (local && config.accessKeyId() != null && config.secretAccessKey() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
    }
    return null;
  }

  private static GenerationStore buildStore(BlogConfig config, AwsCredentialsProvider credentials) {
    if (config.bucket() == null) {
      return FileGenerationStore.builder().root(config.directory()).prefix(config.prefix()).build();
    }
    S3GenerationStore.Builder s3 =
        S3GenerationStore.builder().bucket(config.bucket()).prefix(config.prefix());
    if (config.region() != null) {
      s3.region(Region.of(config.region()));
    }
    if (config.s3Endpoint() != null) {
      s3.endpointOverride(config.s3Endpoint()).forcePathStyle(true);
    }
    if (credentials != null) {
      s3.credentialsProvider(credentials);
    }
    return s3.build();
  }

  BlogConfig config() {
    return config;
  }

  /**
   * Refuses an event: logs one line {@code request ID: STATUS error: message} (every refusal the
   * same way) and answers the JSON error.
   */
  Result reject(Context context, String requestId, int status, String error, String message) {
    return HttpApi.reject(json, context, requestId, status, error, message);
  }

  /**
   * Handles one API Gateway request.
   *
   * @param method the HTTP method, or {@code null} for a direct invocation (treated as POST):
   *     {@code OPTIONS} gets the CORS preflight answer, anything but {@code POST} a 405
   */
  Result handle(String method, String body, boolean base64, String requestId, Context context) {
    Result refused =
        HttpApi.methodNotPost(json, method, "{\"topic\": \"...\"}", requestId, context);
    return refused != null ? refused : handle(body, base64, requestId, context);
  }

  /**
   * Handles one request body.
   *
   * @param body the HTTP body as API Gateway passed it
   * @param base64 whether API Gateway base64-encoded it
   * @param requestId the Lambda request id, for the logs
   * @param context the Lambda context (for its logger), or {@code null}
   */
  Result handle(String body, boolean base64, String requestId, Context context) {
    String topic;
    try {
      topic = BlogWriter.checkTopic(topicOf(body, base64));
    } catch (InvalidTopicException e) {
      return reject(context, requestId, 400, "BadRequest", e.getMessage());
    }
    try {
      BlogPost post = writer.write(topic);
      log(
          context,
          "request "
              + requestId
              + ": 200 saved "
              + post.key()
              + " ("
              + post.usage()
              + ", bedrock request "
              + post.requestId()
              + ")",
          null);
      return new Result(
          200, success(post.key(), String.valueOf(post.uri()), post.modelId(), post.usage()));
    } catch (StorageException e) {
      log(context, "request " + requestId + ": 502 saving the post", e);
      return error(
          502, "BadGateway", "Saving the post failed; the request id is " + requestId + ".");
    } catch (ThrottlingException | QuotaExceededException e) {
      log(context, "request " + requestId + ": 429 after " + e.attempts() + " attempts", e);
      return error(
          429,
          "TooManyRequests",
          "The model is busy (throttled after "
              + e.attempts()
              + " attempts): try again in a few seconds.");
    } catch (GenAiServiceException e) {
      log(
          context,
          "request "
              + requestId
              + ": 502 from Bedrock, status "
              + e.statusCode()
              + " "
              + e.errorCode()
              + ", bedrock request "
              + e.requestId(),
          e);
      return error(
          502,
          "BadGateway",
          "The model service failed ("
              + e.statusCode()
              + " "
              + e.errorCode()
              + "); the request id is "
              + requestId
              + ".");
    } catch (GenAiException e) {
      log(context, "request " + requestId + ": 502 calling Bedrock", e);
      return error(
          502, "BadGateway", "Calling the model failed; the request id is " + requestId + ".");
    } catch (RuntimeException e) {
      log(context, "request " + requestId + ": 500", e);
      return error(
          500, "InternalError", "Something went wrong; the request id is " + requestId + ".");
    }
  }

  /** The topic from a body {@code {"topic": ...}} (or the older {@code {"blog_topic": ...}}). */
  String topicOf(String body, boolean base64) {
    JsonNode root;
    try {
      root = HttpApi.jsonObject(json, body, base64, "{\"topic\": \"Serverless GenAI\"}");
    } catch (HttpApi.BadRequest e) {
      throw new InvalidTopicException(e.getMessage());
    }
    JsonNode topic = root.hasNonNull("topic") ? root.get("topic") : root.get("blog_topic");
    if (topic == null || topic.isNull()) {
      return null;
    }
    if (!topic.isTextual()) {
      throw new InvalidTopicException("topic must be a string");
    }
    return topic.textValue();
  }

  String success(String key, String uri, String model, TokenUsage usage) {
    ObjectNode root = json.createObjectNode().put("key", key).put("uri", uri).put("model", model);
    root.putObject("usage")
        .put("inputTokens", usage.inputTokens())
        .put("outputTokens", usage.outputTokens());
    return write(root);
  }

  Result error(int status, String error, String message) {
    return HttpApi.error(json, status, error, message);
  }

  ObjectMapper json() {
    return json;
  }

  private String write(JsonNode node) {
    return HttpApi.write(json, node);
  }

  private static void log(Context context, String message, Throwable error) {
    HttpApi.log(context, message, error);
  }

  // ---- SnapStart priming
  // ----------------------------------------------------------------------------------

  /** A captured-shape HTTP API event, used only to prime the parsing path. */
  static final String PRIMING_EVENT =
      "{\"version\":\"2.0\",\"routeKey\":\"POST /blog\",\"rawPath\":\"/blog\","
          + "\"rawQueryString\":\"\",\"headers\":{\"content-type\":\"application/json\"},"
          + "\"requestContext\":{\"accountId\":\"123456789012\",\"apiId\":\"prime\",\"domainName\":\"prime.local\","
          + "\"http\":{\"method\":\"POST\",\"path\":\"/blog\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\","
          + "\"userAgent\":\"prime\"},\"requestId\":\"prime\",\"routeKey\":\"POST /blog\",\"stage\":\"$default\","
          + "\"time\":\"23/Nov/2026:08:00:00 +0000\",\"timeEpoch\":1795420800000},"
          + "\"body\":\"{\\\"topic\\\":\\\"priming\\\"}\",\"isBase64Encoded\":false}";

  /** Canned model answers of the common families; the first one the model's codec reads is used. */
  private static final List<String> PRIMING_ANSWERS =
      List.of(
          "{\"generation\":\"Priming\",\"prompt_token_count\":1,\"generation_token_count\":1,\"stop_reason\":\"stop\"}",
          "{\"id\":\"msg\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"text\","
              + "\"text\":\"Priming\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}",
          "{\"inputTextTokenCount\":1,\"results\":[{\"tokenCount\":1,\"outputText\":\"Priming\","
              + "\"completionReason\":\"FINISH\"}]}");

  /**
   * Runs the request path once without any network call, so that its classes are loaded and
   * initialised (and JIT-warmed a little) before a SnapStart snapshot. The event JSON is parsed (as
   * the runtime and {@link BlogStreamHandler} do) and the body read; then a throw-away Bedrock
   * client and store, built exactly like the real ones but on an in-memory HTTP client ({@link
   * PrimingHttpClient}) with dummy credentials, generate and save a post: codec, retry wrapper, the
   * AWS SDK's endpoint rules, marshalling, signing and unmarshalling, the record JSON, the key
   * strategy and (with a bucket) the S3 {@code PutObject} path all run. The real clients are not
   * used, so no credentials are resolved and no connection is opened; the success and error
   * responses are rendered too. Failures are logged and ignored: priming only makes the first
   * request faster.
   *
   * @return whether priming ran to its end
   */
  boolean prime() {
    try {
      for (int i = 0; i < 3; i++) {
        APIGatewayV2HTTPEvent event = json.readValue(PRIMING_EVENT, APIGatewayV2HTTPEvent.class);
        json.readTree(PRIMING_EVENT);
        String topic = BlogWriter.checkTopic(topicOf(event.getBody(), event.getIsBase64Encoded()));
        GenerationRequest request = writer.request(topic);
        bedrock.encode(request);
        BlogPost post = primeThroughSdk(topic, cannedAnswer(request));
        success(post.key(), String.valueOf(post.uri()), post.modelId(), post.usage());
        error(400, "BadRequest", "prime").toV2();
        error(429, "TooManyRequests", "prime").toV2();
        new Result(200, "{}").toV2();
        try {
          topicOf("{not json", false);
        } catch (InvalidTopicException expected) {
          // the 400 path is primed too
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("priming skipped: {}", HttpApi.describe(e));
      return false;
    }
  }

  private BlogPost primeThroughSdk(String topic, String modelAnswer) throws IOException {
    Region region = config.region() == null ? Region.US_EAST_1 : Region.of(config.region());
    StaticCredentialsProvider dummy =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("prime", "prime"));
    Path scratch = null;
    try (PrimingHttpClient bedrockHttp = new PrimingHttpClient(modelAnswer);
        BedrockRuntimeClient runtime =
            BedrockRuntimeClient.builder()
                .httpClient(bedrockHttp)
                .region(region)
                .credentialsProvider(dummy)
                .build();
        BedrockGenerationClient primingBedrock =
            BedrockGenerationClient.builder()
                .client(runtime)
                .retryPolicy(RetryPolicy.none())
                .build();
        PrimingHttpClient s3Http = new PrimingHttpClient("");
        S3Client s3 =
            S3Client.builder()
                .httpClient(s3Http)
                .region(region)
                .credentialsProvider(dummy)
                .build()) {
      GenerationStore primingStore;
      if (config.bucket() != null) {
        primingStore =
            S3GenerationStore.builder()
                .s3Client(s3)
                .bucket(config.bucket())
                .prefix(config.prefix())
                .build();
      } else {
        scratch = Files.createTempDirectory("blog-prime");
        primingStore =
            FileGenerationStore.builder()
                .root(scratch)
                .prefix(config.prefix())
                .fsync(false)
                .build();
      }
      try (GenerationStore store = primingStore) {
        return new BlogWriter(
                primingBedrock, store, config.modelId(), config.inferenceConfig(), config.system())
            .write(topic);
      }
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  /**
   * The canned answer in the model family's shape (the first of {@link #PRIMING_ANSWERS} its codec
   * reads).
   */
  private String cannedAnswer(GenerationRequest request) {
    ModelCodec codec = bedrock.codecs().resolve(request.modelId()).codec();
    for (String answer : PRIMING_ANSWERS) {
      try {
        codec.decode(answer.getBytes(StandardCharsets.UTF_8));
        return answer;
      } catch (RuntimeException notThisFamily) {
        // try the next shape
      }
    }
    return PRIMING_ANSWERS.get(0);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** SnapStart: primes the request path just before the snapshot is taken. */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    long start = System.nanoTime();
    prime();
    LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  /** SnapStart: nothing to redo; credentials are resolved on the first call after the restore. */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // the clients hold no connections yet (priming sent nothing), so there is nothing to reopen
  }

  @Override
  public void close() {
    try {
      bedrock.close();
    } finally {
      store.close();
    }
  }

  @Override
  public String toString() {
    return "BlogFunction[" + config + "]";
  }
}
