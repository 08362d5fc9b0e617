package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which source supports a span of an answer: the document (or web page / search result), the quoted
 * text, and where in the source it is.
 *
 * @param title the source's title or document name, or {@code null}
 * @param source the source's identifier (e.g. a URL), or {@code null}
 * @param sourceContent the cited text from the source
 * @param location where in the source
 */
public record Citation(
    @Nullable String title,
    @Nullable String source,
    List<String> sourceContent,
    @Nullable Location location) {
  public Citation {
    sourceContent = Checks.copyOf(sourceContent, "sourceContent");
  }

  /**
   * A place in a source.
   *
   * @param kind {@code documentChar}, {@code documentPage}, {@code documentChunk}, {@code
   *     searchResultLocation}, {@code web} or another kind the service reports
   * @param index the document or search-result index in the request, or {@code null}
   * @param start the first character, page or chunk, or {@code null}
   * @param end the end (exclusive for characters), or {@code null}
   * @param url the page's URL for web citations, or {@code null}
   */
  public record Location(
      String kind,
      @Nullable Integer index,
      @Nullable Integer start,
      @Nullable Integer end,
      @Nullable String url) {}

  @Override
  public String toString() {
    return "Citation["
        + (location == null ? "?" : location.kind())
        + ", "
        + sourceContent.size()
        + " quotes]";
  }
}
