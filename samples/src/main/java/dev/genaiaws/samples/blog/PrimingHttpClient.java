package dev.genaiaws.samples.blog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory HTTP client that never opens a connection: it reads the request body (so checksums
 * and signing run) and answers 200 with a canned body. Priming clients use it to run the AWS SDK's
 * whole request and response pipeline (endpoint rules, marshalling, signing, unmarshalling) before
 * a SnapStart snapshot, without any network call.
 */
final class PrimingHttpClient implements SdkHttpClient {
  private final byte[] answer;
  private int requests;

  PrimingHttpClient(String answer) {
    this.answer = answer.getBytes(StandardCharsets.UTF_8);
  }

  /** How many requests were "sent" (none of them left the process). */
  synchronized int requests() {
    return requests;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        synchronized (PrimingHttpClient.this) {
          requests++;
        }
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream body = request.contentStreamProvider().get().newStream()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
          }
        }
        SdkHttpResponse response =
            SdkHttpResponse.builder()
                .statusCode(200)
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", String.valueOf(answer.length))
                .putHeader("x-amzn-RequestId", "priming-" + UUID.randomUUID())
                .putHeader("ETag", "\"0123456789abcdef0123456789abcdef\"")
                .build();
        return HttpExecuteResponse.builder()
            .response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
            .build();
      }

      @Override
      public void abort() {
        // nothing is in flight
      }
    };
  }

  @Override
  public String clientName() {
    return "Priming";
  }

  @Override
  public void close() {
    // nothing to free
  }

  @Override
  public String toString() {
    return "PrimingHttpClient[" + Optional.of(answer.length).get() + " bytes]";
  }
}
