package dev.genaiaws.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The S3 side of the cold-start runs: a loopback server that takes path-style {@code PutObject}
 * ({@code PUT /bucket/key}) as S3 answers it (200 with an {@code ETag}, the body's MD5; 412 {@code
 * PreconditionFailed} for {@code If-None-Match: *} on a key it holds) and keeps the bodies it was
 * sent. The blog function saves every post to S3, so the raw programs it is compared with save
 * theirs too, here. Not S3Mock: its Spring Boot does not share a class path with the peers' Spring
 * in this module, and a cold-start child only needs the write's round trip (the SDK reads no body
 * from a {@code PutObject} answer).
 */
final class S3Sink implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

  private S3Sink(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  static S3Sink start() throws IOException {
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "s3-sink");
              t.setDaemon(true);
              return t;
            });
    S3Sink sink = new S3Sink(server, pool);
    server.setExecutor(pool);
    server.createContext("/", sink::handle);
    server.start();
    return sink;
  }

  /**
   * {@code http://127.0.0.1:port} (an IP address: the SDK's S3 endpoint rules address buckets by
   * path).
   */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many objects were written. */
  int objectCount() {
    return objects.size();
  }

  void reset() {
    objects.clear();
  }

  private void handle(HttpExchange http) throws IOException {
    byte[] body;
    try (InputStream in = http.getRequestBody()) {
      body = in.readAllBytes();
    }
    String path = http.getRequestURI().getPath();
    if (!"PUT".equals(http.getRequestMethod()) || path.indexOf('/', 1) < 0) {
      answer(http, 405, error("MethodNotAllowed", "this sink takes PutObject only"));
      return;
    }
    boolean ifNoneMatch = "*".equals(http.getRequestHeaders().getFirst("If-None-Match"));
    if (ifNoneMatch && objects.putIfAbsent(path, body) != null) {
      answer(
          http,
          412,
          error(
              "PreconditionFailed",
              "At least one of the pre-conditions you specified did not hold"));
      return;
    }
    if (!ifNoneMatch) {
      objects.put(path, body);
    }
    http.getResponseHeaders().set("ETag", "\"" + md5(body) + "\"");
    http.getResponseHeaders().set("x-amz-request-id", "sink-" + objects.size());
    http.sendResponseHeaders(200, -1);
    http.close();
  }

  private static byte[] error(String code, String message) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange http, int status, byte[] xml) throws IOException {
    http.getResponseHeaders().set("Content-Type", "application/xml");
    http.sendResponseHeaders(status, xml.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(xml);
    }
  }

  private static String md5(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
