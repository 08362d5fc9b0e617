package dev.genaiaws.customization;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The loss curves of a finished customization job, read from its output location ({@code
 * step_wise_training_metrics.csv} and, with validation data, {@code validation_metrics.csv}).
 *
 * <pre>{@code
 * TrainingMetrics m = job.metrics(outputStore);
 * m.training().forEach(p -> System.out.println(p.step() + "\t" + p.loss()));
 * }</pre>
 *
 * @param training one point per training step, in file order
 * @param validation one point per validation run, in file order; empty without validation data
 */
public record TrainingMetrics(List<Point> training, List<Point> validation) {

  public TrainingMetrics {
    training = List.copyOf(training);
    validation = List.copyOf(validation);
  }

  /**
   * One row of a metrics file.
   *
   * @param step the step ({@code step_number}, from 0)
   * @param epoch the epoch ({@code epoch_number})
   * @param loss the training or validation loss
   * @param perplexity the perplexity, or {@code null} when the file has none
   */
  public record Point(int step, int epoch, double loss, @Nullable Double perplexity) {}
}
