package dev.genaiaws.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link CodecBenchmark} for every family of the registry with JMH and the GC profiler. */
final class CodecRuns {
  record Row(String family, String modelId, String op, double microsPerOp, double bytesAllocPerOp, int bytes,
      double mbPerSecond) {}

  private CodecRuns() {}

  static List<Row> run(boolean quick) throws Exception {
    Map<String, String> families = CodecInputs.families();
    List<String> benchmarked = new ArrayList<>();
    families.forEach((family, id) -> {
      if (id != null) {
        benchmarked.add(family);
      } else {
        Log.log("codec family %s has no sample model id: not benchmarked", family);
      }
    });
    Map<String, CodecInputs> inputs = new LinkedHashMap<>();
    for (String f : benchmarked) {
      inputs.put(f, CodecInputs.of(f));
    }
    Options opts = new OptionsBuilder()
        .include(CodecBenchmark.class.getName() + "\\.")
        .param("family", benchmarked.toArray(String[]::new))
        .forks(1)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(TimeValue.milliseconds(quick ? 200 : 700))
        .measurementIterations(quick ? 1 : 3)
        .measurementTime(TimeValue.milliseconds(quick ? 200 : 700))
        .jvmArgs("-Xms512m", "-Xmx512m")
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(opts).run();
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      String family = r.getParams().getParam("family");
      String bench = r.getParams().getBenchmark();
      String op = bench.substring(bench.lastIndexOf('.') + 1);
      double micros = r.getPrimaryResult().getScore();
      double alloc = Double.NaN;
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = e.getValue().getScore();
        }
      }
      CodecInputs in = inputs.get(family);
      int bytes = switch (op) {
        case "encodeSmall" -> in.codec.encode(in.small, in.modelId).length;
        case "encodeLarge" -> in.codec.encode(in.large, in.modelId).length;
        case "decode" -> in.responseBody.length;
        default -> in.chunkBytes();
      };
      rows.add(new Row(family, families.get(family), op, micros, alloc, bytes, bytes / micros));
    }
    List<String> ops = List.of("encodeSmall", "encodeLarge", "decode", "streamDecode");
    rows.sort(java.util.Comparator.comparing((Row r) -> benchmarked.indexOf(r.family()))
        .thenComparing(r -> ops.indexOf(r.op())));
    Log.log("codecs: %d results", rows.size());
    return rows;
  }
}
