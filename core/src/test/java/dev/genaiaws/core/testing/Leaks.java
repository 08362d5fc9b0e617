package dev.genaiaws.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a client may leave behind after {@code close()}: its HTTP clients' threads and TCP
 * connections to an emulator. Connections are read from Linux's {@code /proc/net/tcp} and {@code
 * tcp6} (elsewhere they read as 0). Shipped in core's test-jar for the adapters' fault suites.
 */
public final class Leaks {
  /** Threads the AWS SDK's HTTP clients and the JDK's HTTP keep-alive cache start. */
  private static final List<String> CLIENT_THREADS =
      List.of(
          "aws-java-sdk-NettyEventLoop",
          "sdk-async-response",
          "Keep-Alive-Timer",
          "aws-java-sdk-",
          "nioEventLoopGroup");

  private Leaks() {}

  /**
   * What is left open after the clients are closed.
   *
   * @param clientThreads live threads of the HTTP clients
   * @param clientConnections TCP connections to the emulator's port, open on the client side
   * @param serverConnections TCP connections the emulator holds open (accepted sockets)
   */
  public record Snapshot(int clientThreads, int clientConnections, int serverConnections) {
    /** The difference to an earlier snapshot, for the build log. */
    public String describe(Snapshot before) {
      return "client threads "
          + before.clientThreads
          + " -> "
          + clientThreads
          + ", client connections "
          + before.clientConnections
          + " -> "
          + clientConnections
          + ", emulator-side connections "
          + before.serverConnections
          + " -> "
          + serverConnections;
    }
  }

  /** Counts now. */
  public static Snapshot snapshot(int emulatorPort) {
    int threads = (int) clientThreads().count();
    int[] conns = connections(emulatorPort);
    return new Snapshot(threads, conns[0], conns[1]);
  }

  /**
   * Waits for the clients' threads to end (they do once the client is closed and its pools have
   * shut down; the JDK's keep-alive timer ends once its cache is empty), at most 30 s each, then
   * counts.
   */
  public static Snapshot awaitBack(Snapshot before, int emulatorPort) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (Thread t : clientThreads().toList()) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left > 0) {
        t.join(left);
      }
    }
    return snapshot(emulatorPort);
  }

  private static java.util.stream.Stream<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> CLIENT_THREADS.stream().anyMatch(p -> t.getName().startsWith(p)));
  }

  /**
   * Half-closed TCP connections involving the port: [client side, server side] sockets in
   * CLOSE_WAIT, i.e. whose peer has closed while this side still holds them. A server-side one is a
   * socket the emulator keeps for a request its client abandoned; a client-side one, a pooled
   * connection the emulator closed.
   */
  public static int[] halfClosed(int port) {
    return count(port, "08");
  }

  /**
   * Waits until {@code settled} holds for the counts of the port, polling the kernel's socket table
   * (there is no event to wait on) every 20 ms for at most 30 s, a bound that only stops a broken
   * test; returns the last snapshot either way, for the caller to assert on.
   */
  public static Snapshot awaitSockets(int port, java.util.function.Predicate<Snapshot> settled) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Snapshot s = snapshot(port);
    while (!settled.test(s) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      s = snapshot(port);
    }
    return s;
  }

  /**
   * [client side, server side] connections of this machine involving the port (TIME_WAIT and LISTEN
   * not counted; on the client side only sockets the client has not closed).
   */
  private static int[] connections(int port) {
    return count(port, null);
  }

  /**
   * [client side, server side] sockets involving the port in {@code onlyState} (hex), or in any but
   * LISTEN/TIME_WAIT.
   */
  private static int[] count(int port, String onlyState) {
    int client = 0;
    int server = 0;
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(file));
      } catch (IOException | RuntimeException e) {
        continue;
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4) {
          continue;
        }
        String local = f[1].substring(f[1].indexOf(':') + 1);
        String remote = f[2].substring(f[2].indexOf(':') + 1);
        String state = f[3];
        if (onlyState != null
            ? !state.equals(onlyState)
            : state.equals("0A") || state.equals("06")) {
          continue; // by default LISTEN and TIME_WAIT are not counted
        }
        if (remote.equals(hexPort)) {
          // open on the client side: ESTABLISHED, SYN_SENT, or CLOSE_WAIT (the peer closed, we did
          // not);
          // FIN_WAIT_1/2, CLOSING and LAST_ACK are sockets the client has closed, waiting on a busy
          // peer
          if (state.equals("01") || state.equals("02") || state.equals("08")) {
            client++;
          }
        } else if (local.equals(hexPort)) {
          server++;
        }
      }
    }
    return new int[] {client, server};
  }
}
