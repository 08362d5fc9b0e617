package dev.genaiaws.samples.blog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.crac.Core;

/**
 * The blog generator as an AWS Lambda function behind an API Gateway HTTP API (payload format 2.0):
 * {@code POST /blog} with {@code {"topic": "Serverless GenAI on AWS"}} writes a post with a Bedrock
 * model, saves it to S3 and answers where.
 *
 * <pre>
 * Handler:  dev.genaiaws.samples.blog.BlogHandler::handleRequest
 * Request:  {"topic": "Serverless GenAI on AWS"}          ("blog_topic" is accepted too)
 * 200:      {"key": "blogs/2026/11/23/...json", "uri": "s3://...", "model": "meta.llama3-8b-instruct-v1:0",
 *            "usage": {"inputTokens": 52, "outputTokens": 287}}
 * 400:      {"error": "BadRequest", "message": "topic is missing or empty: ..."}  (also bad JSON, > 500 chars)
 * 405:      a method other than POST (OPTIONS gets the CORS preflight answer, 204)
 * 429:      Bedrock still throttled after the retries        502: other Bedrock or S3 failures
 * </pre>
 *
 * <p>Configuration comes from environment variables ({@code BLOG_MODEL_ID}, {@code BLOG_BUCKET},
 * {@code BLOG_PREFIX}, ...: see {@link BlogConfig}). REST APIs (payload 1.0) send events whose
 * {@code body}, {@code isBase64Encoded} and {@code requestContext.requestId} read the same, so this
 * handler works with them too; for the exact response shape of either API (and direct invocations
 * with just {@code {"topic": ...}}) use {@link BlogStreamHandler}.
 *
 * <p><b>Once per container.</b> The Bedrock client and the S3 store are built once, when the first
 * handler instance of the container is created (a lazily initialised static holder), and shared by
 * every request. They are registered with CRaC ({@code org.crac.Core.getGlobalContext()}) so that
 * with SnapStart the request path is primed before the snapshot without any network call ({@link
 * BlogFunction#prime()}); set {@code BLOG_PRIME_ON_INIT=true} to prime during the init phase
 * instead, without SnapStart.
 */
public final class BlogHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, AutoCloseable {

  /** The container's function: built on first use, from the process environment, then kept. */
  private static final class Shared {
    static final BlogFunction FUNCTION = create();

    private static BlogFunction create() {
      BlogFunction function = new BlogFunction(BlogConfig.fromEnvironment());
      Core.getGlobalContext().register(function);
      if (Boolean.parseBoolean(System.getenv("BLOG_PRIME_ON_INIT"))) {
        function.prime();
      }
      return function;
    }
  }

  private final BlogFunction function;
  private final boolean owned;

  /**
   * The constructor Lambda calls: uses the container's shared clients, configured from the
   * environment.
   */
  public BlogHandler() {
    this.function = Shared.FUNCTION;
    this.owned = false;
  }

  /**
   * A handler with its own clients, for tests and local runs; {@link #close()} frees them.
   *
   * @param config e.g. {@code BlogConfig.fromEnvironment(Map.of("BLOG_BUCKET", "blogs", ...))}
   */
  public BlogHandler(BlogConfig config) {
    this.function = new BlogFunction(config);
    this.owned = true;
  }

  /** Like {@link #BlogHandler(BlogConfig)} from a map of environment variables. */
  public BlogHandler(Map<String, String> environment) {
    this(BlogConfig.fromEnvironment(environment));
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    if (event == null) {
      String requestId =
          context == null || context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
      return function
          .reject(
              context,
              requestId,
              400,
              "BadRequest",
              "no event: send {\"topic\": \"...\"} through API Gateway")
          .toV2();
    }
    String requestId = requestId(event, context);
    String method =
        event.getRequestContext() == null || event.getRequestContext().getHttp() == null
            ? null
            : event.getRequestContext().getHttp().getMethod();
    return function
        .handle(method, event.getBody(), event.getIsBase64Encoded(), requestId, context)
        .toV2();
  }

  private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
    if (context != null && context.getAwsRequestId() != null) {
      return context.getAwsRequestId();
    }
    return event.getRequestContext() == null ? "-" : event.getRequestContext().getRequestId();
  }

  /**
   * Primes the request path now (what SnapStart does before its snapshot); sends nothing. For
   * measuring and for functions that want to prime in their init phase.
   *
   * @return whether priming ran to its end (a failure is logged, never thrown)
   */
  public boolean prime() {
    return function.prime();
  }

  BlogFunction function() {
    return function;
  }

  /**
   * Frees the clients of a handler built with a config; the container's shared clients are kept.
   */
  @Override
  public void close() {
    if (owned) {
      function.close();
    }
  }

  @Override
  public String toString() {
    return "BlogHandler[" + function.config() + "]";
  }
}
