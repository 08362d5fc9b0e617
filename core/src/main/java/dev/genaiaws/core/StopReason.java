package dev.genaiaws.core;

/**
 * Why the model stopped, in one vocabulary for every family. The family's own word is kept beside it
 * ({@link GenerationResponse#rawStopReason()}).
 */
public enum StopReason {
  /** A natural end: the model finished its answer, or produced a stop sequence. */
  STOP,
  /** The {@code maxTokens} limit was reached: the answer is cut off. */
  LENGTH,
  /** The model or a guardrail filtered the content. */
  CONTENT_FILTER,
  /** The model wants a tool to be called. */
  TOOL_USE,
  /** Anything else, including no reason given. */
  OTHER
}
