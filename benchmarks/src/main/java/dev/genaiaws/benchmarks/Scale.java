package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.testkit.BedrockEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * Many callers (issue items 5 and 6): sync {@code generate} on a bounded pool of 64 and 256 threads and async with
 * 64 and 256 calls in flight, ours against the raw clients, alternating (raw, ours, ours, raw). Besides calls per
 * second (which the emulator's 8 worker threads on the same cores cap), each sync point reports the callers' own
 * CPU and allocation per call (summed over the pool's threads with {@code ThreadMXBean}), which load does not
 * skew. Then the heap each in-flight stream holds: N streams opened, each read to its first text delta and left
 * open, heap after a full GC against before, divided by N.
 */
final class Scale {
  record Row(String mode, int callers, double rawPerSecond, double oursPerSecond, double rawCpuMicros,
      double oursCpuMicros, double rawBytes, double oursBytes) {}

  record StreamMemory(String variant, int streams, double bytesPerStream) {}

  record Result(List<Row> rows, List<StreamMemory> memory) {}

  /** Streams held open at once: below the SDK Netty client's default of 50 connections (maxConcurrency). */
  static final int STREAMS = 40;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Scale() {}

  static Result run(BedrockEmulator emulator, long millisPerPoint) throws Exception {
    String prompt = Workload.Size.SMALL.prompt;
    GenerationRequest request = Workload.request(prompt, Workload.MAX_TOKENS);
    List<Row> rows = new ArrayList<>();
    List<StreamMemory> memory = new ArrayList<>();
    try (BedrockGenerationClient ours = Workload.ours(emulator.endpoint());
        BedrockRuntimeClient raw = Workload.rawSync(emulator.endpoint());
        BedrockRuntimeAsyncClient rawAsync = Workload.rawAsync(emulator.endpoint())) {
      Runnable oursSync = () -> ours.generate(request).text();
      Runnable rawSync = () -> Workload.claudeText(raw.invokeModel(b -> b.modelId(Workload.MODEL_ID)
          .contentType("application/json").accept("application/json")
          .body(SdkBytes.fromByteArrayUnsafe(Workload.claudeBody(prompt, Workload.MAX_TOKENS))))
          .body().asByteArrayUnsafe());
      Supplier<CompletableFuture<?>> oursAsync = () -> ours.generateAsync(request).thenApply(r -> r.text());
      Supplier<CompletableFuture<?>> rawAsyncCall = () -> rawAsync.invokeModel(b -> b.modelId(Workload.MODEL_ID)
              .contentType("application/json").accept("application/json")
              .body(SdkBytes.fromByteArrayUnsafe(Workload.claudeBody(prompt, Workload.MAX_TOKENS))))
          .thenApply(r -> Workload.claudeText(r.body().asByteArrayUnsafe()));
      pool(rawSync, 8, 1500);
      pool(oursSync, 8, 1500);
      Concurrency.async(rawAsyncCall, 8, 1500);
      Concurrency.async(oursAsync, 8, 1500);
      emulator.reset();
      for (int callers : new int[] {64, 256}) {
        double[] r1 = pool(rawSync, callers, millisPerPoint / 2);
        double[] o1 = pool(oursSync, callers, millisPerPoint / 2);
        double[] o2 = pool(oursSync, callers, millisPerPoint / 2);
        double[] r2 = pool(rawSync, callers, millisPerPoint / 2);
        rows.add(new Row("sync, bounded pool", callers, (r1[0] + r2[0]) / 2, (o1[0] + o2[0]) / 2,
            (r1[1] + r2[1]) / 2, (o1[1] + o2[1]) / 2, (r1[2] + r2[2]) / 2, (o1[2] + o2[2]) / 2));
        emulator.reset();
        double a1 = Concurrency.async(rawAsyncCall, callers, millisPerPoint / 2);
        double b1 = Concurrency.async(oursAsync, callers, millisPerPoint / 2);
        double b2 = Concurrency.async(oursAsync, callers, millisPerPoint / 2);
        double a2 = Concurrency.async(rawAsyncCall, callers, millisPerPoint / 2);
        rows.add(new Row("async in flight", callers, (a1 + a2) / 2, (b1 + b2) / 2, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN));
        emulator.reset();
      }
      Log.log("scale: %s", rows);
      byte[] body = Workload.claudeBody(prompt, Streaming.MAX_TOKENS);
      GenerationRequest streamRequest = Workload.request(prompt, Streaming.MAX_TOKENS);
      for (int i = 0; i < 2; i++) { // warm both paths, then measure each twice and keep the smaller
        rawStreams(rawAsync, body, 4);
        oursStreams(ours, streamRequest, 4);
      }
      double rawPer = Math.min(rawStreams(rawAsync, body, STREAMS), rawStreams(rawAsync, body, STREAMS));
      double oursPer = Math.min(oursStreams(ours, streamRequest, STREAMS), oursStreams(ours, streamRequest, STREAMS));
      memory.add(new StreamMemory("raw invokeModelWithResponseStream, subscriber that requested one chunk", STREAMS,
          rawPer));
      memory.add(new StreamMemory("genai-aws stream(), read to the first TextDelta", STREAMS, oursPer));
      emulator.reset();
      Log.log("stream memory: %s", memory);
    }
    return new Result(rows, memory);
  }

  /**
   * {@code threads} pool threads each calling in a loop: calls per second, and the pool threads' CPU µs and
   * allocated bytes per call.
   */
  static double[] pool(Runnable call, int threads, long millis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Future<long[]>> parts = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          long tid = Thread.currentThread().getId();
          long c0 = THREADS.getCurrentThreadCpuTime();
          long a0 = THREADS.getThreadAllocatedBytes(tid);
          long n = 0;
          try {
            while (System.nanoTime() < deadline && failure.get() == null) {
              call.run();
              n++;
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
          return new long[] {n, THREADS.getCurrentThreadCpuTime() - c0, THREADS.getThreadAllocatedBytes(tid) - a0};
        }));
      }
      long calls = 0;
      long cpu = 0;
      long bytes = 0;
      for (Future<long[]> f : parts) {
        long[] p = f.get();
        calls += p[0];
        cpu += p[1];
        bytes += p[2];
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (failure.get() != null) {
        throw new IllegalStateException("a call failed", failure.get());
      }
      return new double[] {calls / seconds, cpu / 1000.0 / calls, bytes / (double) calls};
    } finally {
      pool.shutdownNow();
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Heap bytes per open stream of ours, each read to its first text delta. */
  private static double oursStreams(BedrockGenerationClient client, GenerationRequest request, int n)
      throws Exception {
    long before = heapAfterGc();
    List<GenerationStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        GenerationStream s = client.stream(request);
        open.add(s);
        for (GenerationEvent e : s) {
          if (e instanceof GenerationEvent.TextDelta) {
            break;
          }
        }
      }
      long during = heapAfterGc();
      return (during - before) / (double) n;
    } finally {
      open.forEach(GenerationStream::close);
    }
  }

  /** Heap bytes per open raw stream whose subscriber requested one chunk and no more. */
  private static double rawStreams(BedrockRuntimeAsyncClient client, byte[] body, int n) throws Exception {
    long before = heapAfterGc();
    List<java.util.concurrent.Flow.Subscription> open = new ArrayList<>();
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        CompletableFuture<Void> first = new CompletableFuture<>();
        calls.add(client.invokeModelWithResponseStream(InvokeModelWithResponseStreamRequest.builder()
                .modelId(Workload.MODEL_ID).contentType("application/json").accept("application/json")
                .body(SdkBytes.fromByteArrayUnsafe(body)).build(),
            InvokeModelWithResponseStreamResponseHandler.builder().subscriber(() ->
                org.reactivestreams.FlowAdapters.toSubscriber(new java.util.concurrent.Flow.Subscriber<ResponseStream>() {
                  @Override
                  public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    synchronized (open) {
                      open.add(s);
                    }
                    s.request(1);
                  }

                  @Override
                  public void onNext(ResponseStream item) {
                    first.complete(null);
                  }

                  @Override
                  public void onError(Throwable t) {
                    first.completeExceptionally(t);
                  }

                  @Override
                  public void onComplete() {
                    first.complete(null);
                  }
                })).build()));
        first.get(60, TimeUnit.SECONDS);
      }
      long during = heapAfterGc();
      return (during - before) / (double) n;
    } finally {
      synchronized (open) {
        open.forEach(java.util.concurrent.Flow.Subscription::cancel);
      }
      for (CompletableFuture<Void> c : calls) {
        try {
          c.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          // cancelled streams end exceptionally: expected
        }
      }
    }
  }
}
