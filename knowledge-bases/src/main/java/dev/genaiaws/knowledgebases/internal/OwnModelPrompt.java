package dev.genaiaws.knowledgebases.internal;

import dev.genaiaws.knowledgebases.AnswerRequest;
import dev.genaiaws.knowledgebases.Citation;
import dev.genaiaws.knowledgebases.Passage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Bring your own model": the prompt that hands retrieved passages to any generation model,
 * numbered {@code [1]}, {@code [2]}, ..., and the reading of the answer's {@code [n]} markers back
 * into citations (each sentence that carries markers is cited by those passages). Pure; internal.
 */
public final class OwnModelPrompt {
  /** The system prompt: answer from the passages only, cite with markers. */
  public static final String SYSTEM =
      "You answer questions using only the numbered search results you are given."
          + " After each sentence, cite the results it relies on with their numbers in square brackets, like [1] or"
          + " [1][3]. If the results do not contain the answer, say that you could not find it.";

  private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
  private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]?(\\s*\\[\\d{1,3}])*");

  private OwnModelPrompt() {}

  /** The passages as numbered search results. */
  public static String searchResults(List<Passage> passages) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      b.append('[').append(i + 1).append("] ");
      if (p.sourceUri() != null) {
        b.append("(source: ").append(p.sourceUri()).append(") ");
      }
      b.append(p.text().strip()).append("\n\n");
    }
    return b.toString().strip();
  }

  /** The user message: the request's template with its placeholders filled, or a plain layout. */
  public static String userMessage(AnswerRequest request, List<Passage> passages) {
    String results = searchResults(passages);
    if (request.promptTemplate() != null) {
      return request
          .promptTemplate()
          .replace(AnswerRequest.SEARCH_RESULTS, results)
          .replace("$query$", request.question())
          .replace("$output_format_instructions$", "");
    }
    return "Search results:\n\n" + results + "\n\nQuestion: " + request.question();
  }

  /**
   * The citations of {@code answer}: each sentence with markers, cited by the passages they number.
   */
  public static List<Citation> citations(String answer, List<Passage> passages) {
    List<Citation> out = new ArrayList<>();
    Matcher s = SENTENCE.matcher(answer);
    while (s.find()) {
      Set<Integer> numbers = new LinkedHashSet<>();
      Matcher m = MARKER.matcher(s.group());
      while (m.find()) {
        int n = Integer.parseInt(m.group(1));
        if (n >= 1 && n <= passages.size()) {
          numbers.add(n);
        }
      }
      if (numbers.isEmpty()) {
        continue;
      }
      int start = s.start();
      while (start < s.end() && Character.isWhitespace(answer.charAt(start))) {
        start++;
      }
      List<Passage> cited = numbers.stream().map(n -> passages.get(n - 1)).toList();
      out.add(new Citation(start, s.end(), answer.substring(start, s.end()), cited));
    }
    return out;
  }
}
