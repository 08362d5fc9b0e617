package dev.genaiaws.benchmarks;

import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;

/**
 * Spawns fresh JVMs ({@code java -cp <jars> ColdStartOurs|ColdStartRaw <variant>}) that build a
 * client and make one call to an emulator running in this process; measures the wall time from
 * spawn to exit (what a Lambda init plus first invoke pays) and the time inside {@code main}.
 * Modes: plain, C1 only ({@code -XX:TieredStopAtLevel=1}, as Lambda runs Java) and AppCDS + C1
 * (archive dumped by one training run with {@code -XX:ArchiveClassesAtExit}). Runs interleave
 * variants and modes; medians are reported.
 */
@NullUnmarked // harness: reads back by key the samples it has just recorded (a missing one is a
// harness bug)
final class ColdStart {
  enum Mode {
    PLAIN("plain", List.of()),
    LAMBDA("Lambda java17 flags", LAMBDA_FLAGS),
    LAMBDA_APPCDS("Lambda java17 flags + AppCDS", LAMBDA_FLAGS);

    final String label;

    @SuppressWarnings(
        "ImmutableEnumChecker") // every constant holds a List.of(...), which is immutable
    final List<String> flags;

    Mode(String label, List<String> flags) {
      this.label = label;
      this.flags = flags;
    }
  }

  /**
   * What the Lambda java17 runtime starts the JVM with (its command line, as public captures of the
   * managed runtime show it), for a 1,024 MB function (samples/template.yaml): heap at 85% of the
   * memory, Serial GC, the JDK's CDS archive (here the JDK's default one, {@code -Xshare:auto}), C1
   * only, and its system properties. Left out: the runtime's own agent and class path (the runtime
   * interface client, not present here) and {@code
   * -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac} (names a class only the runtime
   * has).
   */
  static final List<String> LAMBDA_FLAGS =
      List.of(
          "-XX:MaxHeapSize=891290k",
          "-XX:+UseSerialGC",
          "-Xshare:auto",
          "-XX:+TieredCompilation",
          "-XX:TieredStopAtLevel=1",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "-Djava.net.preferIPv4Stack=true",
          "-XX:+ErrorFileToStderr");

  record Variant(String key, String label, String mainClass, String classpath) {
    @Override
    public String toString() {
      return key;
    }
  }

  /**
   * One variant in one mode: medians of wall time (spawn to exit) and time in main, the spread of
   * the wall time, and for the primed blog function the median time from the end of priming to the
   * first response (NaN otherwise).
   */
  record Row(
      Variant variant,
      Mode mode,
      double wallMs,
      double mainMs,
      double wallMin,
      double wallMax,
      double firstResponseMs,
      double cpuMs) {}

  record ClassLoads(
      Variant variant, int total, int fromJdk, int fromJars, Map<String, Integer> byGroup) {}

  record Result(List<Row> rows, List<ClassLoads> classLoads, Path workDir) {}

  private ColdStart() {}

  static Result run(BedrockEmulator emulator, List<Variant> variants, int runs, Path workDir)
      throws Exception {
    try (S3Sink s3 = S3Sink.start()) {
      Result r = run(emulator, s3, variants, runs, workDir);
      Log.log("cold start: %d objects written to the S3 sink", s3.objectCount());
      return r;
    }
  }

  /**
   * The modes to run: all, or those named by {@code -Dcoldstart.modes=LAMBDA,...} (to iterate on
   * one mode; the report needs all).
   */
  static List<Mode> modes() {
    String only = System.getProperty("coldstart.modes");
    return only == null
        ? List.of(Mode.values())
        : java.util.Arrays.stream(only.split(",")).map(String::strip).map(Mode::valueOf).toList();
  }

