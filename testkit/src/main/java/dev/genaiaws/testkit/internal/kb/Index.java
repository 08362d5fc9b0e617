package dev.genaiaws.testkit.internal.kb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.NullUnmarked;

/**
 * The chunks of one knowledge base, ranked with Okapi BM25 (k1 = 1.2, b = 0.75) over {@link Terms}.
 * Lexical on purpose: deterministic, explainable, and a question that uses a document's words finds
 * that document's chunk first. Scores are squashed into (0, 1) with {@code s / (s + 1)}, as the
 * service's scores are in [0, 1]. Thread-safe (copy-on-write of the whole index when a job
 * finishes).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class Index {
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  /** One indexed chunk. */
  public record Chunk(
      String id,
      String documentUri,
      String dataSourceId,
      String text,
      int start,
      int end,
      JsonNode metadata,
      List<String> terms) {}

  /** A chunk and its score. */
  public record Hit(Chunk chunk, double score) {}

  private volatile Map<String, List<Chunk>> byDocument = new LinkedHashMap<>();

  /** Replaces the chunks of every document at once. */
  public synchronized void replace(Map<String, List<Chunk>> documents) {
    byDocument = new LinkedHashMap<>(documents);
  }

  /** The chunks of each document, by document URI. */
  public Map<String, List<Chunk>> documents() {
    return byDocument;
  }

  /** All chunks, in document order. */
  public List<Chunk> chunks() {
    List<Chunk> all = new ArrayList<>();
    byDocument.values().forEach(all::addAll);
    return all;
  }

  /**
   * Chunks matching {@code filter}, best first; chunks that share no term with the query are left
   * out.
   */
  public List<Hit> search(String query, Predicate<Chunk> filter) {
    List<Chunk> all = chunks();
    List<String> q = Terms.of(query);
    if (all.isEmpty() || q.isEmpty()) {
      return List.of();
    }
    double avgLen = all.stream().mapToInt(c -> c.terms().size()).average().orElse(1);
    Map<String, Integer> df = new HashMap<>();
    for (Chunk c : all) {
      c.terms().stream().distinct().forEach(t -> df.merge(t, 1, Integer::sum));
    }
    List<Hit> hits = new ArrayList<>();
    for (Chunk c : all) {
      if (!filter.test(c)) {
        continue;
      }
      Map<String, Integer> tf = new HashMap<>();
      c.terms().forEach(t -> tf.merge(t, 1, Integer::sum));
      double s = 0;
      for (String t : q.stream().distinct().toList()) {
        Integer f = tf.get(t);
        if (f == null) {
          continue;
        }
        double idf = Math.log(1 + (all.size() - df.get(t) + 0.5) / (df.get(t) + 0.5));
        s += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * c.terms().size() / avgLen));
      }
      if (s > 0) {
        hits.add(new Hit(c, s / (s + 1)));
      }
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(h -> h.chunk().id()));
    return hits;
  }

  /**
   * The reranker: the share of distinct query terms a chunk contains, then its first-stage score; a
   * different signal from BM25 so that asking for reranking visibly changes the order when coverage
   * and frequency disagree.
   */
  public static List<Hit> rerank(String query, List<Hit> hits) {
    List<String> q = Terms.of(query).stream().distinct().toList();
    List<Hit> out = new ArrayList<>();
    for (Hit h : hits) {
      long covered = q.stream().filter(h.chunk().terms()::contains).count();
      double coverage = q.isEmpty() ? 0 : (double) covered / q.size();
      out.add(new Hit(h.chunk(), Math.min(1.0, 0.9 * coverage + 0.1 * h.score())));
    }
    out.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(h -> h.chunk().id()));
    return out;
  }
}
