package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.JsonRecords;

/**
 * The model asks for a tool to be called: in an assistant message (or a response), with the id the
 * result must quote. Run the tool and answer with a {@link ToolResultBlock} of the same id in the
 * next user message.
 *
 * <pre>{@code
 * for (ToolUseBlock call : response.toolUses()) {
 *   Weather in = call.inputAs(Weather.class);
 *   results.add(ToolResultBlock.ofText(call.id(), forecast(in.city())));
 * }
 * }</pre>
 *
 * @param id the tool-use id (1 to 64 characters), unique within the conversation
 * @param name the tool's name
 * @param input the arguments, a JSON object
 */
public record ToolUseBlock(String id, String name, JsonValue input) implements ContentBlock {
  public ToolUseBlock {
    Checks.notBlank(id, "tool use id");
    Checks.notBlank(name, "tool name");
    input = input == null ? JsonValue.emptyObject() : input;
  }

  /**
   * The input bound to a record type.
   *
   * @throws InvalidRequestException naming the JSON path that does not fit
   */
  public <T> T inputAs(Class<T> type) {
    return JsonRecords.bind(input, type);
  }

  @Override
  public String toString() {
    return "ToolUseBlock[" + id + ", " + name + "]";
  }
}
