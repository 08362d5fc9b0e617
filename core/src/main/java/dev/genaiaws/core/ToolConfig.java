package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tools of a request: which the model may call, how it must choose, and optionally a
 * prompt-cache point after the tool definitions. Send the same tools on every call of a tool
 * conversation (Bedrock refuses tool blocks in a conversation that has no tools).
 *
 * @param tools the tools, at least one, names unique
 * @param choice how the model chooses ({@link ToolChoice#auto()} when {@code null})
 * @param cachePoint a cache point after the tool definitions, or {@code null}
 */
public record ToolConfig(
    List<ToolSpec> tools, ToolChoice choice, @Nullable CachePointBlock cachePoint) {
  public ToolConfig {
    tools = Checks.copyOf(tools, "tools");
    if (tools.isEmpty()) {
      throw new InvalidRequestException("a tool config needs at least one tool");
    }
    Set<String> names = new HashSet<>();
    for (ToolSpec t : tools) {
      if (!names.add(t.name())) {
        throw new InvalidRequestException(
            "tool names must be unique but '"
                + t.name()
                + "' is given twice: rename one of the tools");
      }
    }
    choice = choice == null ? ToolChoice.auto() : choice;
    if (choice.mode() == ToolChoice.Mode.TOOL && !names.contains(choice.toolName())) {
      throw new InvalidRequestException(
          "the tool choice names '"
              + choice.toolName()
              + "' but the tools are "
              + names
              + ": name one of them");
    }
  }

  /** The given tools, the model choosing freely. */
  public static ToolConfig of(List<ToolSpec> tools) {
    return new ToolConfig(tools, ToolChoice.auto(), null);
  }

  /** The given tools, the model choosing freely. */
  public static ToolConfig of(ToolSpec... tools) {
    return new ToolConfig(List.of(tools), ToolChoice.auto(), null);
  }

  /** A copy with another tool choice. */
  public ToolConfig withChoice(ToolChoice choice) {
    return new ToolConfig(tools, choice, cachePoint);
  }

  /** A copy with a cache point after the tool definitions. */
  public ToolConfig withCachePoint(CachePointBlock cachePoint) {
    return new ToolConfig(tools, choice, cachePoint);
  }
}
