package dev.genaiaws.testkit.internal.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document into chunks the way a knowledge base's chunking configuration says: {@code NONE}
 * (the whole document is one chunk) or {@code FIXED_SIZE} ({@code maxTokens} whitespace-separated
 * tokens per chunk, each chunk starting {@code overlapPercentage} percent of {@code maxTokens}
 * before the previous one ended). A token here is a whitespace-separated word, an approximation of
 * the service's tokenizer. Chunks keep their exact character span in the document so that citations
 * can point at it.
 *
 * @param maxTokens tokens per chunk (FIXED_SIZE), 0 for NONE
 * @param overlapPercentage 1..99 percent overlap (FIXED_SIZE)
 */
public record Chunker(int maxTokens, int overlapPercentage) {
  private static final Pattern TOKEN = Pattern.compile("\\S+");

  /** One piece of a document, with its character span {@code [start, end)} in the document text. */
  public record Piece(String text, int start, int end) {}

  /** The whole document as one chunk. */
  public static Chunker none() {
    return new Chunker(0, 0);
  }

  /** The service's default: 300 tokens, 20 percent overlap. */
  public static Chunker defaults() {
    return new Chunker(300, 20);
  }

  /** {@code FIXED_SIZE} or {@code NONE}, for {@code GetDataSource}. */
  public String strategy() {
    return maxTokens == 0 ? "NONE" : "FIXED_SIZE";
  }

  /** The chunks of {@code text}; none for a blank text. */
  public List<Piece> chunk(String text) {
    List<int[]> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(new int[] {m.start(), m.end()});
    }
    List<Piece> out = new ArrayList<>();
    if (tokens.isEmpty()) {
      return out;
    }
    if (maxTokens == 0 || tokens.size() <= maxTokens) {
      int s = tokens.get(0)[0];
      int e = tokens.get(tokens.size() - 1)[1];
      out.add(new Piece(text.substring(s, e), s, e));
      return out;
    }
    int overlap = Math.max(0, Math.min(maxTokens - 1, maxTokens * overlapPercentage / 100));
    int step = maxTokens - overlap;
    for (int first = 0; first < tokens.size(); first += step) {
      int last = Math.min(tokens.size(), first + maxTokens) - 1;
      int s = tokens.get(first)[0];
      int e = tokens.get(last)[1];
      out.add(new Piece(text.substring(s, e), s, e));
      if (last == tokens.size() - 1) {
        break;
      }
    }
    return out;
  }
}
