package dev.genaiaws.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The emulators' default text: English prose on the prompt's topic, built from the project's own
 * small set of sentence templates (below; no third-party text). The topic is read from the prompt
 * ("on this topic: X", "about X", "explain X", else its most telling words); the length from "N
 * words" when the prompt gives one; a title line is written when the prompt asks for a title.
 * Deterministic: everything is drawn from the {@link SplittableRandom} it is given.
 */
final class Prose {
  // The topic is never the subject of a conjugated verb, so that singular and plural topics both
  // read well.

  /** Opening sentences; {@code %s} is the topic. */
  private static final String[] OPENINGS = {
    "Work on %s has moved from a weekend experiment to something teams rely on every day.",
    "If you have followed %s for a while, you have probably noticed how quickly the conversation has changed.",
    "Most developers meet %s for the first time when a deadline is close and the documentation is thin.",
    "Ask five engineers to define %s and you will get five different answers, all of them partly right.",
    "At first glance %s can sound complicated, but the core ideas fit on a single page.",
    "Not long ago few teams talked about %s; today the subject comes up in almost every architecture review.",
    "There is a lot of noise around %s, so it helps to start from what actually works.",
    "The subject of %s looks simple from a distance and gets interesting up close.",
  };

  /** Middle sentences; {@code %s}, where present, is the topic. */
  private static final String[] MIDDLES = {
    "The first thing to understand about %s is that progress comes from small, careful steps.",
    "Start with one clear use case, measure what it costs, and only then widen the scope.",
    "A working prototype teaches you more in an afternoon than a week of reading.",
    "Keep the first version boring on purpose, because boring systems are easy to debug.",
    "Write down what success looks like before you write any code.",
    "The hard part is rarely the technology itself; it is deciding what not to build.",
    "Good defaults matter more than clever features, especially for the people who come after you.",
    "Treat every external call as something that can be slow, throttled or simply wrong.",
    "Retries with a sensible backoff turn most temporary failures into small delays.",
    "Logs and metrics are cheap compared with guessing what went wrong in production.",
    "With %s, cost grows quietly, so put a number on it early and watch it every week.",
    "Security is easier to design in than to bolt on, and that holds for %s as well.",
    "Give each component one job and a clear name, and the rest of the design gets simpler.",
    "Automated tests that run offline let you change things without fear.",
    "When something fails, the error message should tell the reader what to do next.",
    "Documentation with small, complete examples saves everyone hours of trial and error.",
    "It is tempting to optimise early, but real traffic is the only honest benchmark.",
    "Teams that review their assumptions regularly tend to avoid the most expensive surprises.",
    "A short feedback loop between an idea and a result is worth more than any single tool.",
    "The best designs for %s leave room to swap one part without rewriting the others.",
    "Latency is a feature that users notice long before they notice anything else.",
    "Small, frequent releases make each change easier to understand and easier to undo.",
    "Managed services take away a lot of undifferentiated work, so you can focus on the product.",
    "Plan for the second user as well as the first, because growth rarely arrives politely.",
    "Clear limits, such as time-outs and quotas, protect a system from its own success.",
    "People learn %s fastest by building something small and real, then improving it.",
    "Every shortcut is a loan, and the interest is paid by whoever maintains the code next.",
    "Measure before and after each change, or you are only guessing about the improvement.",
    "Sharing what you learn with the team turns one person's lesson into everyone's habit.",
    "The right amount of abstraction is the smallest one that removes real duplication.",
    "Plain configuration files and sensible names make a project friendly to newcomers.",
    "A good error budget tells you when to ship features and when to fix foundations.",
  };

  /** Closing sentences; {@code %s}, where present, is the topic. */
  private static final String[] CLOSINGS = {
    "In short, success with %s is less about new tools than about good habits.",
    "Start small, keep it simple, and let real usage tell you what to build next.",
    "None of this is magic, and that is exactly why it works.",
    "If you remember one thing, make it this: measure, learn, and improve in small steps.",
    "The next step is yours: pick one idea from this post and try it this week.",
    "With a little patience, %s can become a dependable part of your everyday toolbox.",
  };

  /** Title patterns; {@code %s} is the topic in title case. */
  private static final String[] TITLES = {
    "%s: A Practical Introduction",
    "Getting Started with %s",
    "What Nobody Tells You About %s",
    "%s in Practice",
    "Lessons Learned from %s",
    "A Friendly Guide to %s",
  };

