package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * One page of retrieved passages, best first, and the token for the next page.
 *
 * <pre>{@code
 * RetrieveRequest request = RetrieveRequest.of("pump noise");
 * RetrievalPage page = kb.retrieve(request);
 * while (true) {
 *   page.passages().forEach(p -> System.out.println(p.score() + " " + p.sourceUri()));
 *   if (!page.hasNextPage()) break;
 *   page = kb.retrieve(request.next(page));
 * }
 * }</pre>
 *
 * @param passages the passages of this page, best first
 * @param nextToken the token for the next page, or {@code null} on the last page
 * @param guardrailIntervened whether a guardrail on the query intervened
 * @param requestId the service's request id, or {@code null}
 */
public record RetrievalPage(
    List<Passage> passages, String nextToken, boolean guardrailIntervened, String requestId) {
  public RetrievalPage {
    passages = Checks.copyOf(passages, "passages");
  }

  /** Whether there is a page after this one. */
  public boolean hasNextPage() {
    return nextToken != null;
  }

  /** The best passage, if any. */
  public Optional<Passage> first() {
    return passages.isEmpty() ? Optional.empty() : Optional.of(passages.get(0));
  }
}
