package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call.
 *
 * <pre>{@code
 * ToolChoice.auto()               // the model decides (the default)
 * ToolChoice.any()                // it must call some tool
 * ToolChoice.tool("get_weather")  // it must call this one
 * ToolChoice.none()               // no tool calls now (Converse: the tools are left out unless the
 *                                 // conversation already holds tool blocks, which Bedrock requires them for)
 * }</pre>
 *
 * <p>A forced choice ({@code any} or a named tool) cannot be combined with reasoning: the request
 * fails before sending.
 *
 * @param mode the kind of choice
 * @param toolName the tool for {@link Mode#TOOL}, else {@code null}
 */
public record ToolChoice(Mode mode, @Nullable String toolName) {
  /** The kinds of tool choice. */
  public enum Mode {
    /** The model decides. */
    AUTO,
    /** The model must call at least one tool. */
    ANY,
    /** The model must call the named tool. */
    TOOL,
    /** The model must not call tools. */
    NONE
  }

  public ToolChoice {
    Checks.notNull(mode, "mode");
    if (mode == Mode.TOOL) {
      Checks.notBlank(toolName, "toolName");
    } else if (toolName != null) {
      throw new dev.genaiaws.core.exception.InvalidRequestException(
          "toolName is only for ToolChoice.tool(name) but was given with " + mode);
    }
  }

  public static ToolChoice auto() {
    return new ToolChoice(Mode.AUTO, null);
  }

  public static ToolChoice any() {
    return new ToolChoice(Mode.ANY, null);
  }

  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, name);
  }

  public static ToolChoice none() {
    return new ToolChoice(Mode.NONE, null);
  }

  /** Whether the model is forced to call a tool. */
  public boolean forced() {
    return mode == Mode.ANY || mode == Mode.TOOL;
  }
}
