package dev.genaiaws.samples.rag;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.knowledgebases.Answer;
import dev.genaiaws.knowledgebases.AnswerRequest;
import dev.genaiaws.knowledgebases.Citation;
import dev.genaiaws.knowledgebases.KnowledgeBaseClient;
import dev.genaiaws.knowledgebases.KnowledgeBaseNotFoundException;
import dev.genaiaws.knowledgebases.Passage;
import dev.genaiaws.samples.internal.HttpApi;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Questions over a knowledge base as an AWS Lambda function behind an API Gateway HTTP API (payload
 * 2.0): {@code POST /ask} with a question answers from the documents in the knowledge base's S3
 * bucket, citing them.
 *
 * <pre>
 * Handler:  dev.genaiaws.samples.rag.RagHandler::handleRequest
 * Request:  {"question": "How loud is the Borealis pump?", "sessionId": "..."}   (sessionId: a follow-up)
 * 200:      {"answer": "...", "sessionId": "...", "citations": [{"start": 0, "end": 42, "text": "...",
 *            "sources": [{"uri": "s3://bucket/pumps/borealis.md", "excerpt": "..."}]}]}
 * 400:      {"error": "BadRequest", "message": "question is missing or empty: ..."}  (bad JSON, &gt; 1000 chars,
 *           an unknown or expired sessionId)
 * 429:      still throttled after the retries         502: other Bedrock failures
 * </pre>
 *
 * <p>Configuration: {@link RagConfig} (environment). The knowledge-base client is built once per
 * container and shared. The deployment (bucket, knowledge base, data source, vector store,
 * ingestion trigger, this function and its API) is {@code samples/rag-template.yaml}; see {@code
 * docs/knowledge-bases.md}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class RagHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, AutoCloseable {
  private static final String EXAMPLE = "{\"question\": \"How loud is the Borealis pump?\"}";
  private static final int EXCERPT = 300;

  /** The container's client: built on first use, from the process environment, then kept. */
  private static final class Shared {
    static final RagConfig CONFIG = RagConfig.fromEnvironment();
    static final KnowledgeBaseClient CLIENT = client(CONFIG);
  }

  private final RagConfig config;
  private final KnowledgeBaseClient client;
  private final boolean owned;
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * The constructor Lambda calls: the container's shared client, configured from the environment.
   */
  public RagHandler() {
    this.config = Shared.CONFIG;
    this.client = Shared.CLIENT;
    this.owned = false;
  }

  /** A handler with its own client, for tests and local runs; {@link #close()} frees it. */
  public RagHandler(RagConfig config) {
    this.config = config;
    this.client = client(config);
    this.owned = true;
  }

  /** Like {@link #RagHandler(RagConfig)} from a map of environment variables. */
  public RagHandler(Map<String, String> environment) {
    this(RagConfig.fromEnvironment(environment));
  }

  static KnowledgeBaseClient client(RagConfig config) {
    KnowledgeBaseClient.Builder b =
        KnowledgeBaseClient.builder()
            .knowledgeBaseId(config.knowledgeBaseId())
            .defaultModelId(config.modelId())
            .retryPolicy(config.retryPolicy());
    if (config.region() != null) {
      b.region(Region.of(config.region()));
    }
    if (config.endpoint() != null) {
      b.endpointOverride(config.endpoint());
      if (config.accessKeyId() != null && config.secretAccessKey() != null) {
        b.credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())));
      }
    }
    return b.build();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    if (event == null) {
      return HttpApi.error(
              json, 400, "BadRequest", "no event: send " + EXAMPLE + " through API Gateway")
          .toV2();
    }
    String requestId =
        context != null && context.getAwsRequestId() != null
            ? context.getAwsRequestId()
            : event.getRequestContext() == null ? "-" : event.getRequestContext().getRequestId();
    return handle(event.getBody(), event.getIsBase64Encoded(), requestId, context).toV2();
  }

  HttpApi.Result handle(String body, boolean base64, String requestId, Context context) {
    AnswerRequest request;
    try {
      request = request(HttpApi.jsonObject(json, body, base64, EXAMPLE));
    } catch (HttpApi.BadRequest | InvalidRequestException e) {
      HttpApi.log(context, "request " + requestId + ": 400 " + e.getMessage(), null);
      return HttpApi.error(json, 400, "BadRequest", e.getMessage());
    }
    try {
      Answer answer = client.answer(request);
      HttpApi.log(
          context,
          "request "
              + requestId
              + ": 200, "
              + answer.citations().size()
              + " citations, service"
              + " request "
              + answer.requestId(),
          null);
      return new HttpApi.Result(200, HttpApi.write(json, body(answer)));
    } catch (KnowledgeBaseNotFoundException e) {
      if (request.sessionId() != null) {
        HttpApi.log(context, "request " + requestId + ": 400 unknown session", e);
        return HttpApi.error(
            json,
            400,
            "BadRequest",
            "the sessionId is unknown or has expired: ask again"
                + " without it to start a new conversation");
      }
      return HttpApi.failure(json, e, "The knowledge base", requestId, context);
    } catch (GenAiException e) {
      return HttpApi.failure(json, e, "The knowledge base", requestId, context);
    } catch (RuntimeException e) {
      HttpApi.log(context, "request " + requestId + ": 500", e);
      return HttpApi.error(
          json, 500, "InternalError", "Something went wrong; the request id is " + requestId + ".");
    }
  }

  private AnswerRequest request(JsonNode root) {
    JsonNode q = root.get("question");
    if (q == null || q.isNull() || (q.isTextual() && q.textValue().isBlank())) {
      throw new HttpApi.BadRequest("question is missing or empty: send " + EXAMPLE);
    }
    if (!q.isTextual()) {
      throw new HttpApi.BadRequest("question must be a string");
    }
    JsonNode s = root.get("sessionId");
    if (s != null && !s.isNull() && !s.isTextual()) {
      throw new HttpApi.BadRequest(
          "sessionId must be a string (the one an earlier answer returned)");
    }
    return AnswerRequest.builder()
        .question(q.textValue().strip())
        .numberOfResults(config.numberOfResults())
        .sessionId(s == null || s.isNull() ? null : s.textValue())
        .build();
  }

  private ObjectNode body(Answer answer) {
    ObjectNode root =
        json.createObjectNode().put("answer", answer.text()).put("sessionId", answer.sessionId());
    if (answer.guardrailIntervened()) {
      root.put("guardrailIntervened", true);
    }
    ArrayNode citations = root.putArray("citations");
    for (Citation c : answer.citations()) {
      ObjectNode o =
          citations.addObject().put("start", c.start()).put("end", c.end()).put("text", c.text());
      ArrayNode sources = o.putArray("sources");
      for (Passage p : c.passages()) {
        String t = p.text();
        sources
            .addObject()
            .put("uri", p.sourceUri())
            .put("excerpt", t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "…");
      }
    }
    return root;
  }

  /** Frees the client of a handler built with a config; the container's shared client is kept. */
  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "RagHandler[" + config + "]";
  }
}