  private static final Pattern TEMPLATE_MARKUP =
      Pattern.compile(
          "<\\|[^|>]*\\|>|</?s>|\\[/?INST]|<<SYS>>|<</SYS>>|</?[a-zA-Z_]+>|\\b(?:Human|Assistant|User|System):");
  private static final Pattern[] TOPIC_PATTERNS = {
    Pattern.compile("(?i)\\btopic\\s*(?:is|:)\\s*\"?([^\"\\n]{2,160})"),
    Pattern.compile("(?i)\\b(?:titled|called)\\s+\"([^\"\\n]{2,160})\""),
    Pattern.compile(
        "(?i)\\b(?:what|who|where|how|why|when)\\s+(?:is|are|was|were|do|does|did|can|should)\\s+"
            + "([^\\n?.!]{2,160})"),
    Pattern.compile(
        "(?i)\\b(?:about|on|regarding|explain|describe|introduce)\\s+(?!(?:about|around|roughly)\\b)"
            + "(?!\\d)([^\\n.?!:;,]{2,160})"),
  };
  private static final Pattern LENGTH_TAIL =
      Pattern.compile(
          "(?i)\\s*(?:,\\s*)?(?:in|of|with|within|using|at most|under)?\\s*(?:about|around|roughly)?\\s*"
              + "\\d+[\\s-]*(?:words?|sentences?|paragraphs?|lines?)\\b.*$");
  private static final Pattern WORDS = Pattern.compile("(?i)\\b(\\d{1,5})[\\s-]*words?\\b");
  private static final Pattern TITLE = Pattern.compile("(?i)\\btitle\\b");
  private static final Pattern LOWER_WORDS =
      Pattern.compile("^(?:a|an|the|and|or|of|on|in|to|for|with|at|by|from|vs)$");

  private Prose() {}

  /** The natural answer to {@code prompt}, one piece per output token (word). */
  static List<String> pieces(String prompt, SplittableRandom r) {
    String clean = TEMPLATE_MARKUP.matcher(prompt).replaceAll(" ");
    String topic = topic(clean);
    Integer asked = requestedWords(clean);
    int target =
        asked == null ? 30 + r.nextInt(31) : Math.max(1, asked * (95 + r.nextInt(11)) / 100);
    List<String> pieces = new ArrayList<>();
    if (TITLE.matcher(clean).find() && target >= 40) {
      String title = String.format(Locale.ROOT, TITLES[r.nextInt(TITLES.length)], titleCase(topic));
      addWords(pieces, title, "");
    }
    List<String> middles = shuffled(MIDDLES, r);
    int words = 0;
    int inParagraph = 0;
    int paragraphLength = 3 + r.nextInt(2);
    String opening = sentence(OPENINGS[r.nextInt(OPENINGS.length)], topic);
    words += addWords(pieces, opening, pieces.isEmpty() ? "" : "\n\n");
    inParagraph++;
    String closing = sentence(CLOSINGS[r.nextInt(CLOSINGS.length)], topic);
    int closingWords = closing.split(" ").length;
    int next = 0;
    while (words + closingWords < target - 4) {
      String s = sentence(middles.get(next++ % middles.size()), topic);
      if (words + closingWords + s.split(" ").length > target + 8
          && words + closingWords >= target * 0.8) {
        break;
      }
      boolean newParagraph = inParagraph >= paragraphLength;
      words += addWords(pieces, s, newParagraph ? "\n\n" : " ");
      inParagraph = newParagraph ? 1 : inParagraph + 1;
      if (newParagraph) {
        paragraphLength = 3 + r.nextInt(2);
      }
    }
    addWords(pieces, closing, target >= 120 ? "\n\n" : " ");
    return pieces;
  }

  /** The requested length in words ("about 200 words", "a 150-word summary"), or {@code null}. */
  static @Nullable Integer requestedWords(String prompt) {
    Matcher m = WORDS.matcher(prompt);
    Integer last = null;
    while (m.find()) {
      int n = Integer.parseInt(m.group(1));
      if (n > 0) {
        last = n;
      }
    }
    return last;
  }

  /**
   * What the prompt is about: a phrase after "topic:", "about", "on", ..., else its longest words.
   */
  static String topic(String prompt) {
    for (Pattern p : TOPIC_PATTERNS) {
      Matcher m = p.matcher(prompt);
      String found = null;
      while (m.find()) {
        String candidate = tidy(m.group(1));
        if (!candidate.isEmpty()
            && candidate.length() <= 80
            && !candidate.toLowerCase(Locale.ROOT).startsWith("this topic")) {
          found = candidate;
        }
      }
      if (found != null) {
        return found;
      }
    }
    List<String> words = new ArrayList<>();
    for (String w : prompt.split("[^\\p{L}\\p{N}'-]+")) {
      if (w.length() > 3 && w.length() <= 24) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return "this subject";
    }
    int from = Math.max(0, words.size() - 3);
    return String.join(" ", words.subList(from, words.size()));
  }

  private static String tidy(String phrase) {
    String t = LENGTH_TAIL.matcher(phrase.strip().replaceAll("\\s+", " ")).replaceAll("");
    String[] words = t.split(" ");
    if (words.length > 8) {
      t = String.join(" ", java.util.Arrays.copyOf(words, 8));
    }
    return t.replaceAll("[\"'`]+$", "").strip();
  }

  private static String sentence(String template, String topic) {
    String s = String.format(Locale.ROOT, template, topic);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String titleCase(String topic) {
    String[] words = topic.split(" ");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.isEmpty()) {
        continue;
      }
      boolean small = i > 0 && LOWER_WORDS.matcher(w).matches();
      sb.append(i == 0 ? "" : " ")
          .append(small ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
    }
    return sb.toString();
  }

  private static int addWords(List<String> pieces, String text, String separator) {
    String[] words = text.split(" ");
    for (int i = 0; i < words.length; i++) {
      pieces.add((i == 0 ? separator : " ") + words[i]);
    }
    return words.length;
  }

  private static List<String> shuffled(String[] items, SplittableRandom r) {
    List<String> list = new ArrayList<>(List.of(items));
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
    return list;
  }
}
