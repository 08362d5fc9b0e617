package dev.genaiaws.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

/**
 * Time from sending a streamed request to the first text delta and to the end of the stream: ours
 * ({@code BedrockGenerationClient.stream}) against the raw async client with a hand-written
 * visitor, both over Netty HTTP/1.1 with SDK retries off. Alternating calls; medians.
 */
final class Streaming {
  /**
   * One variant: medians of time to the first delta and to the end (with p75), deltas per stream,
   * and per stream the calling thread's CPU and allocation and the CPU of every client-side thread
   * (caller, the SDK's Netty event loop and its async-response threads) measured over a block of
   * streams.
   */
  record Row(
      String label,
      double firstMicros,
      double completedMicros,
      double firstP75,
      double completedP75,
      int deltas,
      double callerCpuMicros,
      double callerBytes,
      double clientCpuMicros) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * CPU nanoseconds of this thread and of the AWS SDK's own threads (Netty event loop, async
   * responses).
   */
  private static long clientThreadsCpu() {
    long total = THREADS.getCurrentThreadCpuTime();
    for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t != null
          && (t.getThreadName().startsWith("aws-java-sdk")
              || t.getThreadName().startsWith("sdk-async"))) {
        long c = THREADS.getThreadCpuTime(t.getThreadId());
        total += Math.max(0, c);
      }
    }
    return total;
  }

  /**
   * Caller CPU µs, caller bytes and client-side CPU µs per stream over {@code n} streams of one
   * variant.
   */
  private static double[] block(int n, java.util.concurrent.Callable<?> stream) throws Exception {
    long tid = Thread.currentThread().getId();
    long client0 = clientThreadsCpu();
    long c0 = THREADS.getCurrentThreadCpuTime();
    long a0 = THREADS.getThreadAllocatedBytes(tid);
    for (int i = 0; i < n; i++) {
      stream.call();
    }
    long c1 = THREADS.getCurrentThreadCpuTime();
    long a1 = THREADS.getThreadAllocatedBytes(tid);
    long client1 = clientThreadsCpu();
    return new double[] {
      (c1 - c0) / 1000.0 / n,
      (a1 - a0) / (double) n,
      (client1 - client0 - (c1 - c0)) / 1000.0 / n + (c1 - c0) / 1000.0 / n
    };
  }

  static final int MAX_TOKENS = 64;

  private Streaming() {}

  static List<Row> run(BedrockEmulator emulator, int calls) throws Exception {
    String prompt = Workload.Size.SMALL.prompt;
    GenerationRequest request = Workload.request(prompt, MAX_TOKENS);
    byte[] body = Workload.claudeBody(prompt, MAX_TOKENS);
    try (BedrockGenerationClient ours = Workload.ours(emulator.endpoint());
        BedrockRuntimeAsyncClient raw = Workload.rawAsync(emulator.endpoint())) {
      long[] oursFirst = new long[calls];
      long[] oursDone = new long[calls];
      long[] rawFirst = new long[calls];
      long[] rawDone = new long[calls];
      long[] pubFirst = new long[calls];
      long[] pubDone = new long[calls];
      int[] deltas = new int[3];
      // warm-up: to the JIT's steady state (see Overhead.WARM_CALLS), fewer calls since each
      // stream runs the per-event code some twenty times
      for (int i = 0; i < Math.min(2000, calls); i++) {
        ours(ours, request, new long[1], new long[1], 0, deltas);
        raw(raw, body, new long[1], new long[1], 0, deltas);
        publisher(ours, request, new long[1], new long[1], 0);
      }
      emulator.reset();
      for (int i = 0; i < calls; i++) {
        switch (i % 3) {
          case 0 -> {
            deltas[0] = ours(ours, request, oursFirst, oursDone, i, deltas);
            deltas[1] = raw(raw, body, rawFirst, rawDone, i, deltas);
            deltas[2] = publisher(ours, request, pubFirst, pubDone, i);
          }
          case 1 -> {
            deltas[1] = raw(raw, body, rawFirst, rawDone, i, deltas);
            deltas[2] = publisher(ours, request, pubFirst, pubDone, i);
            deltas[0] = ours(ours, request, oursFirst, oursDone, i, deltas);
          }
          default -> {
            deltas[2] = publisher(ours, request, pubFirst, pubDone, i);
            deltas[0] = ours(ours, request, oursFirst, oursDone, i, deltas);
            deltas[1] = raw(raw, body, rawFirst, rawDone, i, deltas);
          }
        }
        if (i % 500 == 499) {
          emulator.reset();
        }
      }
      // CPU and allocation in blocks of one variant (so the SDK threads' CPU can be attributed),
      // alternating
      int blockSize = Math.max(50, calls / 10);
      double[][] cost = new double[3][3];
      for (int round = 0; round < 2; round++) {
        double[] r = block(blockSize, () -> raw(raw, body, new long[1], new long[1], 0, deltas));
        double[] o =
            block(blockSize, () -> ours(ours, request, new long[1], new long[1], 0, deltas));
        double[] p = block(blockSize, () -> publisher(ours, request, new long[1], new long[1], 0));
        for (int k = 0; k < 3; k++) {
          cost[0][k] += r[k] / 2;
          cost[1][k] += o[k] / 2;
          cost[2][k] += p[k] / 2;
        }
        emulator.reset();
      }
      List<Row> rows = new ArrayList<>();
      rows.add(
          row(
              "raw async invokeModelWithResponseStream + visitor",
              rawFirst,
              rawDone,
              deltas[1],
              cost[0]));
      rows.add(row("genai-aws stream()", oursFirst, oursDone, deltas[0], cost[1]));
      rows.add(
          row(
              "genai-aws publisher() (subscriber on the SDK's thread, like the visitor)",
              pubFirst,
              pubDone,
              deltas[2],
              cost[2]));
      Log.log("streaming: %s", rows);
      return rows;
    }
  }

  static Row row(String label, long[] first, long[] done, int deltas) {
    return row(label, first, done, deltas, new double[] {Double.NaN, Double.NaN, Double.NaN});
  }

  static Row row(String label, long[] first, long[] done, int deltas, double[] cost) {
    double[] f = toMicros(first);
    double[] d = toMicros(done);
    return new Row(
        label,
        Stats.median(f),
        Stats.median(d),
        Stats.quantile(f, 0.75),
        Stats.quantile(d, 0.75),
        deltas,
        cost[0],
        cost[1],
        cost[2]);
  }

  private static double[] toMicros(long[] nanos) {
    double[] r = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      r[i] = nanos[i] / 1000.0;
    }
    return r;
  }

  static int ours(
      BedrockGenerationClient client,
      GenerationRequest request,
      long[] first,
      long[] done,
      int i,
      int @Nullable [] unused) {
    long t0 = System.nanoTime();
    int n = 0;
    boolean completed = false;
    try (GenerationStream stream = client.stream(request)) {
      for (GenerationEvent e : stream) {
        if (e instanceof GenerationEvent.TextDelta) {
          if (n++ == 0) {
            first[i] = System.nanoTime() - t0;
          }
        } else if (e instanceof GenerationEvent.Completed) {
          done[i] = System.nanoTime() - t0;
          completed = true;
        }
      }
    }
    if (n == 0 || !completed) {
      throw new IllegalStateException("our stream gave " + n + " deltas, completed=" + completed);
    }
    return n;
  }

  private static int raw(
      BedrockRuntimeAsyncClient client, byte[] body, long[] first, long[] done, int i, int[] unused)
      throws InterruptedException, ExecutionException, TimeoutException {
    long t0 = System.nanoTime();
    int[] n = {0};
    StringBuilder text = new StringBuilder();
    InvokeModelWithResponseStreamResponseHandler.Visitor visitor =
        InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
            .onChunk(
                chunk -> {
                  String delta = claudeDelta(chunk.bytes().asByteArrayUnsafe());
                  if (delta != null) {
                    if (n[0]++ == 0) {
                      first[i] = System.nanoTime() - t0;
                    }
                    text.append(delta);
                  }
                })
            .build();
    CompletableFuture<Void> call =
        client.invokeModelWithResponseStream(
            Workload.streamRequest(body),
            InvokeModelWithResponseStreamResponseHandler.builder().subscriber(visitor).build());
    call.get(60, TimeUnit.SECONDS);
    done[i] = System.nanoTime() - t0;
    if (n[0] == 0) {
      throw new IllegalStateException("raw stream gave no deltas");
    }
    return n[0];
  }

  /**
   * Ours through the Flow.Publisher: events arrive on the SDK's thread, as the raw visitor's chunks
   * do.
   */
  static int publisher(
      BedrockGenerationClient client, GenerationRequest request, long[] first, long[] done, int i)
      throws InterruptedException, ExecutionException, TimeoutException {
    long t0 = System.nanoTime();
    int[] n = {0};
    CompletableFuture<Void> end = new CompletableFuture<>();
    client
        .publisher(request)
        .subscribe(
            new java.util.concurrent.Flow.Subscriber<GenerationEvent>() {
              @Override
              public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(GenerationEvent e) {
                if (e instanceof GenerationEvent.TextDelta) {
                  if (n[0]++ == 0) {
                    first[i] = System.nanoTime() - t0;
                  }
                } else if (e instanceof GenerationEvent.Completed) {
                  done[i] = System.nanoTime() - t0;
                }
              }

              @Override
              public void onError(Throwable t) {
                end.completeExceptionally(t);
              }

              @Override
              public void onComplete() {
                end.complete(null);
              }
            });
    end.get(60, TimeUnit.SECONDS);
    if (n[0] == 0 || done[i] == 0) {
      throw new IllegalStateException(
          "our publisher gave " + n[0] + " deltas, completed=" + (done[i] != 0));
    }
    return n[0];
  }

  /** The text of a Claude Messages stream chunk, or null for chunks that carry none. */
  static @Nullable String claudeDelta(byte[] chunk) {
    try {
      JsonNode node = Workload.JSON.readTree(chunk);
      if ("content_block_delta".equals(node.path("type").asText())) {
        return node.path("delta").path("text").asText();
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
