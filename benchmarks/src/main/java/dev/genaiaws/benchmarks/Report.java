package dev.genaiaws.benchmarks;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes {@code docs/benchmarks.md} and its charts from one run's results. */
final class Report {
  record Inputs(
      String machine,
      String command,
      double minutes,
      String loadBefore,
      String loadAfter,
      List<Overhead.Row> overhead,
      List<InProcess.Row> inProcess,
      List<CallerSplit.Row> split,
      List<Overhead.Row> telemetry,
      List<CodecRuns.Row> codecs,
      List<Streaming.Row> streaming,
      List<Streaming.Row> converseStreaming,
      List<Concurrency.Row> concurrency,
      List<Concurrency.LeakRow> leaks,
      Scale.Result scale,
      ColdStart.Result coldStart,
      List<LayerSize.Row> layers,
      List<String> notes,
      @Nullable String handNotes) {}

  private Report() {}

  /**
   * Section 1a's second table: the calling thread's CPU over HTTP, inside the SDK and around it.
   */
  static void callerSplit(StringBuilder md, List<CallerSplit.Row> split) {
    md.append(
        "Over HTTP, the calling thread's CPU per small call split at the AWS SDK call: each variant calls through a"
            + " client that wraps the same url-connection SDK client and reads the thread's CPU clock as the SDK call"
            + " starts and ends (ours is given that client). *Before*: building the request and its body; *after*:"
            + " reading the answer. Every variant first makes "
            + f("%,d", CallerSplit.WARM_CALLS)
            + " calls (the JIT's steady state), then they alternate call by call; medians. The same code costs"
            + " more per call here than in the table above: between calls the core ran the SDK's I/O and the"
            + " emulator, so less of it is in the caches. *Wall time* is the call's elapsed time. The two"
            + " rows on the SDK's Apache 5 client (`apache5-client`) make the same calls through it. The"
            + " url-connection client (every other row, and what the builders build: the smaller layer and"
            + " the faster cold start) probes a reused connection before each POST with a read of up to 1 ms"
            + " (the JDK's `sun.net.www.http.HttpClient.available()`, a `SocketTimeoutException` on nearly"
            + " every call), which is most of the difference in wall time.\n\n| variant | API | wall time | caller CPU | in the SDK call |"
            + " before it | after it | before + after, × raw |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (CallerSplit.Row r : split) {
      CallerSplit.Row raw =
          split.stream()
              .filter(x -> x.api().equals(r.api()) && x.label().startsWith("raw"))
              .findFirst()
              .orElse(r);
      md.append(
          f(
              "| %s | %s | %.0f µs | %.1f µs | %.1f µs | %.1f µs | %.1f µs | %.2f |\n",
              r.label(),
              r.api(),
              r.wall(),
              r.total(),
              r.sdk(),
              r.before(),
              r.after(),
              (r.before() + r.after()) / (raw.before() + raw.after())));
    }
    md.append("\n");
    parts(md, split);
  }

  /** What ours' own work on InvokeModel is made of, from the split's (f) and (g) variants. */
  private static void parts(StringBuilder md, List<CallerSplit.Row> split) {
    CallerSplit.Row raw = row(split, "raw SDK invokeModel (a)");
    CallerSplit.Row ours = row(split, "genai-aws generate (b)");
    CallerSplit.Row requestAndCodec = row(split, CallerSplit.REQUEST_AND_CODEC);
    CallerSplit.Row codec = row(split, CallerSplit.CODEC_ONLY);
    if (raw == null || ours == null || requestAndCodec == null || codec == null) {
      return;
    }
    md.append(
        "What ours adds to the raw call on InvokeModel, taken apart with (f) and (g): differences of the"
            + " medians above, outside the SDK call (before + after) and in all (the SDK call included, where"
            + " what runs around it shows as colder caches).\n\n| part | what it does | outside the SDK call |"
            + " caller CPU, all |\n|---|---|---:|---:|\n");
    part(
        md,
        "the codec, (g) − (a)",
        "Claude Messages body written through a Jackson tree; the answer read into typed blocks, stop"
            + " reason, usage and the raw body",
        codec,
        raw);
    part(
        md,
        "the request value, (f) − (g)",
        "`GenerationRequest` and `InferenceConfig` built and checked",
        requestAndCodec,
        codec);
    part(
        md,
        "the runtime, (b) − (f)",
        "codec resolution, parameter check, retry layer, SDK request and answer mapping (header usage,"
            + " request id, attributes), metadata",
        ours,
        requestAndCodec);
    part(md, "in all, (b) − (a)", "", ours, raw);
    md.append("\n");
  }

  private static void part(
      StringBuilder md, String name, String what, CallerSplit.Row a, CallerSplit.Row b) {
    md.append(
        f(
            "| %s | %s | %+.1f µs | %+.1f µs |\n",
            name, what, a.before() + a.after() - b.before() - b.after(), a.total() - b.total()));
  }

  private static CallerSplit.@Nullable Row row(List<CallerSplit.Row> split, String labelPrefix) {
    return split.stream().filter(r -> r.label().startsWith(labelPrefix)).findFirst().orElse(null);
  }

