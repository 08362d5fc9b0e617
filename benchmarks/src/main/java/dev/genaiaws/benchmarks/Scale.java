package dev.genaiaws.benchmarks;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.testkit.BedrockEmulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.reactivestreams.FlowAdapters;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * Many callers (issue items 5 and 6): sync {@code generate} on a bounded pool of 64 and 256 threads
 * and async with 64 and 256 calls in flight, ours against the raw clients, alternating in {@link
 * #SEGMENTS} segments each (raw, ours, ours, raw, ...). Besides calls per second (which the
 * emulator's 8 worker threads on the same cores cap), each sync point reports the callers' own CPU
 * and allocation per call (summed over the pool's threads with {@code ThreadMXBean}) and the TCP
 * connections opened per call. Then the heap each in-flight stream holds: N streams opened, each
 * read to its first text delta and left open, the live bytes of the JVM's class histogram ({@link
 * LiveHeap}) against before, divided by N.
 */
final class Scale {
  /**
   * One point: each variant's calls per second, and for sync points the pool threads' CPU µs per
   * call, the bytes they allocated per call, and the TCP connections opened per call (NaN where not
   * measured).
   */
  record Row(
      String mode,
      int callers,
      Spread rawPerSecond,
      Spread oursPerSecond,
      Spread rawCpuMicros,
      Spread oursCpuMicros,
      double rawBytes,
      double oursBytes,
      double rawConnections,
      double oursConnections) {

    double throughputRatio() {
      return oursPerSecond.median() / rawPerSecond.median();
    }

    double cpuRatio() {
      return oursCpuMicros.median() / rawCpuMicros.median();
    }
  }

  /** A variant's median over its segments, and the smallest and largest segment. */
  record Spread(double median, double min, double max) {
    static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN);

    static Spread of(double[][] segments, int column) {
      double[] v = new double[segments.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = segments[i][column];
      }
      java.util.Arrays.sort(v);
      return new Spread(v[v.length / 2], v[0], v[v.length - 1]);
    }

