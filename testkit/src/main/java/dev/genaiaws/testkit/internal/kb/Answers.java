package dev.genaiaws.testkit.internal.kb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's "model" for RetrieveAndGenerate: an extractive answer. From each of the best chunks it takes
 * the (at most two) sentences that share the most terms with the question, and the answer is those sentences in rank order,
 * each one cited by the chunk it came from. Deterministic, and every citation's span is exactly the sentence
 * its chunk backs. {@code maxTokens} (whitespace words) and stop sequences cut the answer, and the citations
 * with it.
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

  static Answer compose(String question, List<Index.Hit> hits, int maxSentences, Integer maxTokens,
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

  /** The (at most two) sentences of a chunk sharing the most terms with the question, in chunk order. */
  private static List<String> bestSentences(String chunk, Set<String> question) {
    List<String> sentences = new ArrayList<>();
    List<Long> scores = new ArrayList<>();
    Matcher m = SENTENCE.matcher(chunk);
    while (m.find()) {
      String s = m.group().strip();
      long score = Terms.of(s).stream().distinct().filter(question::contains).count();
      if (score > 0) {
        sentences.add(s);
        scores.add(score);
      }
    }
    while (sentences.size() > 2) {
      int worst = scores.indexOf(scores.stream().min(Long::compare).orElseThrow());
      sentences.remove(worst);
      scores.remove(worst);
    }
    return sentences;
  }
}