  static String kb(long bytes) {
    return bytes >= 1024 * 1024 ? f("%.1f MiB", bytes / 1048576.0) : f("%.0f KiB", bytes / 1024.0);
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String verdict(double ratio, double target) {
    return ratio <= target ? "met" : f("**missed** by %.1f%%", (ratio / target - 1) * 100);
  }

  static void write(Path docs, Inputs in) throws IOException {
    Files.createDirectories(docs);
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append(
        "What genai-aws costs on top of the raw AWS SDK, next to LangChain4j and Spring AI, measured side by"
            + " side in one run against the same loopback `BedrockEmulator` (testkit). The emulator answers in"
            + " microseconds, so every number here is the client side's cost: against the real service the model's"
            + " seconds dwarf it. Targets that were missed are reported as missed, with what costs the time.\n\n"
            + "The harness JVM runs with `-Dsun.net.httpserver.nodelay=true`: the emulator is the JDK's `HttpServer`,"
            + " which otherwise leaves Nagle's algorithm on, and most loopback calls then wait ~40 ms for a delayed ACK"
            + " (measured: ~50 ms per call for every variant alike, which hides every client-side cost). It is a"
            + " setting of the emulator's server, the same for every variant; the clients are untouched.\n\n");
    md.append("*Generated by `")
        .append(in.command())
        .append("` (")
        .append(f("%.1f", in.minutes()))
        .append(
            " minutes). Do not edit by hand: the hand-written reading of the numbers is"
                + " `benchmarks/NOTES.md`, copied in below.*\n\n");
    md.append("## Machine\n\n").append(in.machine()).append("\n");
    md.append("- load average (1, 5, 15 min) before the run: ")
        .append(in.loadBefore())
        .append("; after: ")
        .append(in.loadAfter())
        .append("\n");
    md.append(
        "- this is a shared 2-core machine: other builds ran during the run, so absolute numbers are noisy;"
            + " every comparison interleaves its variants so that load hits them alike, and reports medians.\n\n");
    for (String n : in.notes()) {
      md.append("> ").append(n).append("\n\n");
    }

    targets(md, in);

    // ---------------------------------------------------------------- overhead
    md.append("## 1. Per-call overhead (sync, one caller)\n\n");
    md.append(
        f(
            "Claude 3 Haiku (`%s`), `maxTokens` %d so the answer is the same size for every prompt; small prompt"
                + " %d words, large prompt %d words. Every variant uses a url-connection `BedrockRuntimeClient` with SDK"
                + " retries off (the client ours builds); ours runs with its default `RetryPolicy` (resilience4j) around it."
                + " Time: median over interleaved rounds of the per-call mean (p25–p75 in brackets). Allocation: bytes"
                + " allocated by the calling thread per call (`ThreadMXBean.getThreadAllocatedBytes`; the emulator's"
                + " threads are not counted). *Caller CPU*: CPU time of the calling thread per call"
                + " (`getCurrentThreadCpuTime`); with the url-connection client the calling thread does all of the client's"
                + " work (building, signing, marshalling, socket I/O, parsing), so this is the client-side cost without the"
                + " emulator's and without waiting, and the column least disturbed by other load. Ratios are to (a); *best"
                + " round* compares the fastest round of each variant.\n\n",
            Workload.MODEL_ID,
            Workload.MAX_TOKENS,
            Workload.Size.SMALL.words,
            Workload.Size.LARGE.words));
    md.append(
        "| prompt | variant | API | time / call | × (a) | best round × (a) | caller CPU / call | × (a) |"
            + " allocated / call | × (a) |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Workload.Size size : Workload.Size.values()) {
      Overhead.Row base = find(in.overhead(), size, "raw");
      for (Overhead.Row r : in.overhead()) {
        if (r.size() != size) {
          continue;
        }
        md.append(
            f(
                "| %s | %s | %s | %.0f µs [%.0f–%.0f] | %.3f | %.3f | %.0f µs | %.3f | %s | %.3f |\n",
                size.name().toLowerCase(Locale.ROOT),
                r.label(),
                r.api(),
                r.microsPerCall(),
                r.p25Micros(),
                r.p75Micros(),
                r.microsPerCall() / base.microsPerCall(),
                r.minMicros() / base.minMicros(),
                r.cpuMicrosPerCall(),
                r.cpuMicrosPerCall() / base.cpuMicrosPerCall(),
                kb((long) r.bytesPerCall()),
                r.bytesPerCall() / base.bytesPerCall()));
      }
    }
    md.append(
        "\nTargets for ours (b) against (a):\n\n| prompt | time × (a) (target ≤ 1.02) | | caller CPU × (a)"
            + " (target ≤ 1.02) | | allocation × (a) |\n|---|---:|---|---:|---|---:|\n");
    for (Workload.Size size : Workload.Size.values()) {
      Overhead.Row base = find(in.overhead(), size, "raw");
      Overhead.Row ours = find(in.overhead(), size, "ours");
      double t = ours.microsPerCall() / base.microsPerCall();
      double c = ours.cpuMicrosPerCall() / base.cpuMicrosPerCall();
      double a = ours.bytesPerCall() / base.bytesPerCall();
      md.append(
          f(
              "| %s | %.3f | %s | %.3f | %s | %.3f |\n",
              size.name().toLowerCase(Locale.ROOT),
              t,
              verdict(t, TARGET_CALL),
              c,
              verdict(c, TARGET_CALL),
              a));
    }
    md.append(
        "\n![per-call time and allocation as ratios to the raw SDK](benchmarks-overhead.png)\n\n");
    overheadChart(docs.resolve("benchmarks-overhead.png"), in.overhead());

    md.append("### 1a. What ours adds, with the HTTP exchange taken out\n\n");
    md.append(
        f(
            "Every variant calls a `BedrockRuntimeClient` that hands back, at once, a response the emulator gave once"
                + " over real HTTP; so these are the calling thread's costs of building the request, encoding, decoding and"
                + " bookkeeping, without the SDK pipeline, signing and socket I/O that all variants share (the raw converse"
                + " row therefore shows only the building of the SDK request objects). Median of interleaved rounds of 20,000"
                + " calls. The *caches cold* rows make each API's two calls again, alternating call by call, with"
                + " %d MiB of memory walked before each call (eight times this machine's L2 cache per core, and more pages"
                + " than its TLB maps) and each call timed alone: the same code with cold caches and TLB, as between two"
                + " HTTP calls (median of %d rounds of %,d calls each). The *every cache cold* rows walk %d MiB instead,"
                + " sixteen times as much, so that more of what a call touches has left the last-level cache too, as it"
                + " may between two calls of one of many callers taking turns on few cores, and rotate four variants: raw, ours' codec alone around the same call (g), ours' request value"
                + " and codec (f) and ours' whole call, as in the split below (median of %d rounds of %,d calls). *Added* is ours minus the raw variant of the same"
                + " API (and the same caches); *share of a call* puts it against the raw SDK's caller CPU per loopback call"
                + " from the table above.\n\n| variant | caller CPU / call | allocated /"
                + " call | added CPU | added allocation | added CPU, share of a call |\n|---|---:|---:|---:|---:|---:|\n",
            InProcess.COLD_WALK_BYTES >> 20,
            InProcess.COLD_ROUNDS,
            InProcess.COLD_CALLS,
            InProcess.FULL_COLD_WALK_BYTES >> 20,
            InProcess.FULL_COLD_ROUNDS,
            InProcess.FULL_COLD_CALLS));
    Overhead.Row rawSmall = find(in.overhead(), Workload.Size.SMALL, "raw");
    for (InProcess.Row r : in.inProcess()) {
      String base =
          switch (r.key()) {
            case "ours" -> "raw";
            case "oursConverse" -> "rawConverse";
            case "oursCold" -> "rawCold";
            case "oursConverseCold" -> "rawConverseCold";
            case "codecFullCold", "requestCodecFullCold", "oursFullCold" -> "rawFullCold";
            default -> null;
          };
      InProcess.Row b =
          base == null
              ? null
              : in.inProcess().stream().filter(x -> x.key().equals(base)).findFirst().orElse(null);
      md.append(
          f(
              "| %s | %.2f µs | %s | %s | %s | %s |\n",
              r.label(),
              r.cpuMicros(),
              f("%,.0f B", r.bytes()),
              b == null ? "–" : f("%+.2f µs", r.cpuMicros() - b.cpuMicros()),
              b == null ? "–" : f("%+,.0f B", r.bytes() - b.bytes()),
              b == null
                  ? "–"
                  : f(
                      "%.1f%%",
                      (r.cpuMicros() - b.cpuMicros()) / rawSmall.cpuMicrosPerCall() * 100)));
    }
    md.append("\n");
    callerSplit(md, in.split());

    md.append("### 1b. Telemetry on and off\n\n");
    md.append(
        "The same small `generate` call with no listener and with each add-on, side by side in shuffled rounds"
            + " (OpenTelemetry: a real SDK, every span sampled and batched to an exporter that drops it, metrics"
            + " aggregated; Micrometer: observations timed into a simple meter registry). Target: under 2% per call.\n\n");
    md.append(
        "| variant | µs/call (median) | CPU µs/call | bytes/call | time vs no listener | target ≤ 1.02 |\n"
            + "|---|---:|---:|---:|---:|---|\n");
    Overhead.Row noListener =
        in.telemetry().stream().filter(r -> r.key().equals("plain")).findFirst().orElseThrow();
    for (Overhead.Row r : in.telemetry()) {
      double t = r.microsPerCall() / noListener.microsPerCall();
      md.append(
          f(
              "| %s | %.1f | %.1f | %.0f | %.3f | %s |\n",
              r.label(),
              r.microsPerCall(),
              r.cpuMicrosPerCall(),
              r.bytesPerCall(),
              t,
              r.equals(noListener) ? "–" : verdict(t, 1.02)));
    }
    md.append("\n");

    // ---------------------------------------------------------------- codecs
    md.append("## 2. Codec throughput\n\n");
    md.append(
        "JMH 1.37 (`-prof gc`, 1 fork, 2×0.5 s warm-up, 3×0.5 s measurement), every family of"
            + " `BedrockCodecs.textRegistry()` with a sample model id. Encode: a request with a system prompt and a"
            + " 20- or 4,000-word user message. Decode: the emulator's answer for that family. Stream-decode: all chunks"
            + " of the emulator's streamed answer through a fresh `StreamDecoder`. MB/s counts the JSON bytes produced or"
            + " read. *Share of a call*: (encode small + decode) against ours' small-prompt loopback call time"
            + " from section 1 (measured with Claude; for other families an estimate).\n\n");
    md.append(
        "| family | sample id | op | JSON bytes | µs / op | MB/s | allocated / op |\n|---|---|---|---:|---:|---:|---:|\n");
    for (CodecRuns.Row r : in.codecs()) {
      md.append(
          f(
              "| %s | `%s` | %s | %d | %.2f | %.0f | %s |\n",
              r.family(),
              r.modelId(),
              r.op(),
              r.bytes(),
              r.microsPerOp(),
              r.mbPerSecond(),
              Double.isNaN(r.bytesAllocPerOp()) ? "–" : kb((long) r.bytesAllocPerOp())));
    }
    Overhead.Row oursSmall = find(in.overhead(), Workload.Size.SMALL, "ours");
    md.append("\n| family | encode small + decode | share of a loopback call (")
        .append(f("%.0f µs", oursSmall.microsPerCall()))
        .append(") |\n|---|---:|---:|\n");
    for (String family : in.codecs().stream().map(CodecRuns.Row::family).distinct().toList()) {
      double e =
          in.codecs().stream()
              .filter(r -> r.family().equals(family) && r.op().equals("encodeSmall"))
              .mapToDouble(CodecRuns.Row::microsPerOp)
              .findFirst()
              .orElse(Double.NaN);
      double d =
          in.codecs().stream()
              .filter(r -> r.family().equals(family) && r.op().equals("decode"))
              .mapToDouble(CodecRuns.Row::microsPerOp)
              .findFirst()
              .orElse(Double.NaN);
      md.append(
          f(
              "| %s | %.1f µs | %.1f%% |\n",
              family, e + d, (e + d) / oursSmall.microsPerCall() * 100));
    }

    // ---------------------------------------------------------------- streaming
    md.append("\n## 3. Streaming\n\n");
    md.append(
        f(
            "Small prompt, `maxTokens` %d, Claude 3 Haiku; both over Netty HTTP/1.1 with SDK retries off. Ours:"
                + " `client.stream(request)` iterated on the caller's thread; raw: `invokeModelWithResponseStream` with a"
                + " hand-written visitor that parses each chunk with Jackson. Calls alternate; medians (p75 in brackets).\n\n",
            Streaming.MAX_TOKENS));
    md.append(
        "*Caller CPU* and *caller allocated*: the calling thread's, per stream; *client CPU*: the calling thread"
            + " plus the SDK's Netty event-loop and async-response threads, per stream (blocks of one variant, so the"
            + " SDK threads' time can be attributed). For `stream()` the caller's share includes the hand-off: waiting"
            + " for and taking each event from `GenerationStream`'s queue.\n\n");
    md.append(
        "| variant | deltas | to first `TextDelta` | to `Completed` / end | caller CPU | caller allocated |"
            + " client CPU |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (Streaming.Row r : in.streaming()) {
      md.append(
          f(
              "| %s | %d | %.0f µs [%.0f] | %.0f µs [%.0f] | %.0f µs | %s | %.0f µs |\n",
              r.label(),
              r.deltas(),
              r.firstMicros(),
              r.firstP75(),
              r.completedMicros(),
              r.completedP75(),
              r.callerCpuMicros(),
              f("%,.0f B", r.callerBytes()),
              r.clientCpuMicros()));
    }
    Streaming.Row sr = in.streaming().get(0);
    Streaming.Row so = in.streaming().get(1);
    double sf = so.firstMicros() / sr.firstMicros();
    double sc = so.completedMicros() / sr.completedMicros();
    md.append(
        f(
            "\nTarget (ours' `stream()` ≤ 1.02 × raw): first delta %.3f, %s; completed %.3f, %s.\n",
            sf, verdict(sf, TARGET_CALL), sc, verdict(sc, TARGET_CALL)));
    if (in.streaming().size() > 2) {
      Streaming.Row sp = in.streaming().get(2);
      double pf = sp.firstMicros() / sr.firstMicros();
      double pc = sp.completedMicros() / sr.completedMicros();
      md.append(
          f(
              "Ours' `publisher()`, whose subscriber runs on the SDK's thread as the raw visitor does: first delta"
                  + " %.3f, %s; completed %.3f, %s. The difference between `stream()` and `publisher()` is the hand-off of"
                  + " each event to the caller's thread through `GenerationStream`'s bounded queue.\n\n",
              pf, verdict(pf, TARGET_CALL), pc, verdict(pc, TARGET_CALL)));
    } else {
      md.append("\n");
    }

    md.append(converse(in.overhead(), in.converseStreaming()));

    // ---------------------------------------------------------------- concurrency
    md.append("## 4. Concurrency\n\n");
    md.append(
        "Small prompt. Sync: N threads each calling in a loop (url-connection client). Async: N calls in"
            + " flight at all times (Netty, HTTP/1.1). The emulator serves with 8 worker threads on the same 2 cores, so"
            + " beyond 8 callers the emulator, not the client, is the limit. Each point alternates raw and ours"
            + " (raw, ours, ours, raw).\n\n");
    md.append(
        "| mode | callers | raw calls/s | ours calls/s | ours × raw |\n|---|---:|---:|---:|---:|\n");
    for (Concurrency.Row r : in.concurrency()) {
      md.append(
          f(
              "| %s | %d | %.0f | %.0f | %.3f |\n",
              r.mode(),
              r.callers(),
              r.rawPerSecond(),
              r.oursPerSecond(),
              r.oursPerSecond() / r.rawPerSecond()));
    }
    md.append(
        "\nLeak check (our client; threads of the whole JVM, open file descriptors from `/proc/self/fd`, each"
            + " read after a GC and 6.5 s of settling):\n\n| when | threads | open fds |\n|---|---:|---:|\n");
    for (Concurrency.LeakRow r : in.leaks()) {
      md.append(f("| %s | %d | %d |\n", r.phase(), r.threads(), r.fds()));
    }

    scale(md, in.scale());

    // ---------------------------------------------------------------- cold start
    md.append("\n## 5. Cold start\n\n");
    md.append(
        "A fresh JVM (`java -cp <jars> dev.genaiaws.benchmarks.ColdStartBlog|ColdStartOurs|ColdStartRaw <variant>`)"
            + " does the blog function's work once: the topic from the request body, one model call to the Bedrock emulator"
            + " and one S3 `PutObject` of the post (to a loopback S3 sink), both running in the parent process; the run"
            + " fails unless exactly one object was written. *Wall*: spawn to exit, as a Lambda init plus first invoke"
            + " pays it; *in main*: from `main` to the answer; *CPU*: the child's process CPU (all threads, JIT and GC"
            + " included), which a loaded machine moves far less than wall time. Median of the runs (min–max in"
            + " brackets). Region and keys for the default chains come from `AWS_REGION` / `AWS_ACCESS_KEY_ID` /"
            + " `AWS_SECRET_ACCESS_KEY` and the endpoints from `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` / `AWS_ENDPOINT_URL_S3`,"
            + " as on Lambda; no config files.\n\n"
            + "- **blog function as shipped**: the function zip + the sync layer, driven as the Lambda runtime drives it"
            + " (handler constructed, then one API Gateway v2 event), configured as `samples/template.yaml` configures it"
            + " (model, bucket, prefix)\n"
            + "- **ours, explicit**: `BedrockGenerationClient.builder().region(..).credentialsProvider(static)"
            + ".endpointOverride(..)` and `S3GenerationStore.builder()` likewise — compare with (a)\n"
            + "- **ours, create()**: `BedrockGenerationClient.create()` and `S3GenerationStore.builder().bucket(..)` —"
            + " compare with (b)\n"
            + "- **(a) raw, tuned**: `BedrockRuntimeClient.builder()` and `S3Client.builder()` with explicit region, static"
            + " credentials, one shared `UrlConnectionHttpClient`; Jackson for the JSON\n"
            + "- **(b) raw, defaults**: `BedrockRuntimeClient.create()` and `S3Client.create()` (default Apache HTTP"
            + " client, default chains) with the SDK's default dependencies (bedrockruntime + sagemakerruntime + s3 as"
            + " resolved, apache and netty included); same JSON handling\n\n");
    md.append("| mode | variant | wall | in main | CPU |\n|---|---|---:|---:|---:|\n");
    for (ColdStart.Row r : in.coldStart().rows()) {
      md.append(
          f(
              "| %s | %s | %.0f ms [%.0f–%.0f] | %.0f ms | %.0f ms |\n",
              r.mode().label,
              r.variant().label(),
              r.wallMs(),
              r.wallMin(),
              r.wallMax(),
              r.mainMs(),
              r.cpuMs()));
    }
    md.append(
        f(
            "\nTargets (wall time, first request end to end including JVM start): the blog function as shipped"
                + " ≤ %.2f × (b) and ≤ %.2f × (a). Ours explicit and create() are shown against (a) and (b) for reference.\n\n"
                + "The CPU columns are the same ratios of process CPU (no target; steadier on a loaded machine, and blind to"
                + " work done in parallel).\n\n"
                + "| mode | blog × (b) | | blog × (a) | | blog CPU × (b) | blog CPU × (a) | ours explicit × (a) |"
                + " ours create() × (b) |\n"
                + "|---|---:|---|---:|---|---:|---:|---:|---:|\n",
            TARGET_COLD_DEFAULTS, TARGET_COLD_TUNED));
    for (ColdStart.Mode mode : ColdStart.Mode.values()) {
      double blog = cold(in, mode, "blog");
      double oe = cold(in, mode, "ours-explicit");
      double od = cold(in, mode, "ours-default");
      double ra = cold(in, mode, "raw-tuned");
      double rb = cold(in, mode, "raw-default");
      double blogCpu = coldCpu(in, mode, "blog");
      md.append(
          f(
              "| %s | %.3f | %s | %.3f | %s | %.3f | %.3f | %.3f | %.3f |\n",
              mode.label,
              blog / rb,
              verdict(blog / rb, TARGET_COLD_DEFAULTS),
              blog / ra,
              verdict(blog / ra, TARGET_COLD_TUNED),
              blogCpu / coldCpu(in, mode, "raw-default"),
              blogCpu / coldCpu(in, mode, "raw-tuned"),
              oe / ra,
              od / rb));
    }
    md.append(
        "\n**SnapStart, restore to first response.** *blog function primed*: the child builds the handler, runs"
            + " its `prime()` (what the function's CRaC `beforeCheckpoint` hook runs before SnapStart takes the snapshot),"
            + " then serves one request; *first response* is the time from the end of priming to the response, i.e. the"
            + " part of a SnapStart restore-to-first-response that runs in the function. Not measurable here: the"
            + " restore of the snapshot itself (Lambda's Firecracker memory restore; this JDK 17 has no CRaC, so no"
            + " checkpoint of a JVM can be taken or restored on this machine).\n\n| mode | first response after priming"
            + " | first request without priming (blog, in main) |\n|---|---:|---:|\n");
    for (ColdStart.Mode mode : ColdStart.Mode.values()) {
      double primed =
          in.coldStart().rows().stream()
              .filter(r -> r.mode() == mode && r.variant().key().equals("blog-primed"))
              .mapToDouble(ColdStart.Row::firstResponseMs)
              .findFirst()
              .orElse(Double.NaN);
      double unprimed =
          in.coldStart().rows().stream()
              .filter(r -> r.mode() == mode && r.variant().key().equals("blog"))
              .mapToDouble(ColdStart.Row::mainMs)
              .findFirst()
              .orElse(Double.NaN);
      md.append(f("| %s | %.1f ms | %.0f ms |\n", mode.label, primed, unprimed));
    }
    md.append(
        "\nClasses loaded by one plain run (`-Xlog:class+load`), JDK classes apart:\n\n| variant | total | JDK | from the class path | biggest groups |\n|---|---:|---:|---:|---|\n");
    for (ColdStart.ClassLoads c : in.coldStart().classLoads()) {
      List<Map.Entry<String, Integer>> groups = new ArrayList<>(c.byGroup().entrySet());
      groups.sort((a, b) -> b.getValue() - a.getValue());
      StringBuilder g = new StringBuilder();
      for (int i = 0; i < Math.min(6, groups.size()); i++) {
        g.append(i > 0 ? "; " : "")
            .append(groups.get(i).getKey())
            .append(" ")
            .append(groups.get(i).getValue());
      }
      md.append(
          f(
              "| %s | %d | %d | %d | %s |\n",
              c.variant().label(), c.total(), c.fromJdk(), c.fromJars(), g));
    }
    md.append("\n![cold start wall time](benchmarks-coldstart.png)\n\n");
    coldChart(docs.resolve("benchmarks-coldstart.png"), in.coldStart().rows());
    md.append(
        """
        ### AppCDS recipe (for your Lambda function or CLI)

        AppCDS maps the classes your program loads from an archive instead of reading and verifying them from jars.
        It needs a class path of jars only (no directories), the same JDK, and the same class path at run time.

        ```bash
        # 1. a training run that exercises start-up (build the client, make one call), dumping the archive at exit
        java -XX:ArchiveClassesAtExit=app.jsa -XX:TieredStopAtLevel=1 -cp "app.jar:lib/*" your.Main
        # 2. every later start maps it
        java -XX:SharedArchiveFile=app.jsa -XX:TieredStopAtLevel=1 -cp "app.jar:lib/*" your.Main
        ```

        On Lambda, ship `app.jsa` in the function or a layer and set
        `JAVA_TOOL_OPTIONS=-XX:SharedArchiveFile=/opt/app.jsa -XX:TieredStopAtLevel=1` (the archive must be
        dumped with the runtime's JDK, e.g. in the `public.ecr.aws/lambda/java:17` image, with the class path the
        function runs with: `/var/task/lib/*` and `/opt/java/lib/*`). A mismatched archive is ignored with a
        warning, never fatal (`-Xshare:auto`).

        """);

    // ---------------------------------------------------------------- layer
    md.append(
        "## 6. Lambda layer size\n\n| layer | jars | zip | unzipped | biggest jars | from |\n|---|---:|---:|---:|---|---|\n");
    for (LayerSize.Row r : in.layers()) {
      md.append(
          f(
              "| %s | %d | %s | %s | %s | %s |\n",
              r.label(),
              r.jars(),
              kb(r.zipBytes()),
              kb(r.unzippedBytes()),
              String.join(", ", r.biggest()),
              r.source()));
    }
    LayerSize.Row sync = in.layers().stream().filter(LayerSize.Row::ours).findFirst().orElse(null);
    if (sync != null) {
      md.append(
          f(
              "\nTarget: the sync layer at most %s zipped: **%s** (%s).\n",
              kb(LayerSize.TARGET_ZIP_BYTES),
              sync.zipBytes() <= LayerSize.TARGET_ZIP_BYTES ? "met" : "missed",
              kb(sync.zipBytes())));
      for (LayerSize.Row plain : in.layers()) {
        if (!plain.ours()) {
          md.append(
              f(
                  "Sync layer × %s: zip %.2f, unzipped %.2f.\n",
                  plain.label(),
                  sync.zipBytes() / (double) plain.zipBytes(),
                  sync.unzippedBytes() / (double) plain.unzippedBytes()));
        }
      }
    }

    md.append(
        "\n## How to run\n\n```bash\nbenchmarks/run.sh            # build (profile 'benchmarks') and run everything, rewrite this page\n"
            + "benchmarks/run.sh --quick    # a smoke run in ~5 minutes; numbers are not worth publishing\n```\n\n"
            + "See `benchmarks/README.md`.\n\n");
    if (in.handNotes() != null) {
      md.append(in.handNotes().strip()).append("\n");
    }
    Files.writeString(docs.resolve("benchmarks.md"), md.toString(), StandardCharsets.UTF_8);
  }

  /** Issue #21's targets. */
  static final double TARGET_CALL = 1.02;

  static final double TARGET_COLD_DEFAULTS = 0.85;
  static final double TARGET_COLD_TUNED = 1.00;

  /**
   * Every figure the performance issue asks for, one line each, with its target marked met or
   * missed.
   */
  private static void targets(StringBuilder md, Inputs in) {
    md.append(
        "## Targets at a glance\n\nWhere a target is missed, the last column says what costs the time,"
            + " from figures measured in the same run (the section named holds them).\n\n| # | figure |"
            + " value | target | | where missed: what costs the time |\n|---|---|---:|---|---|---|\n");
    Overhead.Row raw = find(in.overhead(), Workload.Size.SMALL, "raw");
    Overhead.Row ours = find(in.overhead(), Workload.Size.SMALL, "ours");
    double t = ours.microsPerCall() / raw.microsPerCall();
    double c = ours.cpuMicrosPerCall() / raw.cpuMicrosPerCall();
    double a = ours.bytesPerCall() / raw.bytesPerCall();
    String invokeWhy = invokeModelCost(in);
    line(
        md,
        "1",
        "`generate` time, small prompt, × raw `invokeModel`",
        f("%.3f", t),
        t,
        TARGET_CALL,
        invokeWhy);
    line(
        md,
        "1",
        "`generate` caller CPU, small prompt, × raw",
        f("%.3f", c),
        c,
        TARGET_CALL,
        invokeWhy);
    md.append(f("| 1 | `generate` allocation, small prompt, × raw | %.3f | (reported) | | |\n", a));
    for (String peer : List.of("langchain4j", "springAi")) {
      Optional<Overhead.Row> p =
          in.overhead().stream()
              .filter(x -> x.size() == Workload.Size.SMALL && x.key().equals(peer))
              .findFirst();
      if (p.isPresent()) {
        double pt = p.get().microsPerCall() / raw.microsPerCall();
        double pc = p.get().cpuMicrosPerCall() / raw.cpuMicrosPerCall();
        md.append(
            f(
                "| 1 | ahead of %s (time %.3f, CPU %.3f × raw) | ours %.3f / %.3f | below the peer's | %s | %s |\n",
                shortLabel(peer),
                pt,
                pc,
                t,
                c,
                t < pt && c < pc ? "met" : "**missed**",
                t < pt && c < pc ? "" : invokeWhy));
      }
    }
    Optional<Overhead.Row> rawConverse =
        in.overhead().stream()
            .filter(x -> x.size() == Workload.Size.SMALL && x.key().equals("rawConverse"))
            .findFirst();
    Optional<Overhead.Row> oursConverse =
        in.overhead().stream()
            .filter(x -> x.size() == Workload.Size.SMALL && x.key().equals("oursConverse"))
            .findFirst();
    if (rawConverse.isPresent() && oursConverse.isPresent()) {
      double ct = oursConverse.get().microsPerCall() / rawConverse.get().microsPerCall();
      double cc = oursConverse.get().cpuMicrosPerCall() / rawConverse.get().cpuMicrosPerCall();
      String converseWhy = converseCost(in);
      line(
          md,
          "1",
          "Converse `generate` time × raw `converse`",
          f("%.3f", ct),
          ct,
          TARGET_CALL,
          converseWhy);
      line(
          md,
          "1",
          "Converse `generate` caller CPU × raw `converse`",
          f("%.3f", cc),
          cc,
          TARGET_CALL,
          converseWhy);
    } else {
      md.append(
          "| 1 | Converse `generate` × raw `converse` | – | ≤ 1.02 | not measured in this run | |\n");
    }
    if (in.streaming().size() > 2) {
      double sf = in.streaming().get(1).firstMicros() / in.streaming().get(0).firstMicros();
      double pf = in.streaming().get(2).firstMicros() / in.streaming().get(0).firstMicros();
      line(
          md,
          "2",
          "first delta through `stream()` × raw first chunk",
          f("%.3f", sf),
          sf,
          TARGET_CALL,
          handOff(pf, "3"));
    }
    if (in.converseStreaming() != null && in.converseStreaming().size() > 2) {
      List<Streaming.Row> cs = in.converseStreaming();
      double cf = cs.get(1).firstMicros() / cs.get(0).firstMicros();
      double pf = cs.get(2).firstMicros() / cs.get(0).firstMicros();
      line(
          md,
          "2",
          "Converse: first delta through `stream()` × raw `converseStream`",
          f("%.3f", cf),
          cf,
          TARGET_CALL,
          handOff(pf, "3b"));
    }
    LayerSize.Row layer = in.layers().stream().filter(LayerSize.Row::ours).findFirst().orElse(null);
    if (layer != null) {
      md.append(
          f(
              "| 3 | sync Lambda layer, zipped | %s | ≤ %s | %s | %s |\n",
              kb(layer.zipBytes()),
              kb(LayerSize.TARGET_ZIP_BYTES),
              layer.zipBytes() <= LayerSize.TARGET_ZIP_BYTES ? "met" : "**missed**",
              layer.zipBytes() <= LayerSize.TARGET_ZIP_BYTES ? "" : "its largest jars: section 6"));
    }
    double blog = cold(in, ColdStart.Mode.LAMBDA, "blog");
    double rb = cold(in, ColdStart.Mode.LAMBDA, "raw-default");
    double ra = cold(in, ColdStart.Mode.LAMBDA, "raw-tuned");
    line(
        md,
        "4",
        "cold start, Lambda flags: blog function × raw defaults (b)",
        f("%.3f", blog / rb),
        blog / rb,
        TARGET_COLD_DEFAULTS,
        "the classes each variant loads: section 5");
    line(
        md,
        "4",
        "cold start, Lambda flags: blog function × raw hand-tuned (a)",
        f("%.3f", blog / ra),
        blog / ra,
        TARGET_COLD_TUNED,
        "the classes each variant loads: section 5");
    double primed =
        in.coldStart().rows().stream()
            .filter(
                r -> r.mode() == ColdStart.Mode.LAMBDA && r.variant().key().equals("blog-primed"))
            .mapToDouble(ColdStart.Row::firstResponseMs)
            .findFirst()
            .orElse(Double.NaN);
    md.append(
        f(
            "| 4 | SnapStart path: primed function, end of priming to first response | %.1f ms | (published) |"
                + " see section 5 | |\n",
            primed));
    for (Scale.Row r : in.scale().rows()) {
      double x = r.throughputRatio();
      boolean met = x >= 0.95;
      md.append(
          f(
              "| %s | %s, %d callers: throughput × raw | %.3f | ≥ 0.95 (noise band) | %s | %s |\n",
              r.callers() == 64 ? "5, 6" : "6",
              r.mode(),
              r.callers(),
              x,
              met ? "met" : "**missed**",
              met ? "" : spread(r.rawPerSecond(), r.oursPerSecond(), "%.0f", " calls/s")));
      if (!Double.isNaN(r.oursCpuMicros().median())) {
        double cpu = r.cpuRatio();
        line(
            md,
            "5",
            f("%s, %d callers: callers' CPU per call × raw", r.mode(), r.callers()),
            f("%.3f", cpu),
            cpu,
            TARGET_CALL,
            f(
                    "ours adds %+.0f µs of the callers' CPU a call here (raw: %.0f µs a call); at one"
                        + " caller, %s (section 1a); ",
                    r.oursCpuMicros().median() - r.rawCpuMicros().median(),
                    r.rawCpuMicros().median(),
                    oursAdds(in))
                + fullyColdParts(in)
                + spread(r.rawCpuMicros(), r.oursCpuMicros(), "%.0f", " µs"));
      }
    }
    boolean oursWaits = in.scale().waits().stream().anyMatch(Scale.WaitSite::ours);
    md.append(
        f(
            "| 5 | a genai-aws frame among the top sites where 64 sync callers wait (JFR) | %s | none |"
                + " %s | %s |\n",
            oursWaits ? "yes" : "none",
            oursWaits ? "**missed**" : "met",
            oursWaits ? "the sites: section 4b" : ""));
    for (Scale.StreamMemory m : in.scale().memory()) {
      md.append(
          f(
              "| 6 | live heap per in-flight stream: %s | %s [%s – %s] | (published) | | |\n",
              m.variant(),
              f("%,.0f B", m.bytesPerStream()),
              f("%,.0f", m.min()),
              f("%,.0f", m.max())));
    }
    md.append("\n");
  }

  /** One line of the glance table; {@code why} is printed only when the target is missed. */
  private static void line(
      StringBuilder md,
      String item,
      String figure,
      String value,
      double ratio,
      double target,
      String why) {
    boolean met = ratio <= target;
    md.append(
        f(
            "| %s | %s | %s | ≤ %.2f | %s | %s |\n",
            item, figure, value, target, verdict(ratio, target), met ? "" : why));
  }

  /** What ours adds per InvokeModel call, from section 1a's split and in-process rows. */
  private static String invokeModelCost(Inputs in) {
    StringBuilder why = new StringBuilder();
    CallerSplit.Row raw = row(in.split(), "raw SDK invokeModel (a)");
    CallerSplit.Row ours = row(in.split(), "genai-aws generate (b)");
    CallerSplit.Row requestAndCodec = row(in.split(), CallerSplit.REQUEST_AND_CODEC);
    CallerSplit.Row codec = row(in.split(), CallerSplit.CODEC_ONLY);
    if (raw != null && ours != null && ours.total() <= raw.total()) {
      why.append(noDearer(ours.total() - raw.total()));
    } else if (raw != null && ours != null && requestAndCodec != null && codec != null) {
      why.append(
          f(
              "ours adds %+.1f µs of caller CPU a call over HTTP: the codec %+.1f, the request value"
                  + " %+.1f, the runtime %+.1f (section 1a)",
              ours.total() - raw.total(),
              codec.total() - raw.total(),
              requestAndCodec.total() - codec.total(),
              ours.total() - requestAndCodec.total()));
    }
    return withInProcess(why, in, "raw", "ours");
  }

  /** What ours adds per Converse call, from section 1a's split and in-process rows. */
  private static String converseCost(Inputs in) {
    StringBuilder why = new StringBuilder();
    CallerSplit.Row raw = row(in.split(), "raw SDK converse");
    CallerSplit.Row ours = row(in.split(), "genai-aws generate, api CONVERSE");
    if (raw != null && ours != null && ours.total() <= raw.total()) {
      why.append(noDearer(ours.total() - raw.total()));
    } else if (raw != null && ours != null) {
      why.append(
          f(
              "ours adds %+.1f µs of caller CPU a call over HTTP: %+.1f outside the SDK call (the"
                  + " request and the answer mapped), %+.1f inside it (section 1a; each a difference of medians)",
              ours.total() - raw.total(),
              ours.before() + ours.after() - raw.before() - raw.after(),
              ours.sdk() - raw.sdk()));
    }
    return withInProcess(why, in, "rawConverse", "oursConverse");
  }

  /** {@code why}, then section 1a's in-process difference for the API where it was measured. */
  private static String withInProcess(StringBuilder why, Inputs in, String rawKey, String oursKey) {
    String inProcess = inProcessAdds(in, rawKey, oursKey);
    if (!inProcess.isEmpty()) {
      why.append(why.length() == 0 ? "" : "; ").append(inProcess);
    }
    return why.toString();
  }

  /** When the split, measured call by call, found ours no dearer than raw in this run. */
  private static String noDearer(double added) {
    return f(
        "the split, with the variants alternating call by call, measured ours at %+.1f µs of caller"
            + " CPU a call against raw in this run (section 1a): the miss is this table's spread between"
            + " rounds",
        added);
  }

  /** Section 1a's in-process difference, warm and (where measured) with cold caches. */
  private static String inProcessAdds(Inputs in, String rawKey, String oursKey) {
    Optional<InProcess.Row> raw = inProcessRow(in, rawKey);
    Optional<InProcess.Row> ours = inProcessRow(in, oursKey);
    if (raw.isEmpty() || ours.isEmpty()) {
      return "";
    }
    String warm = f("in process %+.1f µs warm", ours.get().cpuMicros() - raw.get().cpuMicros());
    Optional<InProcess.Row> rawCold = inProcessRow(in, rawKey + "Cold");
    Optional<InProcess.Row> oursCold = inProcessRow(in, oursKey + "Cold");
    if (rawCold.isPresent() && oursCold.isPresent()) {
      warm +=
          f(
              ", %+.1f µs with cold caches: the same work costs more between HTTP calls",
              oursCold.get().cpuMicros() - rawCold.get().cpuMicros());
    }
    return warm;
  }

  private static Optional<InProcess.Row> inProcessRow(Inputs in, String key) {
    return in.inProcess().stream().filter(r -> r.key().equals(key)).findFirst();
  }

  /** Ours' added caller CPU per small InvokeModel call at one caller, from the split. */
  private static String oursAdds(Inputs in) {
    CallerSplit.Row raw = row(in.split(), "raw SDK invokeModel (a)");
    CallerSplit.Row ours = row(in.split(), "genai-aws generate (b)");
    return raw == null || ours == null
        ? "(not measured)"
        : f("%+.1f µs", ours.total() - raw.total());
  }

  /**
   * Section 1a's fully cold rows taken apart: what ours adds in process with every cache cold, and
   * the runtime's and the codec's shares; empty when not measured.
   */
  private static String fullyColdParts(Inputs in) {
    Optional<InProcess.Row> raw = inProcessRow(in, "rawFullCold");
    Optional<InProcess.Row> codec = inProcessRow(in, "codecFullCold");
    Optional<InProcess.Row> requestAndCodec = inProcessRow(in, "requestCodecFullCold");
    Optional<InProcess.Row> ours = inProcessRow(in, "oursFullCold");
    if (raw.isEmpty() || codec.isEmpty() || requestAndCodec.isEmpty() || ours.isEmpty()) {
      return "";
    }
    return f(
        "in process with every cache cold ours adds %+.1f µs: the runtime %+.1f, the request value"
            + " %+.1f, the codec %+.1f (section 1a); ",
        ours.get().cpuMicros() - raw.get().cpuMicros(),
        ours.get().cpuMicros() - requestAndCodec.get().cpuMicros(),
        requestAndCodec.get().cpuMicros() - codec.get().cpuMicros(),
        codec.get().cpuMicros() - raw.get().cpuMicros());
  }

  /** The first-delta explanation: the same pipeline without the hand-off. */
  private static String handOff(double publisherRatio, String section) {
    return f(
        "the hand-off of each event to the caller's thread: `publisher()`, the same pipeline read on the"
            + " SDK's thread, %.3f × raw (section %s)",
        publisherRatio, section);
  }

  /** A median with its smallest and largest segment: "3603 [3410–3720]". */
  private static String spreadCell(Scale.Spread s, String unit) {
    return f("%.0f%s [%.0f–%.0f]", s.median(), unit, s.min(), s.max());
  }

  /** Both variants' segment ranges, and whether they overlap. */
  private static String spread(Scale.Spread raw, Scale.Spread ours, String number, String unit) {
    return f(
        "segments: raw "
            + number
            + "–"
            + number
            + ", ours "
            + number
            + "–"
            + number
            + "%s; %s"
            + " (section 4b)",
        raw.min(),
        raw.max(),
        ours.min(),
        ours.max(),
        unit,
        ours.overlaps(raw)
            ? "they overlap: the difference is within this point's spread"
            : "they do not overlap");
  }

  private static void scale(StringBuilder md, Scale.Result scale) {
    md.append("\n### 4b. Scale: 64 and 256 callers\n\n");
    md.append(
        f(
            "Sync: a fixed pool of N threads each calling in a loop (`Executors.newFixedThreadPool(N)`); async: N"
                + " calls in flight. Ours and raw alternate in %d segments (raw, ours, ours, raw, raw, ours, ...);"
                + " each figure is the variant's median of its %d, with the smallest and largest segment in"
                + " brackets. *CPU* and *allocated* are the pool threads' own, per call (`ThreadMXBean`). *New"
                + " connections*: TCP connections opened per call (the kernel's `ActiveOpens` counter over the"
                + " segment). Limits that are not ours: the emulator serves with 8 worker threads on the same cores"
                + " (the throughput ceiling for both); the SDK's Netty client opens at most 50 connections per client"
                + " by default (`maxConcurrency`), so of 256 async calls in flight 206 wait in the SDK's connection"
                + " pool queue, raw and ours alike; the JDK's url-connection keep-alive cache keeps at most 5 idle"
                + " connections per destination (`http.maxConnections`), so a sync call whose connection finds the"
                + " cache full closes it, and a later call opens a new one: the *new connections* column says how"
                + " often, for both.\n\n",
            2 * Scale.SEGMENTS, Scale.SEGMENTS));
    md.append(
        "| mode | callers | raw calls/s | ours calls/s | ours × raw | raw CPU/call | ours CPU/call | × raw |"
            + " new connections / call, raw / ours | allocated / call, raw / ours |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Scale.Row r : scale.rows()) {
      boolean cpu = !Double.isNaN(r.oursCpuMicros().median());
      md.append(
          f(
              "| %s | %d | %s | %s | %.3f | %s | %s | %s | %s | %s |\n",
              r.mode(),
              r.callers(),
              spreadCell(r.rawPerSecond(), ""),
              spreadCell(r.oursPerSecond(), ""),
              r.throughputRatio(),
              cpu ? spreadCell(r.rawCpuMicros(), " µs") : "–",
              cpu ? spreadCell(r.oursCpuMicros(), " µs") : "–",
              cpu ? f("%.3f", r.cpuRatio()) : "–",
              cpu && !Double.isNaN(r.rawConnections())
                  ? f("%.3f / %.3f", r.rawConnections(), r.oursConnections())
                  : "–",
              cpu ? kb((long) r.rawBytes()) + " / " + kb((long) r.oursBytes()) : "–"));
    }
    md.append(
        f(
            "\nHeap held per in-flight stream (%d streams open at once; the prompt asks for a %d-word answer, `maxTokens`"
                + " %d, hundreds of events where either side asks for 32, so every stream is mid-answer when the heap is"
                + " read, which the raw variant checks; each read to its first delta and left open). Each"
                + " measurement runs on a fresh SDK async client (ours given it) whose connection limit is raised above"
                + " the stream count, first warmed with %d streams read to their end. The live bytes of the JVM's class"
                + " histogram of live objects (`GC.class_histogram`, which runs a full GC first: exact to the byte,"
                + " where the heap's \"used\" figure moves in 1 MB G1 regions) with the streams open, against before"
                + " them, divided by %d; the emulator (same JVM) forgets its recorded requests before each reading;"
                + " median of three alternated measurements. The columns on the right split the median measurement by"
                + " the package of each object's class; `byte[]`, `String` and other JDK objects are under *JDK and"
                + " other* whoever holds them, the emulator's end of each connection (its socket channel and buffers)"
                + " included. *Left after close*: the same reading %d s after the streams were closed,"
                + " against before them: what closed streams leave behind on a client still in use.\n\n| variant |"
                + " live heap per stream (median) | min – max | genai-aws | AWS SDK | Netty | emulator | JDK and other"
                + " | left after close |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            Scale.STREAMS,
            Scale.STREAM_WORDS,
            Scale.STREAM_MAX_TOKENS,
            Scale.WARM_STREAMS,
            Scale.STREAMS,
            Scale.QUIET_MILLIS / 1000));
    for (Scale.StreamMemory m : scale.memory()) {
      LiveHeap h = m.byOwner();
      double n = m.streams();
      md.append(
          f(
              "| %s | %s | %s – %s | %s | %s | %s | %s | %s | %s |\n",
              m.variant(),
              f("%,.0f B", m.bytesPerStream()),
              f("%,.0f B", m.min()),
              f("%,.0f B", m.max()),
              f("%,.0f B", h.genaiAws() / n),
              f("%,.0f B", h.awsSdk() / n),
              f("%,.0f B", h.netty() / n),
              f("%,.0f B", h.emulator() / n),
              f("%,.0f B", h.other() / n),
              f("%,.0f B", m.leftPerStream())));
    }
    md.append(
        "\nWhere 64 sync callers wait (a JFR recording of every monitor enter and park of the pool's threads"
            + " during one sync point, idle pool threads left out; waiting for the emulator's answer is socket I/O, not a"
            + " park, and is not in it; sites named by their first frames outside the lock classes; *ours* marks a site"
            + " with a genai-aws frame in it):\n\n| variant | site | waited (all callers) | share | ours |\n"
            + "|---|---|---:|---:|---|\n");
    for (Scale.WaitSite w : scale.waits()) {
      md.append(
          f(
              "| %s | `%s` | %,.0f ms | %.0f%% | %s |\n",
              w.variant(), w.site(), w.millis(), w.share() * 100, w.ours() ? "**yes**" : "no"));
    }
    md.append("\n");
  }

  /**
   * The Converse section: every variant that calls Converse, per call (rows of {@link Overhead}
   * with api "Converse") and per stream ({@link ConverseStreaming}), as ratios to the raw SDK's
   * {@code converse}.
   */
  static String converse(List<Overhead.Row> overhead, List<Streaming.Row> streaming) {
    StringBuilder md = new StringBuilder();
    md.append("## 3b. Through the Converse API: ours, raw `converse`, LangChain4j, Spring AI\n\n");
    md.append(
        f(
            "The same workload as sections 1 and 3 through Converse / ConverseStream: ours is"
                + " `BedrockGenerationClient` built with `api(BedrockApi.CONVERSE)` (the same neutral `GenerationRequest`);"
                + " raw is the SDK's `converse` / `converseStream` with a visitor; the peers are section 1's models and"
                + " their streaming twins (LangChain4j `BedrockStreamingChatModel` given the Netty async client, Spring AI"
                + " `BedrockProxyChatModel.stream(String)`). Ratios are to the raw SDK's `converse`. Targets for ours: ≤ 1.03 ×"
                + " raw per call and per first streamed delta, and ahead of both peers.\n\n"));
    List<Overhead.Row> rows = overhead.stream().filter(r -> r.api().equals("Converse")).toList();
    if (!rows.isEmpty()) {
      md.append(
          "| prompt | variant | time / call | × raw | best round × raw | caller CPU / call | × raw |"
              + " allocated / call | × raw |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Workload.Size size : Workload.Size.values()) {
        if (rows.stream().noneMatch(r -> r.size() == size)) {
          continue;
        }
        Overhead.Row base = find(rows, size, "rawConverse");
        for (Overhead.Row r : rows) {
          if (r.size() == size) {
            md.append(
                f(
                    "| %s | %s | %.0f µs [%.0f–%.0f] | %.3f | %.3f | %.0f µs | %.3f | %s | %.3f |\n",
                    size.name().toLowerCase(Locale.ROOT),
                    r.label(),
                    r.microsPerCall(),
                    r.p25Micros(),
                    r.p75Micros(),
                    r.microsPerCall() / base.microsPerCall(),
                    r.minMicros() / base.minMicros(),
                    r.cpuMicrosPerCall(),
                    r.cpuMicrosPerCall() / base.cpuMicrosPerCall(),
                    kb((long) r.bytesPerCall()),
                    r.bytesPerCall() / base.bytesPerCall()));
          }
        }
      }
      md.append(
          "\nTargets for ours (e):\n\n| prompt | time × raw (≤ 1.03) | | caller CPU × raw (≤ 1.03) | |"
              + " time × LangChain4j (< 1) | time × Spring AI (< 1) | CPU × LangChain4j | CPU × Spring AI |\n"
              + "|---|---:|---|---:|---|---:|---:|---:|---:|\n");
      for (Workload.Size size : Workload.Size.values()) {
        if (rows.stream().noneMatch(r -> r.size() == size)) {
          continue;
        }
        Overhead.Row base = find(rows, size, "rawConverse");
        Overhead.Row ours = find(rows, size, "oursConverse");
        Overhead.Row lc = find(rows, size, "langchain4j");
        Overhead.Row sp = find(rows, size, "springAi");
        double t = ours.microsPerCall() / base.microsPerCall();
        double c = ours.cpuMicrosPerCall() / base.cpuMicrosPerCall();
        md.append(
            f(
                "| %s | %.3f | %s | %.3f | %s | %.3f | %.3f | %.3f | %.3f |\n",
                size.name().toLowerCase(Locale.ROOT),
                t,
                verdict(t, 1.03),
                c,
                verdict(c, 1.03),
                ours.microsPerCall() / lc.microsPerCall(),
                ours.microsPerCall() / sp.microsPerCall(),
                ours.cpuMicrosPerCall() / lc.cpuMicrosPerCall(),
                ours.cpuMicrosPerCall() / sp.cpuMicrosPerCall()));
      }
    }
    if (!streaming.isEmpty()) {
      md.append(
          f(
              "\nStreaming (small prompt, `maxTokens` %d, Netty HTTP/1.1, SDK retries off; the variants take"
                  + " turns in a rotating order; medians, p75 in brackets):\n\n",
              Streaming.MAX_TOKENS));
      md.append(
          "| variant | deltas | to first text delta | × raw | to end | × raw |\n|---|---:|---:|---:|---:|---:|\n");
      Streaming.Row base = streaming.get(0);
      for (Streaming.Row r : streaming) {
        md.append(
            f(
                "| %s | %d | %.0f µs [%.0f] | %.3f | %.0f µs [%.0f] | %.3f |\n",
                r.label(),
                r.deltas(),
                r.firstMicros(),
                r.firstP75(),
                r.firstMicros() / base.firstMicros(),
                r.completedMicros(),
                r.completedP75(),
                r.completedMicros() / base.completedMicros()));
      }
      Streaming.Row ours = streaming.get(1);
      Streaming.Row pub = streaming.get(2);
      double sf = ours.firstMicros() / base.firstMicros();
      double pf = pub.firstMicros() / base.firstMicros();
      md.append(
          f(
              "\nTarget (first delta ≤ 1.03 × raw): `stream()` %.3f, %s; `publisher()` %.3f, %s.\n",
              sf, verdict(sf, 1.03), pf, verdict(pf, 1.03)));
    }
    return md.append("\n").toString();
  }

  private static double coldCpu(Inputs in, ColdStart.Mode mode, String key) {
    return in.coldStart().rows().stream()
        .filter(r -> r.mode() == mode && r.variant().key().equals(key))
        .mapToDouble(ColdStart.Row::cpuMs)
        .findFirst()
        .orElse(Double.NaN);
  }

  private static double cold(Inputs in, ColdStart.Mode mode, String key) {
    return in.coldStart().rows().stream()
        .filter(r -> r.mode() == mode && r.variant().key().equals(key))
        .mapToDouble(ColdStart.Row::wallMs)
        .findFirst()
        .orElse(Double.NaN);
  }

  private static Overhead.Row find(List<Overhead.Row> rows, Workload.Size size, String key) {
    Optional<Overhead.Row> r =
        rows.stream().filter(x -> x.size() == size && x.key().equals(key)).findFirst();
    return r.orElseThrow();
  }

  private static void overheadChart(Path png, List<Overhead.Row> rows) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(520)
            .title("Per-call cost against the raw SDK's invokeModel (a) = 1.0, lower is better")
            .xAxisTitle("")
            .yAxisTitle("ratio to (a)")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setToolTipsEnabled(false);
    chart.getStyler().setXAxisLabelRotation(0);
    chart
        .getStyler()
        .setSeriesColors(
            new Color[] {
              new Color(0x1f77b4), new Color(0xaec7e8), new Color(0xff7f0e), new Color(0xffbb78)
            });
    List<String> labels =
        rows.stream()
            .filter(r -> r.size() == Workload.Size.SMALL)
            .map(r -> shortLabel(r.key()))
            .toList();
    for (Workload.Size size : Workload.Size.values()) {
      Overhead.Row base = find(rows, size, "raw");
      List<Double> time =
          rows.stream()
              .filter(r -> r.size() == size)
              .map(r -> r.microsPerCall() / base.microsPerCall())
              .toList();
      chart.addSeries("time, " + size.words + "-word prompt", labels, time);
    }
    for (Workload.Size size : Workload.Size.values()) {
      Overhead.Row base = find(rows, size, "raw");
      List<Double> alloc =
          rows.stream()
              .filter(r -> r.size() == size)
              .map(r -> r.bytesPerCall() / base.bytesPerCall())
              .toList();
      chart.addSeries("allocation, " + size.words + "-word prompt", labels, alloc);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static String shortLabel(String key) {
    return switch (key) {
      case "raw" -> "(a) raw invokeModel";
      case "ours" -> "(b) genai-aws";
      case "rawConverse" -> "raw converse";
      case "oursConverse" -> "(e) genai-aws, Converse";
      case "langchain4j" -> "(c) LangChain4j";
      case "springAi" -> "(d) Spring AI";
      default -> key;
    };
  }

  private static void coldChart(Path png, List<ColdStart.Row> rows) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(520)
            .title(
                "Cold start: fresh JVM, build the client, one call (median wall ms, lower is better)")
            .xAxisTitle("")
            .yAxisTitle("ms")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart
        .getStyler()
        .setSeriesColors(
            new Color[] {new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0x2ca02c)});
    for (ColdStart.Mode mode : ColdStart.Mode.values()) {
      List<ColdStart.Row> m = rows.stream().filter(r -> r.mode() == mode).toList();
      chart.addSeries(
          mode.label,
          m.stream().map(r -> r.variant().label()).toList(),
          m.stream().map(ColdStart.Row::wallMs).toList());
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
