package dev.genaiaws.testkit.internal.kb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's "model" for RetrieveAndGenerate: an extractive answer. From each of the best
 * chunks it takes the (at most two) sentences that best cover the question's terms, and the answer
 * is those sentences in rank order, each one cited by the chunk it came from. Deterministic, and
 * every citation's span is exactly the sentence its chunk backs. {@code maxTokens} (whitespace
 * words) and stop sequences cut the answer, and the citations with it.
 */
final class Answers {
  /** The service's reply when nothing relevant was found. */
  static final String NO_ANSWER = "Sorry, I am unable to assist you with this request.";

  private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]?");

  /** One cited sentence of the answer: {@code [start, end)} in the answer text. */
  record Part(String text, int start, int end, Index.Chunk chunk) {}

  /** The answer text and its cited parts. */
  record Answer(String text, List<Part> parts) {}

  private Answers() {}

  static Answer compose(
      String question,
      List<Index.Hit> hits,
      int maxSentences,
      Integer maxTokens,
      List<String> stopSequences) {
    Set<String> q = new HashSet<>(Terms.of(question));
    StringBuilder text = new StringBuilder();
    List<Part> parts = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Index.Hit h : hits) {
      for (String sentence : bestSentences(h.chunk().text(), q)) {
        if (parts.size() == maxSentences || !used.add(sentence)) {
          continue;
        }
        if (text.length() > 0) {
          text.append(' ');
        }
        int start = text.length();
        text.append(sentence);
        parts.add(new Part(sentence, start, text.length(), h.chunk()));
      }
    }
    if (parts.isEmpty()) {
      return new Answer(NO_ANSWER, List.of());
    }
    int cut = text.length();
    if (maxTokens != null) {
      Matcher w = Pattern.compile("\\S+").matcher(text);
      int n = 0;
      while (w.find()) {
        if (++n == maxTokens) {
          cut = Math.min(cut, w.end());
          break;
        }
      }
      if (maxTokens == 0) {
        cut = 0;
      }
    }
    for (String stop : stopSequences) {
      int i = stop.isEmpty() ? -1 : text.indexOf(stop);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    String answer = text.substring(0, cut);
    List<Part> kept = new ArrayList<>();
    for (Part p : parts) {
      if (p.start() >= cut) {
        break;
      }
      int end = Math.min(p.end(), cut);
      kept.add(new Part(answer.substring(p.start(), end), p.start(), end, p.chunk()));
    }
    return new Answer(answer, kept);
  }

  /**
   * Up to two sentences of a chunk, chosen greedily for coverage: first the sentence with the most
   * question terms, then the one adding the most terms not yet covered; returned in chunk order.
   */
  private static List<String> bestSentences(String chunk, Set<String> question) {
    List<String> sentences = new ArrayList<>();
    List<Set<String>> terms = new ArrayList<>();
    Matcher m = SENTENCE.matcher(chunk);
    while (m.find()) {
      String s = m.group().strip();
      Set<String> t = new HashSet<>(Terms.of(s));
      t.retainAll(question);
      sentences.add(s);
      terms.add(t);
    }
    Set<String> covered = new HashSet<>();
    java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
    for (int round = 0; round < 2; round++) {
      int best = -1;
      int bestGain = 0;
      for (int i = 0; i < sentences.size(); i++) {
        Set<String> gain = new HashSet<>(terms.get(i));
        gain.removeAll(covered);
        if (!chosen.contains(i) && gain.size() > bestGain) {
          best = i;
          bestGain = gain.size();
        }
      }
      if (best < 0) {
        break;
      }
      chosen.add(best);
      covered.addAll(terms.get(best));
    }
    return chosen.stream().map(sentences::get).toList();
  }
}
