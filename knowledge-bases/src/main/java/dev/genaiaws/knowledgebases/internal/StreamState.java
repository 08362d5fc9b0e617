package dev.genaiaws.knowledgebases.internal;

import dev.genaiaws.knowledgebases.Answer;
import dev.genaiaws.knowledgebases.AnswerEvent;
import dev.genaiaws.knowledgebases.Citation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.bedrockagentruntime.model.CitationEvent;
import software.amazon.awssdk.services.bedrockagentruntime.model.GuardrailEvent;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateOutputEvent;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseOutput;

/**
 * What one streamed answer has delivered so far: the text (to place citations in it), the
 * citations, the session id from the response header and whether a guardrail intervened. Events
 * arrive serially (the SDK's subscriber contract); the session id is written before the first.
 * Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class StreamState {
  private final StringBuilder text = new StringBuilder();
  private final List<Citation> citations = new ArrayList<>();
  private volatile String sessionId;
  private volatile String requestId;
  private boolean intervened;

  void started(String sessionId, String requestId) {
    this.sessionId = sessionId;
    this.requestId = requestId;
  }

  /** The event for an SDK event, or {@code null} for event types this code does not know. */
  @SuppressWarnings(
      "deprecation") // older service versions send the citation in the deprecated member
  AnswerEvent convert(RetrieveAndGenerateStreamResponseOutput event) {
    if (event instanceof RetrieveAndGenerateOutputEvent o) {
      String t = o.text() == null ? "" : o.text();
      text.append(t);
      return new AnswerEvent.Text(t);
    }
    if (event instanceof CitationEvent c) {
      Citation citation =
          c.generatedResponsePart() != null
                  || (c.retrievedReferences() != null && !c.retrievedReferences().isEmpty())
              ? Wire.citation(text.toString(), c.generatedResponsePart(), c.retrievedReferences())
              : c.citation() == null
                  ? null
                  : Wire.citation(
                      text.toString(),
                      c.citation().generatedResponsePart(),
                      c.citation().retrievedReferences());
      if (citation == null) {
        return null;
      }
      citations.add(citation);
      return new AnswerEvent.Cited(citation);
    }
    if (event instanceof GuardrailEvent g) {
      if ("INTERVENED".equals(g.actionAsString())) {
        intervened = true;
        return new AnswerEvent.GuardrailIntervened();
      }
      return null;
    }
    return null;
  }

  AnswerEvent.Completed completed() {
    return new AnswerEvent.Completed(
        new Answer(text.toString(), citations, sessionId, intervened, requestId));
  }
}
