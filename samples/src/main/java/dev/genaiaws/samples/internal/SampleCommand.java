package dev.genaiaws.samples.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a sample command is made of besides its options: the two streams it writes to (its result to
 * {@link #out}, notices and failures to {@link #err}) and {@link #execute}, which parses and runs
 * it the way {@link Cli#execute} says. A sample's static entry point is then {@code new
 * XSample(out, err).execute("x", args)}; its common options come from {@link CommonOptions}.
 */
public abstract class SampleCommand implements Callable<Integer> {
  /** Where the sample's result goes (the answer, the files' paths). */
  protected final PrintStream out;

  /** Where notices, progress and failures go. */
  protected final PrintStream err;

  /**
   * @param out where the sample's result goes
   * @param err where notices, progress and failures go
   */
  protected SampleCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Parses {@code args} into this command and runs it; returns the exit code (see {@link Cli}). */
  protected final int execute(String name, String[] args) {
    return Cli.execute(this, name, args, out, err);
  }

  /**
   * The words of a positional parameter as one text (joined by spaces, stripped); a usage error
   * (exit code 2) saying {@code label} must not be blank when it is.
   */
  protected static String text(CommandSpec spec, List<String> words, String label) {
    String text = String.join(" ", words).strip();
    if (text.isEmpty()) {
      throw Cli.usage(spec, label + " must not be blank");
    }
    return text;
  }
}
