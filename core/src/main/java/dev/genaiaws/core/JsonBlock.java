package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;

/**
 * JSON content in a {@link ToolResultBlock}: a tool's structured result.
 *
 * @param json the value
 */
public record JsonBlock(JsonValue json) implements ContentBlock {
  public JsonBlock {
    Checks.notNull(json, "json");
  }

  @Override
  public String toString() {
    return "JsonBlock[" + json + "]";
  }
}
