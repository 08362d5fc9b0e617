package dev.genaiaws.testkit.internal.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lower-cased letter/digit words without English stop words, with a light plural/suffix folding.
 */
final class Terms {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "did", "for",
          "from", "has", "have", "how", "i", "in", "is", "it", "its", "me", "my", "of", "on", "or",
          "so", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to",
          "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with",
          "you", "your", "about", "tell", "much", "many", "into", "than", "our");

  private Terms() {}

  static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (!STOP.contains(w)) {
        out.add(fold(w));
      }
    }
    return out;
  }

  private static String fold(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
