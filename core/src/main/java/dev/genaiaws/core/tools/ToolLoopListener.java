package dev.genaiaws.core.tools;

import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolUseBlock;
import java.time.Duration;

/**
 * Sees every step of a {@link ToolLoop}: each answer of the model and each tool call with its
 * result. Every method has an empty default. Called on the loop's thread (tool results on the
 * tool's thread); an exception thrown here is logged and ignored.
 */
public interface ToolLoopListener {

  /** The model answered in step {@code step} (1 for the first call). */
  default void onModelResponse(int step, GenerationResponse response) {}

  /** A tool call of step {@code step} finished (successfully or as an error result). */
  default void onToolResult(int step, ToolUseBlock call, ToolResultBlock result, Duration took) {}
}
