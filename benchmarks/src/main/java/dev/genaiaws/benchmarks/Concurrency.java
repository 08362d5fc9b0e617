package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Calls per second with 1, 8 and 64 concurrent callers, sync (one thread per caller) and async
 * (that many calls in flight), ours against the raw clients; then a leak check: threads and open
 * file descriptors before, after 10,000 calls, and after close.
 */
final class Concurrency {
  record Row(String mode, int callers, double rawPerSecond, double oursPerSecond) {}

  record LeakRow(String phase, int threads, int fds) {}

  /** The small-prompt call of each side, sync and async: what the many-callers stages run. */
  record Calls(
      Runnable oursSync,
      Runnable rawSync,
      Supplier<CompletableFuture<?>> oursAsync,
      Supplier<CompletableFuture<?>> rawAsync) {
    static Calls of(
        BedrockGenerationClient ours,
        BedrockRuntimeClient raw,
        BedrockRuntimeAsyncClient rawAsync) {
      String prompt = Workload.Size.SMALL.prompt;
      GenerationRequest request = Workload.request(prompt, Workload.MAX_TOKENS);
      return new Calls(
          () -> ours.generate(request).text(),
          () ->
              Workload.claudeText(
                  raw.invokeModel(
                          Workload.invokeRequest(Workload.claudeBody(prompt, Workload.MAX_TOKENS)))
                      .body()
                      .asByteArrayUnsafe()),
          () -> ours.generateAsync(request).thenApply(r -> r.text()),
          () ->
              rawAsync
                  .invokeModel(
                      Workload.invokeRequest(Workload.claudeBody(prompt, Workload.MAX_TOKENS)))
                  .thenApply(r -> Workload.claudeText(r.body().asByteArrayUnsafe())));
    }
  }

  private Concurrency() {}

  static List<Row> run(BedrockEmulator emulator, long millisPerPoint) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (BedrockGenerationClient ours = Workload.ours(emulator.endpoint());
        BedrockRuntimeClient raw = Workload.rawSync(emulator.endpoint());
        BedrockRuntimeAsyncClient rawAsync = Workload.rawAsync(emulator.endpoint())) {
      Calls calls = Calls.of(ours, raw, rawAsync);
      Runnable oursSync = calls.oursSync();
      Runnable rawSync = calls.rawSync();
      Supplier<CompletableFuture<?>> oursAsync = calls.oursAsync();
      Supplier<CompletableFuture<?>> rawAsyncCall = calls.rawAsync();
      // warm-up
      sync(rawSync, 8, 1500);
      sync(oursSync, 8, 1500);
      async(rawAsyncCall, 8, 1500);
      async(oursAsync, 8, 1500);
      emulator.reset();
      for (int callers : new int[] {1, 8, 64}) {
        // two alternating halves each, so drift in machine load hits both alike
        double r1 = sync(rawSync, callers, millisPerPoint / 2);
        double o1 = sync(oursSync, callers, millisPerPoint / 2);
        double o2 = sync(oursSync, callers, millisPerPoint / 2);
        double r2 = sync(rawSync, callers, millisPerPoint / 2);
        rows.add(new Row("sync", callers, (r1 + r2) / 2, (o1 + o2) / 2));
        emulator.reset();
        r1 = async(rawAsyncCall, callers, millisPerPoint / 2);
        o1 = async(oursAsync, callers, millisPerPoint / 2);
        o2 = async(oursAsync, callers, millisPerPoint / 2);
        r2 = async(rawAsyncCall, callers, millisPerPoint / 2);
        rows.add(new Row("async", callers, (r1 + r2) / 2, (o1 + o2) / 2));
        emulator.reset();
      }
    }
    Log.log("concurrency: %s", rows);
    return rows;
  }

  /** Calls per second with {@code threads} threads calling in a loop. */
  static double sync(Runnable call, int threads, long millis) throws InterruptedException {
    AtomicLong count = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    CountDownLatch done = new CountDownLatch(threads);
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < deadline && failure.get() == null) {
                    call.run();
                    count.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  done.countDown();
                }
              },
              "bench-caller-" + t);
      th.start();
    }
    done.await();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
    return count.get() / seconds;
  }

  /** Calls per second with {@code inFlight} async calls in flight at all times. */
  static double async(Supplier<CompletableFuture<?>> call, int inFlight, long millis)
      throws InterruptedException {
    AtomicLong count = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    Semaphore slots = new Semaphore(inFlight);
    long t0 = System.nanoTime();
    while (System.nanoTime() < deadline && failure.get() == null) {
      if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      var unused =
          call.get()
              .whenComplete(
                  (r, e) -> {
                    if (e != null) {
                      failure.compareAndSet(null, e);
                    } else {
                      count.incrementAndGet();
                    }
                    slots.release();
                  });
    }
    slots.acquire(inFlight); // drain
    double seconds = (System.nanoTime() - t0) / 1e9;
    slots.release(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
    return count.get() / seconds;
  }

  /**
   * Threads and fds before our client exists, after 10,000 sync + 10,000 async calls, and after
   * close.
   */
  static List<LeakRow> leaks(BedrockEmulator emulator, int calls) throws Exception {
    List<LeakRow> rows = new ArrayList<>();
    GenerationRequest request = Workload.request(Workload.Size.SMALL.prompt, Workload.MAX_TOKENS);
    settle();
    rows.add(new LeakRow("before the client is built", threads(), fds()));
    BedrockGenerationClient ours = Workload.ours(emulator.endpoint());
    manyCalls(ours, request, 200);
    emulator.reset();
    settle();
    rows.add(
        new LeakRow(
            "after a warm-up of 200 sync + 200 async calls (pools at full size)",
            threads(),
            fds()));
    manyCalls(ours, request, calls);
    emulator.reset();
    settle();
    rows.add(
        new LeakRow(
            "after " + calls + " sync (64 threads) + " + calls + " async (64 in flight) calls",
            threads(),
            fds()));
    ours.close();
    settle();
    rows.add(new LeakRow("after close()", threads(), fds()));
    Log.log("leaks: %s", rows);
    return rows;
  }

  private static void manyCalls(BedrockGenerationClient ours, GenerationRequest request, int calls)
      throws InterruptedException {
    AtomicInteger left = new AtomicInteger(calls);
    Runnable sync =
        () -> {
          if (left.getAndDecrement() > 0) {
            ours.generate(request);
          }
        };
    runCount(sync, 64, left);
    int leftAsync = calls;
    Semaphore slots = new Semaphore(64);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    while (leftAsync-- > 0) {
      slots.acquire();
      var unused =
          ours.generateAsync(request)
              .whenComplete(
                  (r, e) -> {
                    if (e != null) {
                      failure.compareAndSet(null, e);
                    }
                    slots.release();
                  });
    }
    slots.acquire(64);
    slots.release(64);
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
  }

  private static void runCount(Runnable call, int threads, AtomicInteger left)
      throws InterruptedException {
    List<Thread> started = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  while (left.get() > 0) {
                    call.run();
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "leak-caller-" + t);
      th.start();
      started.add(th);
    }
    for (Thread th : started) {
      th.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
  }

  /**
   * Gives idle pools and closed sockets time to go away (keep-alive and pool idle times are
   * seconds).
   */
  private static void settle() throws InterruptedException {
    System.gc();
    Thread.sleep(6000);
    System.gc();
    Thread.sleep(500);
  }

  static int threads() {
    return Thread.activeCount() > 0
        ? java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount()
        : 0;
  }

  static int fds() {
    String[] list = new File("/proc/self/fd").list();
    return list == null ? -1 : list.length;
  }
}
