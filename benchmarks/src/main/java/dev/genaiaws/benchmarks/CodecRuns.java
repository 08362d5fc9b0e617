package dev.genaiaws.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CodecBenchmark} for every family of the text registry (image families: encode and
 * decode only, they do not stream) and {@link EmbeddingCodecBenchmark} for every family of the
 * embedding registry, with JMH and the GC profiler.
 */
@NullUnmarked // harness: reads back by key the samples it has just recorded (a missing one is a
// harness bug)
final class CodecRuns {
  record Row(
      String family,
      String modelId,
      String op,
      double microsPerOp,
      double bytesAllocPerOp,
      int bytes,
      double mbPerSecond) {}

  private static final List<String> OPS =
      List.of("encodeSmall", "encodeLarge", "decode", "streamDecode");

  private CodecRuns() {}

  @SuppressWarnings("rawtypes") // JMH returns its secondary results as a raw Map<String, Result>
  static List<Row> run(boolean quick, java.nio.file.Path work) throws Exception {
    java.nio.file.Path dir = work.resolve("codec-inputs");
    Map<String, String> families = CodecInputs.families();
    Map<String, String> embeddingFamilies = EmbeddingInputs.families();
    List<String> all = new ArrayList<>();
    List<String> streaming = new ArrayList<>();
    Map<String, CodecInputs> inputs = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : families.entrySet()) {
      if (e.getValue() == null) {
        Log.log("codec family %s has no sample model id: not benchmarked", e.getKey());
        continue;
      }
      CodecInputs in = CodecInputs.of(e.getKey());
      in.save(dir, e.getKey());
      inputs.put(e.getKey(), in);
      all.add(e.getKey());
      if (in.codec.supportsStreaming()) {
        streaming.add(e.getKey());
      }
    }
    Map<String, EmbeddingInputs> embeddingInputs = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : embeddingFamilies.entrySet()) {
      if (e.getValue() == null) {
        Log.log("embedding family %s has no sample model id: not benchmarked", e.getKey());
        continue;
      }
      EmbeddingInputs in = EmbeddingInputs.of(e.getKey());
      in.save(dir, e.getKey());
      embeddingInputs.put(e.getKey(), in);
    }
    List<RunResult> results = new ArrayList<>();
    String bench = CodecBenchmark.class.getName();
    results.addAll(jmh(bench + "\\.(encodeSmall|decode)$", all, quick, dir));
    results.addAll(jmh(bench + "\\.(encodeLarge|streamDecode)$", streaming, quick, dir));
    if (!embeddingInputs.isEmpty()) {
      results.addAll(
          jmh(
              EmbeddingCodecBenchmark.class.getName() + "\\.",
              new ArrayList<>(embeddingInputs.keySet()),
              quick,
              dir));
    }
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      String family = r.getParams().getParam("family");
      String name = r.getParams().getBenchmark();
      String op = name.substring(name.lastIndexOf('.') + 1);
      double micros = r.getPrimaryResult().getScore();
      double alloc = Double.NaN;
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = e.getValue().getScore();
        }
      }
      int bytes;
      String modelId;
      if (name.startsWith(EmbeddingCodecBenchmark.class.getName())) {
        EmbeddingInputs in = embeddingInputs.get(family);
        modelId = in.modelId;
        bytes =
            op.equals("decode")
                ? in.responseBody.length
                : in.codec.encode(in.request, in.batch, in.modelId).length;
      } else {
        CodecInputs in = inputs.get(family);
        modelId = families.get(family);
        bytes =
            switch (op) {
              case "encodeSmall" -> in.codec.encode(in.small, in.modelId).length;
              case "encodeLarge" -> in.codec.encode(in.large, in.modelId).length;
              case "decode" -> in.responseBody.length;
              default -> in.chunkBytes();
            };
      }
      rows.add(new Row(family, modelId, op, micros, alloc, bytes, bytes / micros));
    }
    List<String> order = new ArrayList<>(all);
    order.addAll(embeddingInputs.keySet());
    rows.sort(
        Comparator.comparing((Row r) -> order.indexOf(r.family()))
            .thenComparing(r -> OPS.indexOf(r.op())));
    Log.log("codecs: %d results", rows.size());
    return rows;
  }

  private static Collection<RunResult> jmh(
      String include, List<String> families, boolean quick, java.nio.file.Path dir)
      throws Exception {
    if (families.isEmpty()) {
      return List.of();
    }
    Options opts =
        new OptionsBuilder()
            .include(include)
            .param("family", families.toArray(String[]::new))
            .forks(1)
            .warmupIterations(quick ? 1 : 2)
            .warmupTime(TimeValue.milliseconds(quick ? 200 : 500))
            .measurementIterations(quick ? 1 : 3)
            .measurementTime(TimeValue.milliseconds(quick ? 200 : 500))
            .jvmArgs(
                "-Xms512m",
                "-Xmx512m",
                "-D" + CodecInputs.DIR_PROPERTY + "=" + dir.toAbsolutePath())
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .build();
    return new Runner(opts).run();
  }
}