  private static Result run(
      BedrockEmulator emulator, S3Sink s3, List<Variant> variants, int runs, Path workDir)
      throws Exception {
    Files.createDirectories(workDir);
    List<Mode> modes = modes();
    Map<String, Path> archives = new LinkedHashMap<>();
    for (Variant v : modes.contains(Mode.LAMBDA_APPCDS) ? variants : List.<Variant>of()) {
      Path jsa = workDir.resolve(v.key() + ".jsa");
      Files.deleteIfExists(jsa);
      List<String> flags = new ArrayList<>(Mode.LAMBDA_APPCDS.flags);
      flags.add("-XX:ArchiveClassesAtExit=" + jsa);
      spawn(emulator, s3, v, flags, workDir.resolve(v.key() + "-dump.log"));
      archives.put(v.key(), jsa);
    }
    Map<String, List<double[]>> samples = new LinkedHashMap<>();
    for (int r = 0; r < runs; r++) {
      for (Mode mode : modes) {
        for (Variant v : variants) {
          List<String> flags = new ArrayList<>(mode.flags);
          if (mode == Mode.LAMBDA_APPCDS) {
            flags.add("-XX:SharedArchiveFile=" + archives.get(v.key()));
            flags.add("-Xshare:auto");
          }
          double[] s =
              spawn(emulator, s3, v, flags, workDir.resolve(v.key() + "-" + mode + ".log"));
          samples.computeIfAbsent(v.key() + "|" + mode, k -> new ArrayList<>()).add(s);
        }
      }
      emulator.reset();
      s3.reset();
    }
    List<Row> rows = new ArrayList<>();
    for (Mode mode : modes) {
      for (Variant v : variants) {
        List<double[]> s = samples.get(v.key() + "|" + mode);
        double[] wall = s.stream().mapToDouble(x -> x[0]).toArray();
        double[] main = s.stream().mapToDouble(x -> x[1]).toArray();
        double[] first = s.stream().mapToDouble(x -> x[2]).sorted().toArray();
        double[] cpu = s.stream().mapToDouble(x -> x[3]).toArray();
        rows.add(
            new Row(
                v,
                mode,
                Stats.median(wall),
                Stats.median(main),
                Stats.quantile(wall, 0),
                Stats.quantile(wall, 1),
                Stats.median(first),
                Stats.median(cpu)));
      }
    }
    List<ClassLoads> loads = new ArrayList<>();
    for (Variant v : variants) {
      Path log = workDir.resolve(v.key() + "-classload.log");
      Files.deleteIfExists(log);
      spawn(
          emulator,
          s3,
          v,
          List.of("-Xlog:class+load=info:file=" + log),
          workDir.resolve(v.key() + "-cl.out"));
      loads.add(classLoads(v, log));
    }
    Log.log("cold start: %s", rows);
    StringBuilder summary =
        new StringBuilder(
            "cold start, medians of "
                + runs
                + " interleaved runs (wall / in main /"
                + " process CPU; ratios of wall and of CPU to (b) raw-default and (a) raw-tuned):");
    for (Row r : rows) {
      Row b =
          rows.stream()
              .filter(x -> x.mode() == r.mode() && x.variant().key().equals("raw-default"))
              .findFirst()
              .orElse(r);
      Row a =
          rows.stream()
              .filter(x -> x.mode() == r.mode() && x.variant().key().equals("raw-tuned"))
              .findFirst()
              .orElse(r);
      summary.append(
          String.format(
              java.util.Locale.ROOT,
              "%n  %-14s %-12s wall %6.0f  main %6.0f  cpu %6.0f  "
                  + "wall x(b) %.3f x(a) %.3f  cpu x(b) %.3f x(a) %.3f",
              r.mode(),
              r.variant().key(),
              r.wallMs(),
              r.mainMs(),
              r.cpuMs(),
              r.wallMs() / b.wallMs(),
              r.wallMs() / a.wallMs(),
              r.cpuMs() / b.cpuMs(),
              r.cpuMs() / a.cpuMs()));
    }
    Log.log("%s", summary);
    Log.log("class loads: %s", loads);
    return new Result(rows, loads, workDir);
  }

