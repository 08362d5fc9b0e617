package dev.genaiaws.samples.sagemaker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.sagemaker.AsyncInferenceOptions;
import dev.genaiaws.sagemaker.SageMakerFormats;
import dev.genaiaws.sagemaker.SageMakerGenerationClient;
import dev.genaiaws.samples.internal.HttpApi;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.storage.StorageException;
import dev.genaiaws.storage.StoredGeneration;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The seeds' SageMaker system as a Lambda function behind an API Gateway HTTP API: {@code POST
 * /generate} with {@code {"prompt": "...", "maxTokens": 300}} generates text with a model on a
 * SageMaker endpoint (a Hugging Face TGI container, deployed by {@code
 * samples/sagemaker-template.yaml}) through {@link SageMakerGenerationClient}, saves the generation
 * to S3 through the storage module, and answers where.
 *
 * <pre>
 * Handler:  dev.genaiaws.samples.sagemaker.SageMakerHandler::handleRequest
 * 200:      {"key": "generations/2026/11/30/...json", "uri": "s3://...", "endpoint": "...", "mode": "real-time",
 *            "usage": {"inputTokens": 12, "outputTokens": 230}}
 * 400:      not JSON, no prompt, maxTokens not a positive number        405: a method but POST (OPTIONS: 204)
 * 413:      a prompt over the real-time limit (6 MB) and no async inference configured
 * 502:      SageMaker or S3 failed                                   500: a bug
 * </pre>
 *
 * <p><b>Real time or async.</b> A request whose encoded body fits SageMaker's real-time limit goes
 * to {@code InvokeEndpoint}. A larger one goes through asynchronous inference when {@code
 * SM_ASYNC_ENDPOINT} and {@code SM_ASYNC_INPUT} are set: its input is uploaded to S3, {@code
 * InvokeEndpointAsync} starts it, and the function waits for the output object (mind the function's
 * time-out). Environment: {@code SM_ENDPOINT} (required), {@code SM_FORMAT} ({@code tgi}, {@code
 * tgi-llama3}, {@code tgi-mistral}, {@code lmi}; default {@code tgi}), {@code SM_BUCKET}
 * (required), {@code SM_PREFIX} (default {@code generations}), {@code SM_MAX_TOKENS} (default 512),
 * {@code SM_ASYNC_ENDPOINT}, {@code SM_ASYNC_INPUT}; for tests and local runs {@code
 * SM_SAGEMAKER_ENDPOINT_URL} and {@code SM_S3_ENDPOINT_URL} (then with the static credentials of
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}). Every refusal is logged on one line,
 * {@code request ID: STATUS error: message}; prompts and answers never are.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SageMakerHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, AutoCloseable {
  /** SageMaker real-time endpoints' limit on a request body. */
  static final int REAL_TIME_LIMIT_BYTES = 6_291_456;

  private static final String EXAMPLE = "{\"prompt\": \"...\"}";

  private static final class Shared {
    static final SageMakerHandler HANDLER = new SageMakerHandler(System.getenv());
  }

  private final ObjectMapper json = new ObjectMapper();
  private final String endpoint;
  private final String asyncEndpoint;
  private final String asyncInput;
  private final int maxTokens;
  private final SageMakerGenerationClient client;
  private final GenerationStore store;
  private final SageMakerHandler shared;

  /**
   * The constructor Lambda calls: the container's clients, configured from the environment, built
   * once.
   */
  public SageMakerHandler() {
    this.shared = Shared.HANDLER;
    this.endpoint = shared.endpoint;
    this.asyncEndpoint = shared.asyncEndpoint;
    this.asyncInput = shared.asyncInput;
    this.maxTokens = shared.maxTokens;
    this.client = shared.client;
    this.store = shared.store;
  }

  /**
   * A handler with its own clients from these environment variables (tests, local runs); close it
   * after.
   */
  public SageMakerHandler(Map<String, String> env) {
    this.shared = null;
    this.endpoint = required(env, "SM_ENDPOINT");
    this.asyncEndpoint = env.get("SM_ASYNC_ENDPOINT");
    this.asyncInput = env.get("SM_ASYNC_INPUT");
    this.maxTokens = Integer.parseInt(env.getOrDefault("SM_MAX_TOKENS", "512"));
    String region = env.getOrDefault("AWS_REGION", "us-east-1");
    StaticCredentialsProvider credentials =
        env.containsKey("AWS_ACCESS_KEY_ID")
                && (env.containsKey("SM_SAGEMAKER_ENDPOINT_URL")
                    || env.containsKey("SM_S3_ENDPOINT_URL"))
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    env.get("AWS_ACCESS_KEY_ID"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "")))
            : null;
    SageMakerGenerationClient.Builder sm =
        SageMakerGenerationClient.builder()
            .region(Region.of(region))
            .defaultFormat(format(env.getOrDefault("SM_FORMAT", "tgi")))
            .retryPolicy(RetryPolicy.defaults());
    S3GenerationStore.Builder s3 =
        S3GenerationStore.builder()
            .bucket(required(env, "SM_BUCKET"))
            .prefix(env.getOrDefault("SM_PREFIX", "generations"))
            .region(Region.of(region));
    if (credentials != null) {
      sm.credentialsProvider(credentials);
      s3.credentialsProvider(credentials);
    }
    if (env.containsKey("SM_SAGEMAKER_ENDPOINT_URL")) {
      sm.endpointOverride(URI.create(env.get("SM_SAGEMAKER_ENDPOINT_URL")));
    }
    if (env.containsKey("SM_S3_ENDPOINT_URL")) {
      sm.s3EndpointOverride(URI.create(env.get("SM_S3_ENDPOINT_URL")));
      s3.endpointOverride(URI.create(env.get("SM_S3_ENDPOINT_URL"))).forcePathStyle(true);
    }
    this.client = sm.build();
    this.store = s3.build();
  }

  private static String required(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: give the function this environment variable");
    }
    return v;
  }

  private static dev.genaiaws.core.codec.ModelFamily format(String name) {
    return switch (name) {
      case "tgi" -> SageMakerFormats.TGI;
      case "tgi-llama3" -> SageMakerFormats.TGI_LLAMA3;
      case "tgi-mistral" -> SageMakerFormats.TGI_MISTRAL;
      case "lmi" -> SageMakerFormats.LMI;
      default ->
          throw new IllegalStateException(
              "SM_FORMAT " + name + " is not one of tgi, tgi-llama3," + " tgi-mistral, lmi");
    };
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return handle(event, context).toV2();
  }

  private HttpApi.Result handle(APIGatewayV2HTTPEvent event, Context context) {
    String requestId =
        context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "-";
    if (event == null) {
      return HttpApi.reject(
          json, context, requestId, 400, "BadRequest", "no event: send POST " + EXAMPLE);
    }
    String method =
        event.getRequestContext() == null || event.getRequestContext().getHttp() == null
            ? null
            : event.getRequestContext().getHttp().getMethod();
    HttpApi.Result refused = HttpApi.methodNotPost(json, method, EXAMPLE, requestId, context);
    if (refused != null) {
      return refused;
    }
    GenerationRequest request;
    try {
      request =
          request(HttpApi.jsonObject(json, event.getBody(), event.getIsBase64Encoded(), EXAMPLE));
    } catch (HttpApi.BadRequest | InvalidRequestException e) {
      return HttpApi.reject(json, context, requestId, 400, "BadRequest", e.getMessage());
    }
    try {
      boolean async = client.encode(request).length > REAL_TIME_LIMIT_BYTES;
      if (async && (asyncEndpoint == null || asyncInput == null)) {
        return HttpApi.reject(
            json,
            context,
            requestId,
            413,
            "PayloadTooLarge",
            "the prompt is over SageMaker's"
                + " real-time limit of "
                + REAL_TIME_LIMIT_BYTES
                + " bytes and this function has no async endpoint");
      }
      GenerationRequest sent = async ? request.toBuilder().modelId(asyncEndpoint).build() : request;
      GenerationResponse response =
          async
              ? client
                  .generateAsyncInference(
                      sent,
                      AsyncInferenceOptions.builder()
                          .inputLocation(asyncInput)
                          .timeout(Duration.ofMinutes(10))
                          .build())
                  .join()
              : client.generate(sent);
      StoredGeneration saved =
          store.save(
              GenerationRecord.of(sent, response)
                  .withMetadata(
                      Map.of(
                          "sample", "sagemaker-function", "mode", async ? "async" : "real-time")),
              List.of());
      HttpApi.log(
          context,
          "request " + requestId + ": 200 saved " + saved.key() + " (" + response.usage() + ")",
          null);
      ObjectNode body =
          json.createObjectNode()
              .put("key", saved.key())
              .put("uri", saved.uri().toString())
              .put("endpoint", async ? asyncEndpoint : endpoint)
              .put("mode", async ? "async" : "real-time");
      body.putObject("usage")
          .put("inputTokens", response.usage().inputTokens())
          .put("outputTokens", response.usage().outputTokens());
      return new HttpApi.Result(200, HttpApi.write(json, body));
    } catch (StorageException e) {
      HttpApi.log(context, "request " + requestId + ": 502 saving the generation", e);
      return HttpApi.error(
          json,
          502,
          "BadGateway",
          "Saving the generation failed; the request id is " + requestId + ".");
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() instanceof GenAiException g
          ? HttpApi.failure(json, g, "SageMaker", requestId, context)
          : HttpApi.error(
              json,
              500,
              "InternalError",
              "Something went wrong; the request id is " + requestId + ".");
    } catch (GenAiException e) {
      return HttpApi.failure(json, e, "SageMaker", requestId, context);
    }
  }

  private GenerationRequest request(JsonNode root) {
    if (!root.path("prompt").isTextual() || root.path("prompt").asText().isBlank()) {
      throw new InvalidRequestException("prompt is missing or blank: send " + EXAMPLE);
    }
    JsonNode max = root.path("maxTokens");
    if (!max.isMissingNode() && (!max.canConvertToInt() || max.asInt() < 1)) {
      throw new InvalidRequestException("maxTokens must be a positive whole number");
    }
    int tokens = max.isMissingNode() ? maxTokens : max.asInt();
    return GenerationRequest.builder()
        .modelId(endpoint)
        .user(root.get("prompt").asText())
        .inferenceConfig(c -> c.maxTokens(tokens))
        .build();
  }

  /** Frees the clients of a handler built from a map; the container's shared ones are kept. */
  @Override
  public void close() {
    if (shared == null) {
      client.close();
      store.close();
    }
  }
}
