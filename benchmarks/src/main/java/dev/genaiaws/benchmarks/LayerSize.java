package dev.genaiaws.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Lambda layer sizes: the lambda-layer module's zips ({@code java/lib/*.jar}) as built, and the
 * plain AWS SDK's layer built here from its resolved jars, as published and packed like ours (jars
 * stored, see {@code lambda-layer/src/build/StoreJars.java}), all measured in one run. Sizes are
 * deterministic: unlike the timings they may be measured on a loaded machine.
 */
final class LayerSize {
  /** The largest zipped size of the layer most functions need (issue #21): 12 MiB. */
  static final long TARGET_ZIP_BYTES = 12L * 1024 * 1024;

  /**
   * One layer.
   *
   * @param ours whether this is one of the lambda-layer module's layers (the plain SDK's rows are
   *     not)
   */
  record Row(
      String label,
      String source,
      int jars,
      long zipBytes,
      long unzippedBytes,
      List<String> biggest,
      boolean ours) {}

  private LayerSize() {}

  /** Measures an existing layer zip. */
  static Row ofZip(String label, Path zip) throws IOException {
    long unzipped = 0;
    int jars = 0;
    List<long[]> sizes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        unzipped += e.getSize();
        if (e.getName().endsWith(".jar")) {
          jars++;
          names.add(e.getName().substring(e.getName().lastIndexOf('/') + 1));
          sizes.add(new long[] {e.getSize(), names.size() - 1});
        }
      }
    }
    sizes.sort((a, b) -> Long.compare(b[0], a[0]));
    List<String> biggest = new ArrayList<>();
    for (int i = 0; i < Math.min(5, sizes.size()); i++) {
      biggest.add(names.get((int) sizes.get(i)[1]) + " (" + Report.kb(sizes.get(i)[0]) + ")");
    }
    return new Row(label, zip.toString(), jars, Files.size(zip), unzipped, biggest, true);
  }

  /** Zips the jars as a layer ({@code java/lib/<jar>}) into {@code out} and measures it. */
  static Row ofJars(String label, String source, List<Path> jars, Path out) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    Files.createDirectories(out.getParent());
    try (OutputStream os = Files.newOutputStream(out);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      for (Path jar : jars) {
        String name = jar.getFileName().toString();
        if (!seen.add(name)) {
          continue;
        }
        zip.putNextEntry(new ZipEntry("java/lib/" + name));
        Files.copy(jar, zip);
        zip.closeEntry();
      }
    }
    Row measured = ofZip(label, out);
    return new Row(
        label,
        source,
        measured.jars(),
        measured.zipBytes(),
        measured.unzippedBytes(),
        measured.biggest(),
        false);
  }

  /**
   * Every layer of the comparison, measured now: the lambda-layer module's sync layer and streaming
   * add-on (built by run.sh), and the plain SDK of {@code benchmarks/plain-sdk/pom.xml} with its
   * default dependencies, as published and with its jars stored like ours, and the same without
   * apache and Netty (what our sync layer holds of it), both ways.
   */
  static List<Row> all(Path repo, String plainCp, Path work)
      throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    Path target = repo.resolve("lambda-layer/target");
    for (String[] layer :
        new String[][] {
          {
            "genai-aws-layer.zip",
            "genai-aws layer (sync: core, bedrock, sagemaker, storage; url-connection)"
          },
          {
            "genai-aws-streaming-layer.zip",
            "genai-aws streaming add-on (Netty, for stream() and generateAsync())"
          }
        }) {
      Path zip = target.resolve(layer[0]);
      if (!Files.isRegularFile(zip)) {
        throw new IllegalStateException(
            zip + " is missing: run benchmarks/run.sh, which builds lambda-layer");
      }
      rows.add(ofZip(layer[1], zip));
    }
    List<Path> plain = jars(plainCp);
    String from = "benchmarks/plain-sdk/pom.xml";
    rows.add(
        ofJars(
            "plain AWS SDK (bedrockruntime + sagemakerruntime + s3, default dependencies), jars as"
                + " published",
            from,
            plain,
            work.resolve("layers/plain-sdk-layer.zip")));
    rows.add(
        ofJarsStored(
            "plain AWS SDK, default dependencies, jars stored like ours",
            from,
            plain,
            work.resolve("layers/plain-sdk-layer-stored.zip"),
            repo));
    List<Path> lean =
        plain.stream()
            .filter(
                p ->
                    !p.getFileName()
                        .toString()
                        .matches(
                            "(apache5?-client|httpclient5?|httpcore5?(-h2)?|commons-logging|commons-codec|netty-.*)-[^/]*\\.jar"))
            .toList();
    rows.add(
        ofJars(
            "plain AWS SDK without apache/Netty (what our sync layer holds of it), jars as published",
            from + " minus apache, apache5, netty",
            lean,
            work.resolve("layers/plain-sdk-lean.zip")));
    rows.add(
        ofJarsStored(
            "plain AWS SDK without apache/Netty (what our sync layer holds of it), jars stored like"
                + " ours",
            from + " minus apache, apache5, netty",
            lean,
            work.resolve("layers/plain-sdk-lean-stored.zip"),
            repo));
    return rows;
  }

  /**
   * Like {@link #ofJars}, then packed like the lambda-layer module's zips by its own build tool,
   * StoreJars.
   */
  private static Row ofJarsStored(String label, String source, List<Path> jars, Path out, Path repo)
      throws IOException, InterruptedException {
    ofJars(label, source, jars, out);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                repo.resolve("lambda-layer/src/build/StoreJars.java").toString(),
                out.toString())
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IOException("StoreJars failed on " + out + " (exit " + p.exitValue() + ")");
    }
    Row measured = ofZip(label, out);
    return new Row(
        label,
        source,
        measured.jars(),
        measured.zipBytes(),
        measured.unzippedBytes(),
        measured.biggest(),
        false);
  }

  /** Jars of a class path string, in order, without duplicates; directories are skipped. */
  static List<Path> jars(String... classpaths) {
    Set<Path> result = new LinkedHashSet<>();
    for (String cp : classpaths) {
      for (String e : cp.strip().split(java.io.File.pathSeparator)) {
        if (e.endsWith(".jar")) {
          result.add(Path.of(e));
        }
      }
    }
    return new ArrayList<>(result);
  }
}
