package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A generated answer with its citations and the session to continue the conversation in.
 *
 * @param text the answer
 * @param citations which spans of {@code text} which passages back, in order
 * @param sessionId the session the service created or continued: pass it to the next question (a
 *     {@link Conversation} does this for you)
 * @param guardrailIntervened whether a guardrail replaced or blocked the answer
 * @param requestId the service's request id, or {@code null}
 */
public record Answer(
    String text,
    List<Citation> citations,
    String sessionId,
    boolean guardrailIntervened,
    String requestId) {
  public Answer {
    text = text == null ? "" : text;
    citations = Checks.copyOf(citations, "citations");
  }

  /** The distinct source URIs cited, in order of first citation. */
  public List<String> sources() {
    Set<String> out = new LinkedHashSet<>();
    citations.forEach(
        c ->
            c.passages()
                .forEach(
                    p -> {
                      if (p.sourceUri() != null) {
                        out.add(p.sourceUri());
                      }
                    }));
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "Answer["
        + Checks.describe(text)
        + ", "
        + citations.size()
        + " citations, session="
        + (sessionId != null)
        + ", guardrailIntervened="
        + guardrailIntervened
        + ", requestId="
        + requestId
        + "]";
  }
}
