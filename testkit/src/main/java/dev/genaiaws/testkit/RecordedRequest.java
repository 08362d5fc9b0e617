package dev.genaiaws.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as an emulator received it, for assertions in tests.
 *
 * <pre>{@code
 * RecordedRequest r = bedrock.takeRequest();
 * assertThat(r.modelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
 * assertThat(r.operation()).isEqualTo("invoke");
 * assertThat(r.bodyUtf8()).contains("\"max_tokens\":200");
 * assertThat(r.header("Content-Type")).hasValue("application/json");
 * }</pre>
 *
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) request path
 * @param operation the last path segment: {@code invoke}, {@code invoke-with-response-stream},
 *     {@code converse}, {@code converse-stream}, {@code invocations}, {@code
 *     invocations-response-stream} or {@code async-invocations}
 * @param target the decoded model id (Bedrock) or endpoint name (SageMaker), as sent
 * @param headers the request headers (keys case-insensitive)
 * @param body the body bytes (a copy is returned)
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
    String method,
    String path,
    String operation,
    String target,
    Map<String, List<String>> headers,
    byte[] body,
    Instant receivedAt) {

  public RecordedRequest {
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
    body = body.clone();
  }

  /** The decoded model id of a Bedrock request (same as {@link #target()}). */
  public String modelId() {
    return target;
  }

  /** The endpoint name of a SageMaker request (same as {@link #target()}). */
  public String endpointName() {
    return target;
  }

  /** The first value of a header, looked up case-insensitively. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  /** Method, path and body size only: never the body itself (it may hold prompts). */
  @Override
  public String toString() {
    return "RecordedRequest[" + method + " " + path + ", " + body.length + " bytes]";
  }
}
