package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * Which part of an answer which passages back: the characters {@code [start, end)} of {@link
 * Answer#text()} and the passages they were written from.
 *
 * <pre>{@code
 * for (Citation c : answer.citations()) {
 *   System.out.println("\"" + answer.text().substring(c.start(), c.end()) + "\"");
 *   c.passages().forEach(p -> System.out.println("   from " + p.sourceUri()));
 * }
 * }</pre>
 *
 * @param start the first character of the cited part in the answer (0-based)
 * @param end one past its last character
 * @param text the cited part of the answer, as the service reported it
 * @param passages the passages behind it (scores are {@code null}: the service gives none here)
 */
public record Citation(int start, int end, String text, List<Passage> passages) {
  public Citation {
    if (start < 0 || end < start) {
      throw new dev.genaiaws.core.exception.InvalidRequestException(
          "a citation span must have 0 <= start <= end but was [" + start + ", " + end + ")");
    }
    text = text == null ? "" : text;
    passages = Checks.copyOf(passages, "passages");
  }

  @Override
  public String toString() {
    return "Citation["
        + start
        + ".."
        + end
        + ", "
        + passages.size()
        + " passages "
        + passages.stream().map(Passage::sourceUri).toList()
        + "]";
  }
}
