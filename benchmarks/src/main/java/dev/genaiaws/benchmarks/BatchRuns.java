package dev.genaiaws.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link BatchBenchmark} for one prompt family and one Messages family with JMH ({@code RunAll
 * --only batch}): records encoded and written per second, records read and decoded per second.
 */
final class BatchRuns {
  record Row(String family, String op, double recordsPerSecond) {}

  static final List<String> FAMILIES = List.of("meta.llama3", "anthropic.claude-messages");

  private BatchRuns() {}

  static List<Row> run(boolean quick, Path work) throws Exception {
    Path dir = work.resolve("codec-inputs");
    for (String family : FAMILIES) {
      CodecInputs.of(family).save(dir, family);
    }
    Options opts =
        new OptionsBuilder()
            .include(BatchBenchmark.class.getName() + "\\.")
            .param("family", FAMILIES.toArray(String[]::new))
            .forks(1)
            .warmupIterations(quick ? 1 : 2)
            .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
            .measurementIterations(quick ? 1 : 3)
            .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
            .jvmArgs(
                "-Xms512m",
                "-Xmx512m",
                "-D" + CodecInputs.DIR_PROPERTY + "=" + dir.toAbsolutePath())
            .shouldFailOnError(true)
            .build();
    List<Row> rows = new ArrayList<>();
    for (RunResult r : new Runner(opts).run()) {
      String name = r.getParams().getBenchmark();
      Row row =
          new Row(
              r.getParams().getParam("family"),
              name.substring(name.lastIndexOf('.') + 1),
              r.getPrimaryResult().getScore());
      rows.add(row);
      Log.log("batch %s %s: %.0f records/s", row.family(), row.op(), row.recordsPerSecond());
    }
    return rows;
  }
}