    /** Whether the two variants' segments overlap: one's worst is not clear of the other's. */
    boolean overlaps(Spread other) {
      return min <= other.max && other.min <= max;
    }
  }

  /**
   * Segments per variant at each point, alternated (raw, ours, ours, raw, ...): with two each the
   * same code measured 0.76 and 1.00 × raw in consecutive runs, and with three the 256-caller
   * figures still moved by 10 % between runs; the median of five is steadier, and the segments'
   * range is printed beside it.
   */
  static final int SEGMENTS = 5;

  /**
   * Live heap per open stream: the median of three measurements, their smallest and largest, the
   * median measurement's bytes by owner for all {@code streams} streams, and the median of what was
   * left per stream once they were closed.
   */
  record StreamMemory(
      String variant,
      int streams,
      double bytesPerStream,
      double min,
      double max,
      LiveHeap byOwner,
      double leftPerStream) {}

  /** One measurement of N streams: the live heap they held open, and what was left once closed. */
  record StreamSample(LiveHeap held, LiveHeap left) {}

  /** N streams opened; closing the result closes them. */
  @FunctionalInterface
  interface StreamBatch {
    AutoCloseable open() throws Exception;
  }

  /** How long closed streams are left before a heap reading: their teardown runs on SDK threads. */
  static final long QUIET_MILLIS = 3000;

  /**
   * Streams read to their end on each fresh client before a measurement: on this 2-core machine
   * twice its event-loop threads (Netty's default: 2 per core), so that each of them has started.
   */
  static final int WARM_STREAMS = 8;

  /**
   * Where the pool's callers waited (JFR {@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark},
   * every event): the site (first frames outside the lock classes), total ms over the callers, and
   * whether a genai-aws frame is in it.
   */
  record WaitSite(String variant, String site, double millis, double share, boolean ours) {}

  record Result(List<Row> rows, List<StreamMemory> memory, List<WaitSite> waits) {}

  /**
   * The answer's length the stream prompt asks the emulator for: a few hundred events, far more
   * than the 32 either side asks for, so every stream is still open mid-answer when the heap is
   * read, and small enough (~60 KB) that the rest of it fits in the loopback socket's buffers, so
   * the emulator's worker threads are not held. (Without it the emulator writes 30–60 words, and
   * the streams had ended before the reading.)
   */
  static final int STREAM_WORDS = 300;

  /** Room for {@link #STREAM_WORDS}. */
  static final int STREAM_MAX_TOKENS = 2048;

  /**
   * Streams held open at once, over an async SDK client whose connection limit ({@code
   * maxConcurrency}, default 50) is raised above it; ours is given such a client, so both sides
   * hold the same kind of SDK and Netty state.
   */
  static final int STREAMS = 150;

  /** The name prefix of the pool's caller threads. */
  private static final String CALLER = "scale-caller-";

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Scale() {}

  static Result run(BedrockEmulator emulator, long millisPerPoint) throws Exception {
    String prompt = Workload.Size.SMALL.prompt;
    List<Row> rows = new ArrayList<>();
    List<StreamMemory> memory = new ArrayList<>();
    List<WaitSite> waits = new ArrayList<>();
    try (BedrockGenerationClient ours = Workload.ours(emulator.endpoint());
        BedrockRuntimeClient raw = Workload.rawSync(emulator.endpoint());
        BedrockRuntimeAsyncClient rawAsync = Workload.rawAsync(emulator.endpoint())) {
      Concurrency.Calls calls = Concurrency.Calls.of(ours, raw, rawAsync);
      Runnable oursSync = calls.oursSync();
      Runnable rawSync = calls.rawSync();
      Supplier<CompletableFuture<?>> oursAsync = calls.oursAsync();
      Supplier<CompletableFuture<?>> rawAsyncCall = calls.rawAsync();
      pool(rawSync, 8, 1500);
      pool(oursSync, 8, 1500);
      Concurrency.async(rawAsyncCall, 8, 1500);
      Concurrency.async(oursAsync, 8, 1500);
      emulator.reset();
      for (int callers : new int[] {64, 256}) {
        long segment = millisPerPoint / SEGMENTS;
        double[][] r = new double[SEGMENTS][];
        double[][] o = new double[SEGMENTS][];
        for (int i = 0; i < 2 * SEGMENTS; i++) {
          if (oursTurn(i)) {
            o[i / 2] = pool(oursSync, callers, segment);
          } else {
            r[i / 2] = pool(rawSync, callers, segment);
          }
        }
        rows.add(
            new Row(
                "sync, bounded pool",
                callers,
                Spread.of(r, 0),
                Spread.of(o, 0),
                Spread.of(r, 1),
                Spread.of(o, 1),
                Spread.of(r, 2).median(),
                Spread.of(o, 2).median(),
                Spread.of(r, 3).median(),
                Spread.of(o, 3).median()));
        emulator.reset();
        double[][] a = new double[SEGMENTS][];
        double[][] b = new double[SEGMENTS][];
        for (int i = 0; i < 2 * SEGMENTS; i++) {
          if (oursTurn(i)) {
            b[i / 2] = new double[] {Concurrency.async(oursAsync, callers, segment)};
          } else {
            a[i / 2] = new double[] {Concurrency.async(rawAsyncCall, callers, segment)};
          }
        }
        rows.add(
            new Row(
                "async in flight",
                callers,
                Spread.of(a, 0),
                Spread.of(b, 0),
                Spread.NONE,
                Spread.NONE,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN));
        emulator.reset();
      }
      Log.log("scale: %s", rows);
      // where 64 sync callers wait, ours and raw, each under a JFR recording of every lock and park
      waits.addAll(waits("raw", rawSync, 64, millisPerPoint / 2));
      waits.addAll(waits("ours", oursSync, 64, millisPerPoint / 2));
      emulator.reset();
      Log.log("wait sites: %s", waits);
    }
    // a long answer (more events than either side's demand), so that every stream stays open
    // mid-answer
    String streamPrompt = prompt + " Answer in " + STREAM_WORDS + " words.";
    byte[] body = Workload.claudeBody(streamPrompt, STREAM_MAX_TOKENS);
    GenerationRequest streamRequest = Workload.request(streamPrompt, STREAM_MAX_TOKENS);
    // a first pass of each grows the SDK's and Netty's shared pools once
    sample(emulator, false, body, streamRequest);
    sample(emulator, true, body, streamRequest);
    // alternate (raw, ours, ours, raw, raw, ours) and take each variant's median of three
    StreamSample[] r = new StreamSample[3];
    StreamSample[] o = new StreamSample[3];
    r[0] = sample(emulator, false, body, streamRequest);
    o[0] = sample(emulator, true, body, streamRequest);
    o[1] = sample(emulator, true, body, streamRequest);
    r[1] = sample(emulator, false, body, streamRequest);
    r[2] = sample(emulator, false, body, streamRequest);
    o[2] = sample(emulator, true, body, streamRequest);
    Log.log(
        "stream memory samples (live bytes for %d streams): raw %s; ours %s",
        STREAMS, java.util.Arrays.toString(r), java.util.Arrays.toString(o));
    memory.add(
        streamMemory(
            "raw invokeModelWithResponseStream, subscriber that requested 32 chunks; closed by cancelling"
                + " its subscription",
            r));
    memory.add(
        streamMemory("genai-aws stream(), read to the first TextDelta; closed with close()", o));
    emulator.reset();
    Log.log("stream memory: %s", memory);
    return new Result(rows, memory, waits);
  }

  /**
   * Whether segment {@code i} of a point is ours': raw, ours, ours, raw, raw, ours, ..., so that
   * each variant runs as often early in a point as late.
   */
  private static boolean oursTurn(int i) {
    return i % 4 == 1 || i % 4 == 2;
  }

  /**
   * {@code threads} pool threads each calling in a loop: calls per second, the pool threads' CPU µs
   * and allocated bytes per call, and TCP connections opened per call (NaN off Linux).
   */
  static double[] pool(Runnable call, int threads, long millis) throws Exception {
    java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, r -> new Thread(r, CALLER + ids.incrementAndGet()));
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Future<long[]>> parts = new ArrayList<>();
      long opened0 = activeOpens();
      long t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        parts.add(
            pool.submit(
                () -> {
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
                  return new long[] {
                    n,
                    THREADS.getCurrentThreadCpuTime() - c0,
                    THREADS.getThreadAllocatedBytes(tid) - a0
                  };
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
      long opened1 = activeOpens();
      if (failure.get() != null) {
        throw new IllegalStateException("a call failed", failure.get());
      }
      double connections =
          opened0 < 0 || opened1 < 0 ? Double.NaN : (opened1 - opened0) / (double) calls;
      return new double[] {
        calls / seconds, cpu / 1000.0 / calls, bytes / (double) calls, connections
      };
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * TCP connections this network namespace has opened so far (the kernel's {@code ActiveOpens}
   * counter in {@code /proc/net/snmp}), or -1 where it cannot be read. During a sync point only the
   * pool's callers open connections (the emulator only accepts them).
   */
  static long activeOpens() {
    try {
      String[] header = null;
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp"))) {
        if (!line.startsWith("Tcp:")) {
          continue;
        }
        String[] fields = line.trim().split("\\s+");
        if (header == null) {
          header = fields;
          continue;
        }
        for (int i = 0; i < header.length && i < fields.length; i++) {
          if (header[i].equals("ActiveOpens")) {
            return Long.parseLong(fields[i]);
          }
        }
      }
      return -1;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The top sites where {@code threads} sync callers blocked or parked, from an in-process JFR
   * recording.
   */
  static List<WaitSite> waits(String variant, Runnable call, int threads, long millis)
      throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("scale-locks-", ".jfr");
    java.util.Map<String, Double> sites = new java.util.HashMap<>();
    java.util.Set<String> ours = new java.util.HashSet<>();
    double total = 0;
    try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
      recording
          .enable("jdk.JavaMonitorEnter")
          .withThreshold(java.time.Duration.ZERO)
          .withStackTrace();
      recording.enable("jdk.ThreadPark").withThreshold(java.time.Duration.ZERO).withStackTrace();
      recording.start();
      pool(call, threads, millis);
      recording.stop();
      recording.dump(file);
    }
    try {
      for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
        jdk.jfr.consumer.RecordedThread t = e.getThread();
        if (t == null
            || t.getJavaName() == null
            || !t.getJavaName().startsWith(CALLER)
            || e.getStackTrace() == null) {
          continue;
        }
        StringBuilder site = new StringBuilder();
        boolean idle = false;
        boolean isOurs = false;
        int shown = 0;
        for (jdk.jfr.consumer.RecordedFrame f : e.getStackTrace().getFrames()) {
          String c = f.getMethod().getType().getName();
          if (c.startsWith("java.util.concurrent.locks") || c.startsWith("jdk.internal")) {
            continue;
          }
          if (shown == 0
              && (c.startsWith("java.util.concurrent.ThreadPoolExecutor")
                  || c.startsWith("java.util.concurrent.LinkedBlockingQueue")
                  || c.startsWith("java.util.concurrent.ForkJoin"))) {
            idle =
                true; // a pool thread done with its task, waiting for shutdown: not a call's wait
            break;
          }
          isOurs |= c.startsWith("dev.genaiaws.") && !c.startsWith("dev.genaiaws.benchmarks.");
          site.append(shown == 0 ? "" : " < ")
              .append(c.substring(c.lastIndexOf('.') + 1))
              .append('.')
              .append(f.getMethod().getName());
          if (++shown == 3) {
            break;
          }
        }
        if (idle) {
          continue;
        }
        double ms = e.getDuration().toNanos() / 1e6;
        total += ms;
        sites.merge(site.toString(), ms, Double::sum);
        if (isOurs) {
          ours.add(site.toString());
        }
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
    double sum = total;
    return sites.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(6)
        .map(
            en ->
                new WaitSite(
                    variant,
                    en.getKey(),
                    en.getValue(),
                    en.getValue() / sum,
                    ours.contains(en.getKey())))
        .toList();
  }

  /** The median of three measurements of {@code STREAMS} streams, per stream. */
  private static StreamMemory streamMemory(String variant, StreamSample[] samples) {
    StreamSample[] sorted = samples.clone();
    java.util.Arrays.sort(sorted, java.util.Comparator.comparingLong(x -> x.held().total()));
    long[] left = new long[samples.length];
    for (int i = 0; i < samples.length; i++) {
      left[i] = samples[i].left().total();
    }
    java.util.Arrays.sort(left);
    return new StreamMemory(
        variant,
        STREAMS,
        sorted[1].held().total() / (double) STREAMS,
        sorted[0].held().total() / (double) STREAMS,
        sorted[2].held().total() / (double) STREAMS,
        sorted[1].held(),
        left[1] / (double) STREAMS);
  }

  /**
   * One measurement, on an SDK async client of its own (ours given it) whose connection limit
   * ({@code maxConcurrency}, default 50) is raised above the stream count: the live heap with
   * {@code STREAMS} streams open against before them, and {@code QUIET_MILLIS} after they were
   * closed against before them. The client is first warmed with {@code WARM_STREAMS} streams read
   * to their end (every event-loop thread started, their connections idle in the pool); the
   * emulator forgets its recorded requests before each reading, so that they are not counted. A
   * fresh client each time: the connections of raw streams closed before stay in the pool with what
   * they held until new streams reuse them (see the report).
   */
  private static StreamSample sample(
      BedrockEmulator emulator, boolean oursVariant, byte[] body, GenerationRequest request)
      throws Exception {
    try (BedrockRuntimeAsyncClient client =
            Workload.rawAsync(emulator.endpoint(), STREAMS + WARM_STREAMS);
        BedrockGenerationClient ours =
            BedrockGenerationClient.builder()
                .region(Workload.REGION)
                .credentialsProvider(Workload.CREDENTIALS)
                .endpointOverride(emulator.endpoint())
                .asyncClient(client)
                .build()) {
      StreamBatch batch =
          oursVariant
              ? () -> oursStreams(ours, request, STREAMS)
              : () -> rawStreams(client, body, STREAMS);
      // all in flight at once (a stream is sent when it is made), each on a connection of its own
      if (oursVariant) {
        List<GenerationStream> warm = new ArrayList<>();
        for (int i = 0; i < WARM_STREAMS; i++) {
          warm.add(ours.stream(request));
        }
        for (GenerationStream s : warm) {
          try (s) {
            s.forEach(e -> {});
          }
        }
      } else {
        List<CompletableFuture<Void>> warm = new ArrayList<>();
        for (int i = 0; i < WARM_STREAMS; i++) {
          warm.add(rawToEnd(client, body));
        }
        CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
      Thread.sleep(QUIET_MILLIS);
      emulator.reset();
      LiveHeap before = LiveHeap.settled();
      LiveHeap held = whileOpen(emulator, batch).minus(before);
      Thread.sleep(QUIET_MILLIS);
      emulator.reset();
      return new StreamSample(held, LiveHeap.settled().minus(before));
    }
  }

  /** A raw stream read to its end. */
  private static CompletableFuture<Void> rawToEnd(BedrockRuntimeAsyncClient client, byte[] body) {
    return client.invokeModelWithResponseStream(
        Workload.streamRequest(body),
        InvokeModelWithResponseStreamResponseHandler.builder()
            .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().build())
            .build());
  }

  /**
   * The live heap with the batch's streams open. They are closed when it returns, and no longer
   * reachable from the caller's frame (a local still in scope there kept 150 closed streams alive).
   */
  private static LiveHeap whileOpen(BedrockEmulator emulator, StreamBatch batch) throws Exception {
    AutoCloseable open = batch.open();
    try {
      emulator.reset();
      return LiveHeap.settled();
    } finally {
      open.close();
    }
  }

  /** Opens {@code n} streams of ours, each read to its first text delta. */
  private static AutoCloseable oursStreams(
      BedrockGenerationClient client, GenerationRequest request, int n) {
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
    } catch (RuntimeException e) {
      open.forEach(GenerationStream::close);
      throw e;
    }
    return () -> open.forEach(GenerationStream::close);
  }

  /**
   * Opens {@code n} raw streams, each with a subscriber that asked for as many chunks as ours'
   * stream() does and has seen the first.
   */
  private static AutoCloseable rawStreams(BedrockRuntimeAsyncClient client, byte[] body, int n)
      throws Exception {
    // one holder per stream, captured by that stream's subscriber alone: a list shared by all the
    // subscribers let the SDK's hold on any one of them keep every stream's state alive
    List<AtomicReference<Flow.Subscription>> open = new ArrayList<>();
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    AutoCloseable close =
        () -> {
          // closed after the heap was read: every stream must still have been mid-answer then
          long ended = calls.stream().filter(CompletableFuture::isDone).count();
          for (AtomicReference<Flow.Subscription> s : open) {
            Flow.Subscription subscription = s.getAndSet(null);
            if (subscription != null) {
              subscription.cancel();
            }
          }
          for (CompletableFuture<Void> c : calls) {
            try {
              c.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
              // cancelled streams end exceptionally: expected
            }
          }
          if (ended > 0) {
            throw new IllegalStateException(
                ended
                    + " raw streams had ended before they were closed: the answer must be longer"
                    + " than the subscriber's demand");
          }
        };
    try {
      for (int i = 0; i < n; i++) {
        CompletableFuture<Void> first = new CompletableFuture<>();
        AtomicReference<Flow.Subscription> held = new AtomicReference<>();
        open.add(held);
        calls.add(
            client.invokeModelWithResponseStream(
                Workload.streamRequest(body),
                InvokeModelWithResponseStreamResponseHandler.builder()
                    .subscriber(() -> FlowAdapters.toSubscriber(firstOnly(held, first)))
                    .build()));
        first.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      close.close();
      throw e;
    }
    return close;
  }

  /**
   * A subscriber that asks for as many events as ours' stream() buffers, keeps its subscription in
   * {@code held} and completes {@code first} with the first event.
   */
  private static Flow.Subscriber<ResponseStream> firstOnly(
      AtomicReference<Flow.Subscription> held, CompletableFuture<Void> first) {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        held.set(s);
        s.request(GenerationStream.DEFAULT_BUFFER_SIZE);
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
    };
  }
}
