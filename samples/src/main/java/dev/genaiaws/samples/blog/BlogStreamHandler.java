package dev.genaiaws.samples.blog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.samples.internal.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;

/**
 * The blog function for any API Gateway: reads the raw event JSON itself, so the same handler
 * serves REST APIs (payload format 1.0), HTTP APIs (2.0) and direct invocations.
 *
 * <pre>
 * Handler:  dev.genaiaws.samples.blog.BlogStreamHandler::handleRequest
 * </pre>
 *
 * <p>An event with {@code "version": "2.0"} is an HTTP API event; one with {@code httpMethod} (or
 * {@code "version": "1.0"}) a REST API event: both carry the request in {@code body} (base64 when
 * {@code isBase64Encoded}). Anything else is taken as a direct invocation whose event is the body
 * itself, e.g. {@code aws lambda invoke --payload '{"topic":"..."}'}. The answer is {@code
 * {"statusCode", "headers", "body", "isBase64Encoded"}}: the proxy response both API versions
 * accept. Statuses, configuration and priming are those of {@link BlogHandler}, with which it
 * shares the container's clients.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BlogStreamHandler implements RequestStreamHandler, AutoCloseable {
  private final BlogHandler handler;
  private final BlogFunction function;

  /**
   * The constructor Lambda calls: the container's shared clients, configured from the environment.
   */
  public BlogStreamHandler() {
    this(new BlogHandler());
  }

  /** A handler with its own clients (tests, local runs); {@link #close()} frees them. */
  public BlogStreamHandler(BlogConfig config) {
    this(new BlogHandler(config));
  }

  private BlogStreamHandler(BlogHandler handler) {
    this.handler = handler;
    this.function = handler.function();
  }

  /**
   * The API Gateway payload format of an event: {@code "2.0"}, {@code "1.0"} or {@code "direct"}.
   */
  static String payloadFormat(JsonNode event) {
    if (event != null && event.isObject()) {
      String version = event.path("version").asText("");
      if (version.equals("2.0")) {
        return "2.0";
      }
      if (version.equals("1.0") || event.has("httpMethod")) {
        return "1.0";
      }
    }
    return "direct";
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    HttpApi.Result result;
    JsonNode event;
    try {
      event = function.json().readTree(input);
    } catch (JsonProcessingException e) {
      String requestId =
          context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "-";
      write(
          function.reject(context, requestId, 400, "BadRequest", "the event is not valid JSON"),
          output);
      return;
    }
    String requestId =
        context != null && context.getAwsRequestId() != null
            ? context.getAwsRequestId()
            : event == null ? "-" : event.path("requestContext").path("requestId").asText("-");
    if (payloadFormat(event).equals("direct")) {
      String body =
          event == null || event.isMissingNode() ? null : function.json().writeValueAsString(event);
      result = function.handle(body, false, requestId, context);
    } else {
      JsonNode body = event.get("body");
      String method =
          event
              .path("requestContext")
              .path("http")
              .path("method")
              .asText(event.path("httpMethod").asText(null));
      result =
          function.handle(
              method,
              body == null || body.isNull() ? null : body.asText(),
              event.path("isBase64Encoded").asBoolean(false),
              requestId,
              context);
    }
    write(result, output);
  }

  private void write(HttpApi.Result result, OutputStream output) throws IOException {
    ObjectNode response = function.json().createObjectNode();
    response.put("statusCode", result.status());
    ObjectNode headers = response.putObject("headers");
    for (Map.Entry<String, String> h : result.headers().entrySet()) {
      headers.put(h.getKey(), h.getValue());
    }
    response.put("body", result.body());
    response.put("isBase64Encoded", false);
    output.write(function.json().writeValueAsBytes(response));
    output.flush();
  }

  /**
   * Frees the clients of a handler built with a config; the container's shared clients are kept.
   */
  @Override
  public void close() {
    handler.close();
  }

  @Override
  public String toString() {
    return "BlogStreamHandler[" + function.config() + "]";
  }
}
