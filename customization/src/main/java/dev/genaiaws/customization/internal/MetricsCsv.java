package dev.genaiaws.customization.internal;

import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.customization.TrainingMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the metrics CSV files a customization job writes: a header row naming {@code step_number},
 * {@code epoch_number}, {@code training_loss} or {@code validation_loss} and optionally {@code
 * perplexity}, in any order, then one row per step. Internal.
 */
public final class MetricsCsv {
  private MetricsCsv() {}

  public static List<TrainingMetrics.Point> parse(byte[] csv, String lossColumn, String where) {
    String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r?\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      return List.of();
    }
    List<String> header =
        Arrays.stream(lines[0].split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int step = header.indexOf("step_number");
    int epoch = header.indexOf("epoch_number");
    int loss = header.indexOf(lossColumn);
    int perplexity = header.indexOf("perplexity");
    if (step < 0 || epoch < 0 || loss < 0) {
      throw new CodecException(
          where
              + " has no step_number, epoch_number and "
              + lossColumn
              + " columns (header: "
              + header
              + ")",
          null);
    }
    List<TrainingMetrics.Point> points = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split(",", -1);
      try {
        points.add(
            new TrainingMetrics.Point(
                (int) Double.parseDouble(cells[step].strip()),
                (int) Double.parseDouble(cells[epoch].strip()),
                Double.parseDouble(cells[loss].strip()),
                perplexity >= 0 && perplexity < cells.length && !cells[perplexity].isBlank()
                    ? Double.parseDouble(cells[perplexity].strip())
                    : null));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new CodecException(where + " line " + (i + 1) + " is not a row of numbers", e);
      }
    }
    return points;
  }
}
