package dev.genaiaws.benchmarks;

import dev.genaiaws.testkit.BedrockEmulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every benchmark and writes {@code docs/benchmarks.md}. Started by {@code benchmarks/run.sh},
 * which builds the jars and class path files this reads. Arguments: {@code --quick} for a smoke
 * run; {@code --repo DIR} for the repository root (default: the working directory).
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    // --only a,b: run just those stages and write no report (overhead, split, telemetry,
    // streaming, converse, concurrency, scale, coldstart, codecs, batch); --only layers: print
    // the layer sizes
    String only = null;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--only")) {
        only = args[i + 1];
      }
    }
    if (only != null && only.equals("layers")) {
      // sizes only (deterministic, fine on a loaded machine): run.sh's build must have run
      Path repo = Path.of(".").toAbsolutePath().normalize();
      String plainCp = read(repo.resolve("benchmarks/target/plain-sdk-classpath.txt"));
      for (LayerSize.Row r : LayerSize.all(repo, plainCp, repo.resolve("benchmarks/target/run"))) {
        Log.log(
            "%s: %d jars, zip %,d B (%s), unzipped %,d B (%s)",
            r.label(),
            r.jars(),
            r.zipBytes(),
            Report.kb(r.zipBytes()),
            r.unzippedBytes(),
            Report.kb(r.unzippedBytes()));
      }
      return;
    }
    if (only != null) {
      runOnly(List.of(only.split(",")), quick, Path.of(".").toAbsolutePath().normalize());
      return;
    }
    Path repo = Path.of(".").toAbsolutePath().normalize();
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--repo")) {
        repo = Path.of(args[i + 1]).toAbsolutePath().normalize();
      }
    }
    long start = System.nanoTime();
    String loadBefore = load();
    Log.log("genai-aws benchmarks (%s) in %s; load %s", quick ? "quick" : "full", repo, loadBefore);
    Path work = repo.resolve("benchmarks/target/run");
    Files.createDirectories(work);
    List<String> notes = new ArrayList<>();

    String plainCp = read(repo.resolve("benchmarks/target/plain-sdk-classpath.txt"));
    List<ColdStart.Variant> variants = coldVariants(repo, work);

    List<Overhead.Row> overhead;
    List<Overhead.Row> telemetry;
    List<InProcess.Row> inProcess;
    List<CallerSplit.Row> split;
    List<Streaming.Row> streaming;
    List<Streaming.Row> converseStreaming;
    List<Concurrency.Row> concurrency;
    List<Concurrency.LeakRow> leaks;
    Scale.Result scale;
    ColdStart.Result cold;
    try (BedrockEmulator emulator = BedrockEmulator.start()) {
      Log.log("emulator at %s", emulator.endpoint());
      overhead =
          Overhead.run(
              emulator,
              quick ? 3 : 30,
              quick ? 50_000_000L : 150_000_000L,
              quick ? 300 : Overhead.WARM_CALLS);
      inProcess = InProcess.run(emulator, quick ? 3 : 15);
      split = CallerSplit.run(emulator, quick ? 300 : CallerSplit.WARM_CALLS, quick ? 300 : 4000);
      telemetry =
          TelemetryOverhead.run(
              emulator, quick ? 3 : 30, quick ? 50_000_000L : 150_000_000L, quick ? 300 : 3000);
      streaming = Streaming.run(emulator, quick ? 200 : 2000);
      converseStreaming = ConverseStreaming.run(emulator, quick ? 100 : 1000);
      concurrency = Concurrency.run(emulator, quick ? 600 : 4000);
      leaks = Concurrency.leaks(emulator, quick ? 1000 : 10_000);
      scale = Scale.run(emulator, quick ? 600 : 4000);
      cold = ColdStart.run(emulator, variants, quick ? 1 : 9, work.resolve("coldstart"));
    }
    List<CodecRuns.Row> codecs = CodecRuns.run(quick, work);

    List<LayerSize.Row> layers = LayerSize.all(repo, plainCp, work);
    Log.log("layers: %s", layers);

    double minutes = (System.nanoTime() - start) / 6e10;
    Path handNotes = repo.resolve("benchmarks/NOTES.md");
    if (quick) {
      notes.add("**Quick run** (`--quick`): short rounds, numbers are not worth publishing.");
    }
    Report.write(
        repo.resolve("docs"),
        new Report.Inputs(
            machine(),
            quick ? "benchmarks/run.sh --quick" : "benchmarks/run.sh",
            minutes,
            loadBefore,
            load(),
            overhead,
            inProcess,
            split,
            telemetry,
            codecs,
            streaming,
            converseStreaming,
            concurrency,
            leaks,
            scale,
            cold,
            layers,
            notes,
            Files.isRegularFile(handNotes)
                ? Files.readString(handNotes, StandardCharsets.UTF_8)
                : null));
    Log.log("wrote %s in %.1f minutes", repo.resolve("docs/benchmarks.md"), minutes);
  }

  private static void runOnly(List<String> stages, boolean quick, Path repo) throws Exception {
    String before = load();
    try (BedrockEmulator emulator = BedrockEmulator.start()) {
      if (stages.contains("overhead")) {
        Overhead.run(
            emulator,
            quick ? 3 : 20,
            quick ? 50_000_000L : 150_000_000L,
            quick ? 300 : Overhead.WARM_CALLS);
        InProcess.run(emulator, quick ? 3 : 15);
        CallerSplit.run(emulator, quick ? 300 : CallerSplit.WARM_CALLS, quick ? 300 : 4000);
      }
      if (stages.contains("split")) {
        // the caller-CPU split alone (section 1a's second table), for quick comparisons; alone,
        // it warms up as long as the overhead stage and the split together do in a full run
        StringBuilder md = new StringBuilder();
        Report.callerSplit(
            md,
            CallerSplit.run(
                emulator,
                quick ? 300 : Overhead.WARM_CALLS + CallerSplit.WARM_CALLS,
                quick ? 300 : 4000));
        Log.log("%s", md);
      }
      if (stages.contains("telemetry")) {
        TelemetryOverhead.run(
            emulator, quick ? 3 : 20, quick ? 50_000_000L : 150_000_000L, quick ? 300 : 3000);
      }
      if (stages.contains("streaming")) {
        Streaming.run(emulator, quick ? 200 : 2000);
      }
      if (stages.contains("scale")) {
        Scale.run(emulator, quick ? 600 : 4000);
      }
      if (stages.contains("converse")) {
        // the Converse variants only, side by side, and the Converse section of the report as
        // Markdown
        List<Overhead.Row> rows;
        try (CallVariants cv = new CallVariants(emulator.endpoint(), Workload.MAX_TOKENS)) {
          rows =
              Overhead.measure(
                  emulator,
                  cv.variants.stream().filter(v -> v.api().equals("Converse")).toList(),
                  List.of(Workload.Size.values()),
                  quick ? 3 : 20,
                  quick ? 50_000_000L : 150_000_000L,
                  quick ? 300 : Overhead.WARM_CALLS);
        }
        List<Streaming.Row> streams = ConverseStreaming.run(emulator, quick ? 100 : 1000);
        Path out = Path.of("benchmarks/target/run/converse.md");
        Files.createDirectories(out.getParent());
        String md =
            "- load average (1, 5, 15 min) before: "
                + before
                + "; after: "
                + load()
                + "\n\n"
                + Report.converse(rows, streams);
        Files.writeString(out, md, StandardCharsets.UTF_8);
        Log.log("wrote %s:%n%s", out, md);
      }
      if (stages.contains("concurrency")) {
        Concurrency.run(emulator, quick ? 600 : 4000);
        Concurrency.leaks(emulator, quick ? 1000 : 10_000);
      }
      if (stages.contains("coldstart")) {
        Path work = repo.resolve("benchmarks/target/run");
        // -Dcoldstart.runs=N: more interleaved rounds than the default 5 (for ratios on a loaded
        // machine)
        ColdStart.run(
            emulator,
            coldVariants(repo, work),
            Integer.getInteger("coldstart.runs", quick ? 1 : 5),
            work.resolve("coldstart"));
      }
    }
    if (stages.contains("codecs")) {
      CodecRuns.run(quick, Path.of("benchmarks/target/run"));
    }
    if (stages.contains("batch")) {
      BatchRuns.run(quick, Path.of("benchmarks/target/run"));
    }
  }

  /** The cold-start variants with their class paths (written by run.sh's Maven calls). */
  private static List<ColdStart.Variant> coldVariants(Path repo, Path work) throws Exception {
    // class paths for spawned JVMs and layers: written by run.sh's Maven call
    Path benchJar =
        Path.of(RunAll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!benchJar.toString().endsWith(".jar")) {
      throw new IllegalStateException(
          "run from the benchmarks jar (benchmarks/run.sh), not " + benchJar);
    }
    Path bedrockJar = moduleJar(repo.resolve("bedrock/target"), "genai-aws-bedrock-");
    String bedrockCp = read(repo.resolve("bedrock/target/runtime-classpath.txt"));
    Path storageJar = moduleJar(repo.resolve("storage/target"), "genai-aws-storage-");
    // bedrock's and storage's class paths, each jar once (they share the SDK core)
    String bedrockStorageCp =
        Stream.concat(
                Stream.of(bedrockCp.split(File.pathSeparator)),
                Stream.of(
                    read(repo.resolve("storage/target/runtime-classpath.txt"))
                        .split(File.pathSeparator)))
            .distinct()
            .collect(Collectors.joining(File.pathSeparator));
    String plainCp = read(repo.resolve("benchmarks/target/plain-sdk-classpath.txt"));
    String jackson =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(p -> p.matches(".*/jackson-(databind|core|annotations)-[^/]*\\.jar"))
            .collect(Collectors.joining(File.pathSeparator));
    String oursCp =
        benchJar
            + File.pathSeparator
            + bedrockJar
            + File.pathSeparator
            + storageJar
            + File.pathSeparator
            + bedrockStorageCp;
    String rawDefaultCp = benchJar + File.pathSeparator + plainCp + File.pathSeparator + jackson;
    String blogCp =
        ColdStart.shippedClasspath(
            benchJar,
            repo.resolve("samples/target/genai-aws-blog-function.zip"),
            repo.resolve("lambda-layer/target/genai-aws-layer.zip"),
            work.resolve("blog-function"));

    List<ColdStart.Variant> all =
        List.of(
            new ColdStart.Variant(
                "blog", "ours, blog function as shipped", ColdStartBlog.class.getName(), blogCp),
            new ColdStart.Variant(
                "blog-primed",
                "ours, blog function primed (SnapStart path)",
                ColdStartBlog.class.getName(),
                blogCp),
            new ColdStart.Variant(
                "ours-explicit", "ours, explicit", ColdStartOurs.class.getName(), oursCp),
            new ColdStart.Variant(
                "ours-default", "ours, create()", ColdStartOurs.class.getName(), oursCp),
            new ColdStart.Variant(
                "raw-tuned", "(a) raw, tuned", ColdStartRaw.class.getName(), oursCp),
            new ColdStart.Variant(
                "raw-default", "(b) raw, defaults", ColdStartRaw.class.getName(), rawDefaultCp));
    // -Dcoldstart.blogBefore=DIR (a folder with an earlier build's genai-aws-blog-function.zip and
    // genai-aws-layer.zip): that build too, as "blog-before", interleaved with the others:
    // before/after in one run
    String before = System.getProperty("coldstart.blogBefore");
    if (before != null) {
      Path dir = Path.of(before);
      all = new ArrayList<>(all);
      String beforeCp =
          ColdStart.shippedClasspath(
              benchJar,
              dir.resolve("genai-aws-blog-function.zip"),
              dir.resolve("genai-aws-layer.zip"),
              work.resolve("blog-function-before"));
      all.add(
          new ColdStart.Variant(
              "blog-before",
              "blog function, earlier build",
              ColdStartBlog.class.getName(),
              beforeCp));
      all.add(
          new ColdStart.Variant(
              "blog-before-primed",
              "blog function primed, earlier build",
              ColdStartBlog.class.getName(),
              beforeCp));
    }
    // -Dcoldstart.variants=blog,raw-tuned,...: just those (to iterate; the report needs all)
    String only = System.getProperty("coldstart.variants");
    return only == null
        ? all
        : all.stream().filter(v -> List.of(only.split(",")).contains(v.key())).toList();
  }

  private static Path moduleJar(Path target, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix)
                    && n.endsWith(".jar")
                    && !n.endsWith("-tests.jar")
                    && !n.endsWith("-sources.jar")
                    && !n.endsWith("-javadoc.jar");
              })
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + target));
    }
  }

  private static String read(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p + " is missing: run benchmarks/run.sh, which writes it");
    }
    return Files.readString(p, StandardCharsets.UTF_8).strip();
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String machine() {
    long memKb = 0;
    String cpu = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // leave unknown
    }
    String uname;
    try {
      Process p = new ProcessBuilder("uname", "-srvmo").redirectErrorStream(true).start();
      uname = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      uname = System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
    return String.format(
        Locale.ROOT,
        "- date: %s%n- cores: %d (%s)%n- memory: %.1f GiB%n- uname: `%s`%n"
            + "- JDK: %s %s (%s)%n- harness JVM: `-Xms2g -Xmx2g`, default GC%n",
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memKb / 1048576.0,
        uname,
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"));
  }
}
