package dev.genaiaws.core.tools;

import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * How a {@link ToolLoop} ended: the model's final answer, the whole conversation (to continue it),
 * how many model calls it took and their summed usage.
 *
 * @param response the final answer
 * @param conversation every message sent and received, the final answer last
 * @param steps the number of model calls
 * @param usage the tokens of all model calls together
 */
public record ToolLoopResult(
    GenerationResponse response, List<Message> conversation, int steps, TokenUsage usage) {
  public ToolLoopResult {
    Checks.notNull(response, "response");
    conversation = Checks.copyOf(conversation, "conversation");
  }

  /** The final answer's text. */
  public String text() {
    return response.text();
  }

  @Override
  public String toString() {
    return "ToolLoopResult[steps="
        + steps
        + ", messages="
        + conversation.size()
        + ", "
        + usage
        + "]";
  }
}
