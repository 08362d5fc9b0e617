package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * A conversation with a knowledge base: each question continues the session the service created on
 * the first answer, so follow-ups ("When was it released?") are understood in the context of
 * earlier turns. The session id is the service's; this only carries it.
 *
 * <pre>{@code
 * Conversation chat = kb.conversation();
 * Answer first = chat.ask("How much does the Atlas pump cost?");
 * Answer next = chat.ask("When was it released?");
 * String id = chat.sessionId().orElseThrow();   // store it to continue later: kb.conversation().resume(id)
 * }</pre>
 *
 * <p>Thread-safe, but a conversation is a sequence: ask one question at a time.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class Conversation {
  private final KnowledgeBaseClient client;
  private final AnswerRequest template;
  private volatile String sessionId;

  /**
   * @param template the settings of every question, or {@code null} for the client's defaults
   */
  Conversation(KnowledgeBaseClient client, AnswerRequest template) {
    this.client = client;
    this.template = template;
    this.sessionId = template == null ? null : template.sessionId();
  }

  private AnswerRequest request(String question) {
    AnswerRequest.Builder b = template == null ? AnswerRequest.builder() : template.toBuilder();
    return b.question(question).sessionId(sessionId).build();
  }

  /** Asks the next question, continuing the session. */
  public synchronized Answer ask(String question) {
    Answer a = client.answer(request(question));
    sessionId = a.sessionId();
    return a;
  }

  /**
   * Asks the next question and streams the answer; the session continues when the stream completes.
   */
  public synchronized Answer askStreaming(
      String question, java.util.function.Consumer<String> onText) {
    Checks.notNull(onText, "onText");
    try (AnswerStream stream = client.answerStream(request(question))) {
      for (dev.genaiaws.core.GenerationEvent e : stream) {
        if (e instanceof dev.genaiaws.core.GenerationEvent.TextDelta d) {
          onText.accept(d.text());
        }
      }
      Answer a = stream.answer();
      sessionId = a.sessionId();
      return a;
    }
  }

  /** Continues the session {@code sessionId} (from an earlier {@link Answer#sessionId()}). */
  public synchronized Conversation resume(String sessionId) {
    this.sessionId = Checks.notNull(sessionId, "sessionId");
    return this;
  }

  /** The session id, once the first answer has arrived. */
  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  @Override
  public String toString() {
    return "Conversation[session=" + (sessionId != null) + "]";
  }
}