  /** Wall ms from spawn to exit, and the child's own MAIN_MS. */
  private static double[] spawn(
      BedrockEmulator emulator, S3Sink s3, Variant v, List<String> flags, Path out)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    // -Dcoldstart.jvmFlags="-XX:StartFlightRecording=..." adds flags to every child (to profile one
    // variant)
    String extra = System.getProperty("coldstart.jvmFlags");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.strip().split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(v.classpath());
    cmd.add(v.mainClass());
    cmd.add(v.key());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL") || k.startsWith("_JAVA"));
    env.put("BENCH_ENDPOINT", emulator.endpoint().toString());
    env.put("BENCH_S3_ENDPOINT", s3.endpoint().toString());
    // what the default chains find, so that create() works offline (as on Lambda: region and keys
    // in env); the
    // endpoints per service, as the SDK reads them (AWS_ENDPOINT_URL_<service id>), so that neither
    // the function
    // nor create() needs an override in code
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "bench");
    env.put("AWS_SECRET_ACCESS_KEY", "bench");
    env.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", emulator.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
    env.put("AWS_CONFIG_FILE", "/nonexistent/config");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    // the blog function's configuration as samples/template.yaml sets it (model, bucket, prefix),
    // with the same
    // answer size as the other variants: the post is saved to S3 (the sink), as every variant saves
    // its answer.
    // No BLOG_BEDROCK_ENDPOINT / BLOG_S3_ENDPOINT: the function finds region, keys and endpoints
    // through the
    // SDK's default chains (the variables above), as on Lambda
    env.put("BLOG_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0");
    env.put("BLOG_MAX_TOKENS", "16");
    env.put("BLOG_BUCKET", ColdStartRaw.BUCKET);
    env.put("BLOG_PREFIX", "blogs");
    int objects = s3.objectCount();
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(v.key() + " did not finish in 120 s; see " + out);
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          v.key() + " " + flags + " failed (exit " + p.exitValue() + "):\n" + text);
    }
    if (s3.objectCount() != objects + 1) {
      // every variant does the same work: one model call, one object saved
      throw new IllegalStateException(
          v.key() + " saved " + (s3.objectCount() - objects) + " objects, not 1:\n" + text);
    }
    double main = Double.NaN;
    double first = Double.NaN;
    double cpu = Double.NaN;
    for (String line : text.split("\n")) {
      if (line.startsWith("MAIN_MS=")) {
        main = Double.parseDouble(line.substring(8).strip());
      } else if (line.startsWith("FIRST_RESPONSE_MS=")) {
        first = Double.parseDouble(line.substring("FIRST_RESPONSE_MS=".length()).strip());
      } else if (line.startsWith("CPU_MS=")) {
        cpu = Double.parseDouble(line.substring("CPU_MS=".length()).strip());
      }
    }
    return new double[] {wall, main, first, cpu};
  }

  /**
   * The blog function's class path as Lambda assembles it: the function zip (classes at its root,
   * as in {@code /var/task}), its {@code lib/*.jar}, then the layer's {@code java/lib/*.jar} (as in
   * {@code /opt}); the jars are extracted to {@code dir}.
   */
  static String shippedClasspath(Path benchJar, Path functionZip, Path layerZip, Path dir)
      throws IOException {
    List<String> cp = new ArrayList<>();
    cp.add(benchJar.toString());
    cp.add(functionZip.toString());
    cp.addAll(extractJars(functionZip, "lib/", dir.resolve("task-lib")));
    cp.addAll(extractJars(layerZip, "java/lib/", dir.resolve("opt-java-lib")));
    return String.join(java.io.File.pathSeparator, cp);
  }

  private static List<String> extractJars(Path zip, String folder, Path to) throws IOException {
    Files.createDirectories(to);
    List<String> jars = new ArrayList<>();
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      for (java.util.zip.ZipEntry e : java.util.Collections.list(z.entries())) {
        String name = e.getName();
        if (name.startsWith(folder)
            && name.endsWith(".jar")
            && name.indexOf('/', folder.length()) < 0) {
          Path target = to.resolve(name.substring(folder.length()));
          try (java.io.InputStream in = z.getInputStream(e)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
          jars.add(target.toString());
        }
      }
    }
    java.util.Collections.sort(jars);
    if (jars.isEmpty()) {
      throw new IllegalStateException("no " + folder + "*.jar in " + zip);
    }
    return jars;
  }

  private static ClassLoads classLoads(Variant v, Path log) throws IOException {
    int total = 0;
    int jdk = 0;
    Map<String, Integer> groups = new TreeMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      int i = line.indexOf("[class,load]");
      if (i < 0) {
        continue;
      }
      String rest = line.substring(i + "[class,load]".length()).strip();
      String name = rest.split(" ")[0];
      total++;
      if (rest.contains("source: jrt:/")
          || (rest.contains("shared objects file") && !rest.contains(".jsa"))) {
        jdk++;
        continue;
      }
      groups.merge(group(name), 1, Integer::sum);
    }
    return new ClassLoads(v, total, jdk, total - jdk, groups);
  }

  static String group(String className) {
    String[][] known = {
      {"software.amazon.awssdk.services.bedrockruntime", "AWS SDK: bedrockruntime (generated)"},
      {"software.amazon.awssdk.http.apache", "AWS SDK: apache-client"},
      {"software.amazon.awssdk.http.urlconnection", "AWS SDK: url-connection-client"},
      {"software.amazon.awssdk.thirdparty", "AWS SDK: shaded jackson-core"},
      {"software.amazon.awssdk", "AWS SDK: core, auth, regions, endpoints, protocols"},
      {"org.apache.http", "Apache HttpClient 4"},
      {"org.apache.commons.logging", "commons-logging"},
      {"io.netty", "Netty"},
      {"com.fasterxml.jackson", "Jackson"},
      {"io.github.resilience4j", "resilience4j"},
      {"io.vavr", "vavr"},
      {"dev.genaiaws", "genai-aws"},
      {"com.amazonaws.services.lambda", "Lambda libraries"},
      {"org.slf4j", "slf4j"},
      {"org.reactivestreams", "reactive-streams"},
    };
    for (String[] k : known) {
      if (className.startsWith(k[0])) {
        return k[1];
      }
    }
    return "other";
  }
}
