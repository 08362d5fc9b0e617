package dev.genaiaws.testkit.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDK {@link HttpServer} bound to 127.0.0.1 with a small bounded worker pool, reading each
 * request body fully before handing the {@link Exchange} to the emulator's handler.
 */
public final class EmulatorHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttp.class);
  private static final int WORKERS = 8;
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    // The JDK server leaves Nagle's algorithm on unless told otherwise, and with the client's
    // delayed ACKs a
    // loopback call then waits ~40 ms for nothing (measured by the benchmarks: ~50 ms per call for
    // any
    // client). The JDK reads this property once, when its server classes load, which start()
    // triggers
    // right after this; a value the user set is left alone.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  /** Handles one exchange; must answer, stream, or drop it. */
  @FunctionalInterface
  public interface Handler {
    /** Handles the exchange. */
    void handle(Exchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final String name;

  private EmulatorHttp(String name, HttpServer server, ThreadPoolExecutor pool) {
    this.name = name;
    this.server = server;
    this.pool = pool;
  }

  /** Starts a server on {@code port} (0 = a free port) of 127.0.0.1. */
  public static EmulatorHttp start(String name, int port, Handler handler) {
    try {
      HttpServer server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              WORKERS,
              WORKERS,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t =
                    new Thread(
                        r, name + "-" + server.getAddress().getPort() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true);
      server.setExecutor(pool);
      server.createContext(
          "/",
          http -> {
            byte[] body;
            try (InputStream in = http.getRequestBody()) {
              body = in.readAllBytes();
            }
            Exchange ex = new Exchange(http, body);
            try {
              handler.handle(ex);
            } catch (IOException | RuntimeException e) {
              LOG.debug("{}: request failed: {}", name, e.toString());
              ex.drop();
            }
          });
      server.start();
      EmulatorHttp h = new EmulatorHttp(name, server, pool);
      LOG.debug("{} listening on {}", name, h.endpoint());
      return h;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " on port " + port, e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    LOG.debug("{} stopped", name);
  }
}
