package dev.genaiaws.core;

/**
 * Why the model stopped, in one vocabulary for every family. The family's own word is kept beside
 * it ({@link GenerationResponse#rawStopReason()}).
 */
public enum StopReason {
  /** A natural end: the model finished its answer, or produced a stop sequence. */
  STOP,
  /** The {@code maxTokens} limit was reached: the answer is cut off. */
  LENGTH,
  /** The model or a guardrail filtered the content. */
  CONTENT_FILTER,
  /** The model wants a tool to be called: run the {@code toolUses()} and send the results back. */
  TOOL_USE,
  /** A guardrail intervened: the answer is the guardrail's blocked message, not the model's. */
  GUARDRAIL_INTERVENED,
  /** The conversation no longer fits the model's context window. */
  CONTEXT_WINDOW_EXCEEDED,
  /** The model wrote a tool call that is not valid (e.g. its input is not JSON). */
  MALFORMED_TOOL_USE,
  /** The model's output could not be read (e.g. not valid structured output). */
  MALFORMED_OUTPUT,
  /** Anything else, including no reason given. */
  OTHER
}
