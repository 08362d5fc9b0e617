package dev.genaiaws.core.tools;

import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.internal.Checks;

/**
 * A Java function the model may call: its name, what it does, the record its input is bound to
 * (which also gives the JSON Schema the model sees), and the function itself.
 *
 * <pre>{@code
 * record Weather(String city) {}
 * Tool<Weather> weather = Tool.of("get_weather", "Current weather of a city", Weather.class,
 *     in -> Map.of("city", in.city(), "celsius", 21));
 * }</pre>
 *
 * <p>What the function returns is sent back to the model: a {@code String} as text, a {@link
 * JsonValue}, records, maps and lists as JSON, a {@link dev.genaiaws.core.ToolResultBlock} as it
 * is. An exception it throws is sent back as an error result carrying the exception's message, so
 * the model can try again or explain; the loop goes on.
 *
 * @param <I> the input record type
 */
public final class Tool<I extends Record> {

  /**
   * The function behind a tool.
   *
   * @param <I> the input record type
   */
  @FunctionalInterface
  public interface Function<I> {
    /** Runs the tool; any exception becomes an error result for the model. */
    Object apply(I input) throws Exception;
  }

  private final ToolSpec spec;
  private final Class<I> inputType;
  private final Function<I> function;

  private Tool(ToolSpec spec, Class<I> inputType, Function<I> function) {
    this.spec = spec;
    this.inputType = inputType;
    this.function = function;
  }

  /** A tool whose input schema is derived from {@code inputType}. */
  public static <I extends Record> Tool<I> of(
      String name, String description, Class<I> inputType, Function<I> function) {
    Checks.notNull(inputType, "inputType");
    Checks.notNull(function, "function");
    return new Tool<>(ToolSpec.of(name, description, inputType), inputType, function);
  }

  /** A copy whose schema the model must follow exactly (where the model supports strict tools). */
  public Tool<I> strict() {
    return new Tool<>(spec.asStrict(), inputType, function);
  }

  /** The specification the model sees. */
  public ToolSpec spec() {
    return spec;
  }

  /** The tool's name. */
  public String name() {
    return spec.name();
  }

  Class<I> inputType() {
    return inputType;
  }

  Object call(I input) throws Exception {
    return function.apply(input);
  }

  @Override
  public String toString() {
    return "Tool[" + spec.name() + ", input=" + inputType.getSimpleName() + "]";
  }
}
