package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * The result of a tool call, sent back in a user message with the id of the {@link ToolUseBlock} it
 * answers. Its content is text, JSON ({@link JsonBlock}), images or documents; {@code error} tells
 * the model the call failed (the content then says why), so it can recover instead of the
 * conversation ending.
 *
 * <pre>{@code
 * ToolResultBlock.ofText(call.id(), "21 °C, sunny");
 * ToolResultBlock.ofJson(call.id(), JsonValue.of(Map.of("temperature", 21)));
 * ToolResultBlock.error(call.id(), "city not found");
 * }</pre>
 *
 * @param toolUseId the id of the tool call answered
 * @param content at least one text, JSON, image or document block
 * @param error whether the tool failed
 */
public record ToolResultBlock(String toolUseId, List<ContentBlock> content, boolean error)
    implements ContentBlock {
  public ToolResultBlock {
    Checks.notBlank(toolUseId, "toolUseId");
    content = Checks.copyOf(content, "tool result content");
    if (content.isEmpty()) {
      throw new InvalidRequestException(
          "a tool result needs at least one content block (tool " + toolUseId + ")");
    }
    for (ContentBlock b : content) {
      if (!(b instanceof TextBlock
          || b instanceof JsonBlock
          || b instanceof ImageBlock
          || b instanceof DocumentBlock)) {
        throw new InvalidRequestException(
            "a tool result holds text, JSON, images or documents, not "
                + b.getClass().getSimpleName());
      }
    }
  }

  /** A successful result with text. */
  public static ToolResultBlock ofText(String toolUseId, String text) {
    return new ToolResultBlock(toolUseId, List.of(new TextBlock(text)), false);
  }

  /** A successful result with JSON. */
  public static ToolResultBlock ofJson(String toolUseId, JsonValue json) {
    return new ToolResultBlock(toolUseId, List.of(new JsonBlock(json)), false);
  }

  /** A failed call, with a message the model reads. */
  public static ToolResultBlock error(String toolUseId, String message) {
    return new ToolResultBlock(toolUseId, List.of(new TextBlock(message)), true);
  }

  @Override
  public String toString() {
    return "ToolResultBlock["
        + toolUseId
        + ", "
        + content.size()
        + " blocks"
        + (error ? ", error" : "")
        + "]";
  }
}
