package dev.genaiaws.testkit.internal;

import java.util.List;

/**
 * One deterministic model output: the text as pieces (one piece = one output token), why it ended,
 * and which stop sequence cut it (if any).
 *
 * @param pieces the output tokens in order; concatenated they give {@link #text()}
 * @param finish why generation ended
 * @param stopSequence the user stop sequence that ended it, or {@code null}
 */
public record Generation(List<String> pieces, Finish finish, String stopSequence) {

  /** Why a generation ended. */
  public enum Finish {
    /** The model reached a natural end (end of turn / end of text). */
    NATURAL,
    /** The max-token limit was reached. */
    LENGTH,
    /** A caller-given stop sequence was produced (and cut off). */
    STOP_SEQUENCE
  }

  public Generation {
    pieces = List.copyOf(pieces);
  }

  /** The full text. */
  public String text() {
    return String.join("", pieces);
  }

  /** Output token count (one per piece). */
  public int outputTokens() {
    return pieces.size();
  }

  /**
   * Groups the pieces into stream chunks of a few tokens each (the same text as {@link #text()}).
   * Always returns at least one (possibly empty) chunk.
   */
  public List<String> chunks(int tokensPerChunk) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (String p : pieces) {
      sb.append(p);
      if (++n == tokensPerChunk) {
        out.add(sb.toString());
        sb.setLength(0);
        n = 0;
      }
    }
    if (sb.length() > 0 || out.isEmpty()) {
      out.add(sb.toString());
    }
    return out;
  }
}
