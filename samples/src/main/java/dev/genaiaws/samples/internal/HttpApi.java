package dev.genaiaws.samples.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.QuotaExceededException;
import dev.genaiaws.core.exception.ThrottlingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the samples' API Gateway (HTTP API, payload 2.0) functions share: reading a JSON request
 * body (base64 or not), answering JSON with a status, the error body {@code {"error", "message"}},
 * the mapping of the SDK's exceptions to 429 (throttled after the retries) and 502 (any other
 * service failure), and logging that names the failure and its causes, never the request's text.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** The response headers of every answer. */
  public static final Map<String, String> JSON_HEADERS =
      Map.of("content-type", "application/json; charset=utf-8");

  private HttpApi() {}

  /** A request the function refuses with 400; the message says what to send. */
  public static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A bad request with what to send instead. */
    public BadRequest(String message) {
      super(message);
    }
  }

  /**
   * What a browser's CORS preflight ({@code OPTIONS}) is told; the APIs' CORS configuration says
   * the same.
   */
  public static final Map<String, String> CORS_HEADERS =
      Map.of(
          "access-control-allow-origin",
          "*",
          "access-control-allow-methods",
          "POST, OPTIONS",
          "access-control-allow-headers",
          "content-type, authorization, x-amz-date, x-amz-security-token",
          "access-control-max-age",
          "600");

  /** What a function answers: an HTTP status, its headers and a JSON body. */
  public record Result(int status, String body, Map<String, String> headers) {
    /** An answer with the JSON content type. */
    public Result(int status, String body) {
      this(status, body, JSON_HEADERS);
    }

    /** As an HTTP API (payload 2.0) response. */
    public APIGatewayV2HTTPResponse toV2() {
      return APIGatewayV2HTTPResponse.builder()
          .withStatusCode(status)
          .withHeaders(headers)
          .withBody(body)
          .withIsBase64Encoded(false)
          .build();
    }
  }

  /**
   * Refuses an event: logs one line {@code request ID: STATUS error: message}, the same for every
   * refusal, and answers the JSON error.
   */
  public static Result reject(
      ObjectMapper json,
      Context context,
      String requestId,
      int status,
      String error,
      String message) {
    log(context, "request " + requestId + ": " + status + " " + error + ": " + message, null);
    return error(json, status, error, message);
  }

  /**
   * The answer to a method other than {@code POST}, or {@code null} for {@code POST} and direct
   * invocations ({@code method == null}): {@code OPTIONS} gets the CORS preflight answer (204),
   * anything else a 405 with {@code allow: POST, OPTIONS}, logged like every refusal.
   *
   * @param example what to send, for the message, e.g. {@code {"topic": "..."}}
   */
  public static @Nullable Result methodNotPost(
      ObjectMapper json,
      @Nullable String method,
      String example,
      String requestId,
      Context context) {
    if (method == null || method.equalsIgnoreCase("POST")) {
      return null;
    }
    if (method.equalsIgnoreCase("OPTIONS")) {
      return new Result(204, "", CORS_HEADERS);
    }
    Result refused =
        reject(
            json,
            context,
            requestId,
            405,
            "MethodNotAllowed",
            method + " is not allowed: send POST with " + example);
    return new Result(
        405,
        refused.body(),
        Map.of("content-type", JSON_HEADERS.get("content-type"), "allow", "POST, OPTIONS"));
  }

  /**
   * The request body as a JSON object.
   *
   * @param example what to send, for the messages, e.g. {@code {"topic": "..."}}
   * @throws BadRequest when it is missing, not base64 though marked so, not JSON or not an object
   */
  public static JsonNode jsonObject(
      ObjectMapper json, String body, boolean base64, String example) {
    if (body == null || body.isBlank()) {
      throw new BadRequest("the request body is empty: send JSON like " + example);
    }
    String text = body;
    if (base64) {
      try {
        text = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("the request body is marked base64 but is not valid base64");
      }
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadRequest("the request body is not valid JSON: send " + example);
    }
    if (root == null || !root.isObject()) {
      throw new BadRequest("the request body must be a JSON object: send " + example);
    }
    return root;
  }

  /** An error answer {@code {"error": error, "message": message}}. */
  public static Result error(ObjectMapper json, int status, String error, String message) {
    return new Result(
        status, write(json, json.createObjectNode().put("error", error).put("message", message)));
  }

  /**
   * The answer for a failure of the model or knowledge-base call: 429 when still throttled after
   * the retries, 502 for other service or client failures; logged with the causes.
   *
   * @param what what was being called, for the messages, e.g. {@code "The model"}
   */
  public static Result failure(
      ObjectMapper json, GenAiException e, String what, String requestId, Context context) {
    if (e instanceof ThrottlingException || e instanceof QuotaExceededException) {
      log(context, "request " + requestId + ": 429 after " + e.attempts() + " attempts", e);
      return error(
          json,
          429,
          "TooManyRequests",
          what
              + " is busy (throttled after "
              + e.attempts()
              + " attempts): try again in a few seconds.");
    }
    if (e instanceof GenAiServiceException s) {
      log(
          context,
          "request "
              + requestId
              + ": 502, status "
              + s.statusCode()
              + " "
              + s.errorCode()
              + ", service request "
              + s.requestId(),
          e);
      return error(
          json,
          502,
          "BadGateway",
          what
              + " failed ("
              + s.statusCode()
              + " "
              + s.errorCode()
              + "); the request id is "
              + requestId
              + ".");
    }
    log(context, "request " + requestId + ": 502 calling " + what, e);
    return error(
        json,
        502,
        "BadGateway",
        "Calling " + what + " failed; the request id is " + requestId + ".");
  }

  /** Serialises a JSON node. */
  public static String write(ObjectMapper json, JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new JSON object node. */
  public static ObjectNode object(ObjectMapper json) {
    return json.createObjectNode();
  }

  /** Logs to the Lambda logger when there is one, else to SLF4J; with the error's causes. */
  public static void log(Context context, String message, @Nullable Throwable error) {
    String line = error == null ? message : message + ": " + describe(error);
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line + "\n");
    } else if (error == null) {
      LOG.info(line);
    } else {
      LOG.warn(line);
    }
  }

  /**
   * The exception's classes and messages down its causes: service messages, never the request's
   * text.
   */
  public static String describe(Throwable error) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = error; t != null && sb.length() < 2000; t = t.getCause()) {
      sb.append(sb.length() == 0 ? "" : " <- ")
          .append(t.getClass().getName())
          .append(": ")
          .append(t.getMessage());
    }
    return sb.toString();
  }
}
