package dev.genaiaws.core;

/**
 * Who speaks in a {@link Message}. The system prompt is not a role: set it with {@link
 * GenerationRequest.Builder#system(String)}.
 */
public enum Role {
  /** The person or program asking. */
  USER,
  /** The model's earlier answers, for multi-turn conversations. */
  ASSISTANT
}
