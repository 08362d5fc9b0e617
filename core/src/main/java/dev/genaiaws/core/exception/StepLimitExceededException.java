package dev.genaiaws.core.exception;

/**
 * A tool loop reached its step limit while the model still asked for tools. Raise the limit, give
 * the model clearer instructions, or look at the tool results it kept getting (a listener sees
 * every step). Not retryable as such.
 */
public class StepLimitExceededException extends GenAiClientException {
  private static final long serialVersionUID = 1L;
  private final int steps;

  public StepLimitExceededException(int steps) {
    super(
        "the model still asked for tools after "
            + steps
            + " steps (the loop's limit): raise maxSteps or check"
            + " what the tools answered",
        null,
        false);
    this.steps = steps;
  }

  /** The model calls made. */
  public int steps() {
    return steps;
  }
}
