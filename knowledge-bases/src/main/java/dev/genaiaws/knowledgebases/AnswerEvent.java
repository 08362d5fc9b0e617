package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;

/**
 * What a streamed answer delivers ({@link KnowledgeBaseClient#answerPublisher}): {@link Text}
 * pieces as the model writes, a {@link Cited} after the text it backs, {@link GuardrailIntervened}
 * when a guardrail acts, and finally one {@link Completed} with the whole {@link Answer} (text,
 * citations, session id). An error ends the stream instead of {@code Completed}.
 */
public sealed interface AnswerEvent
    permits AnswerEvent.Text,
        AnswerEvent.Cited,
        AnswerEvent.GuardrailIntervened,
        AnswerEvent.Completed {

  /**
   * A piece of the answer, in order.
   *
   * @param text the new text
   */
  record Text(String text) implements AnswerEvent {
    public Text {
      Checks.notNull(text, "text");
    }

    @Override
    public String toString() {
      return "Text[" + Checks.describe(text) + "]";
    }
  }

  /**
   * A citation of text already delivered.
   *
   * @param citation its span in the answer and its passages
   */
  record Cited(Citation citation) implements AnswerEvent {}

  /** A guardrail intervened: the answer was replaced or blocked. */
  record GuardrailIntervened() implements AnswerEvent {}

  /**
   * The end of a successful stream.
   *
   * @param answer the whole answer, its citations and the session id
   */
  record Completed(Answer answer) implements AnswerEvent {}
}
