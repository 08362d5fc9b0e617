package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * A span of an answer with the citations that support it (when a {@link DocumentBlock} asked for
 * citations). Its text is part of {@link GenerationResponse#text()}. Pass it back unchanged in
 * later turns.
 *
 * @param text the answer's text for this span
 * @param citations the sources for it
 */
public record CitationsBlock(String text, List<Citation> citations) implements ContentBlock {
  public CitationsBlock {
    Checks.notNull(text, "text");
    citations = Checks.copyOf(citations, "citations");
  }

  @Override
  public String toString() {
    return "CitationsBlock[" + Checks.describe(text) + ", " + citations.size() + " citations]";
  }
}
