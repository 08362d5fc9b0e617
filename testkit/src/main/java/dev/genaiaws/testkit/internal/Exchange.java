package dev.genaiaws.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.NullUnmarked;

/**
 * One HTTP request/response in progress: the request already read, helpers to answer with JSON, to
 * open a chunked event stream, or to drop the connection.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class Exchange {
  private final HttpExchange http;
  private final byte[] body;
  private final String requestId = UUID.randomUUID().toString();
  private final long startNanos = System.nanoTime();
  private OutputStream stream;

  Exchange(HttpExchange http, byte[] body) {
    this.http = http;
    this.body = body;
  }

  /** HTTP method. */
  public String method() {
    return http.getRequestMethod();
  }

  /** Raw (percent-encoded) path. */
  public String rawPath() {
    return http.getRequestURI().getRawPath();
  }

  /** Raw (percent-encoded) query string, or {@code null}. */
  public String rawQuery() {
    return http.getRequestURI().getRawQuery();
  }

  /** First value of a request header, or {@code null}. */
  public String header(String name) {
    return http.getRequestHeaders().getFirst(name);
  }

  /** All request headers. */
  public Map<String, java.util.List<String>> headers() {
    return http.getRequestHeaders();
  }

  /** The request body. */
  public byte[] body() {
    return body;
  }

  /** The request id this exchange answers with. */
  public String requestId() {
    return requestId;
  }

  /** Milliseconds since the request was read. */
  public long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Adds a response header (before the response starts). */
  public Exchange header(String name, String value) {
    http.getResponseHeaders().add(name, value);
    return this;
  }

  /** Sends a complete response with {@code x-amzn-RequestId} and closes the exchange. */
  public void respond(int status, String contentType, byte[] payload) throws IOException {
    http.getResponseHeaders().set("x-amzn-RequestId", requestId);
    if (contentType != null) {
      http.getResponseHeaders().set("Content-Type", contentType);
    }
    http.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(payload);
    }
  }

  /** Sends a JSON response. */
  public void respondJson(int status, JsonNode json) throws IOException {
    respond(status, "application/json", Json.bytes(json));
  }

  /** Starts a chunked {@code application/vnd.amazon.eventstream} response. */
  public void startStream() throws IOException {
    http.getResponseHeaders().set("x-amzn-RequestId", requestId);
    http.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
    http.sendResponseHeaders(200, 0);
    stream = http.getResponseBody();
  }

  /** Writes one encoded event-stream message and flushes it to the client. */
  public void writeEvent(byte[] message) throws IOException {
    stream.write(message);
    stream.flush();
  }

  /** Ends a stream (or any response) and closes the exchange. */
  public void finish() {
    try {
      if (stream != null) {
        stream.close();
      }
    } catch (IOException e) {
      // the client went away; nothing left to tell it
    } finally {
      http.close();
    }
  }

  /** Closes the connection without sending a response. */
  public void drop() {
    http.close();
  }
}
