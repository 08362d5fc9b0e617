package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.JsonRecords;
import java.util.regex.Pattern;

/**
 * A tool the model may call: its name, what it does, and the JSON Schema of its input.
 *
 * <pre>{@code
 * record Weather(String city) {}
 * ToolSpec weather = ToolSpec.of("get_weather", "Current weather of a city", Weather.class);
 * ToolSpec raw = new ToolSpec("lookup", "Finds an order", JsonValue.parse(
 *     "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}"), false);
 * }</pre>
 *
 * @param name 1 to 64 letters, digits, {@code _} or {@code -}; unique within a request
 * @param description what the tool does and when to use it (the model reads this), or {@code null}
 * @param inputSchema a JSON Schema whose {@code type} is {@code object}
 * @param strict whether the model must follow the schema exactly (where the model supports it)
 */
public record ToolSpec(String name, String description, JsonValue inputSchema, boolean strict) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  public ToolSpec {
    Checks.notBlank(name, "tool name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "tool name must be 1 to 64 letters, digits, '_' or '-' but was '" + name + "'");
    }
    Checks.notNull(inputSchema, "inputSchema of tool " + name);
    if (!inputSchema.isObject()
        || !inputSchema.get("type").flatMap(JsonValue::asString).orElse("").equals("object")) {
      throw new InvalidRequestException(
          "the inputSchema of tool "
              + name
              + " must be a JSON Schema object with \"type\": \"object\" (tool inputs are JSON objects); wrap a single"
              + " value in an object property");
    }
  }

  /**
   * A tool whose input schema is derived from a record's components (all required, no others
   * allowed).
   */
  public static ToolSpec of(String name, String description, Class<? extends Record> input) {
    return new ToolSpec(name, description, JsonRecords.schemaOf(input), false);
  }

  /** A copy that asks the model to follow the schema exactly. */
  public ToolSpec asStrict() {
    return new ToolSpec(name, description, inputSchema, true);
  }

  @Override
  public String toString() {
    return "ToolSpec[" + name + (strict ? ", strict" : "") + "]";
  }
}
