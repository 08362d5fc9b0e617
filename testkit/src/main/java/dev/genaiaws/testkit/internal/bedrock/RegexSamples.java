package dev.genaiaws.testkit.internal.bedrock;

import org.jspecify.annotations.NullUnmarked;

/**
 * Writes one shortest string matching a simple regular expression (the kind JSON Schema {@code
 * pattern}s use: literals, escapes {@code \d \w \s}, character classes, groups with alternatives,
 * and the quantifiers {@code ? * + {n} {n,} {n,m}}), or {@code null} when the expression uses
 * anything else. Callers check the result against the pattern anyway.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class RegexSamples {
  private final String re;
  private int pos;

  private RegexSamples(String re) {
    this.re = re;
  }

  /** A string matching {@code regex}, or {@code null}. */
  static String sample(String regex) {
    try {
      RegexSamples p = new RegexSamples(regex);
      String out = p.alternatives();
      return p.pos == regex.length() ? out : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private String alternatives() {
    String first = sequence();
    while (pos < re.length() && re.charAt(pos) == '|') {
      pos++;
      sequence();
    }
    return first;
  }

  private String sequence() {
    StringBuilder b = new StringBuilder();
    while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
      String atom = atom();
      int min = 1;
      if (pos < re.length()) {
        char q = re.charAt(pos);
        if (q == '?' || q == '*') {
          pos++;
          min = 0;
        } else if (q == '+') {
          pos++;
        } else if (q == '{') {
          int close = re.indexOf('}', pos);
          String[] bounds = re.substring(pos + 1, close).split(",", -1);
          min = Integer.parseInt(bounds[0].trim());
          pos = close + 1;
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
          pos++; // lazy or possessive
        }
      }
      b.append(atom.repeat(min));
    }
    return b.toString();
  }

  private String atom() {
    char c = re.charAt(pos++);
    switch (c) {
      case '^', '$' -> {
        return "";
      }
      case '.' -> {
        return "a";
      }
      case '(' -> {
        if (re.startsWith("?:", pos)) {
          pos += 2;
        }
        String inner = alternatives();
        if (re.charAt(pos++) != ')') {
          throw new IllegalArgumentException("group");
        }
        return inner;
      }
      case '[' -> {
        return characterClass();
      }
      case '\\' -> {
        return escape(re.charAt(pos++));
      }
      default -> {
        return String.valueOf(c);
      }
    }
  }

  private static String escape(char e) {
    return switch (e) {
      case 'd' -> "1";
      case 'w' -> "a";
      case 's' -> " ";
      case 'D', 'W', 'S' -> "-";
      default -> String.valueOf(e);
    };
  }

  private String characterClass() {
    if (re.charAt(pos) == '^') {
      throw new IllegalArgumentException("negated class");
    }
    int close = re.indexOf(']', pos + 1);
    String body = re.substring(pos, close);
    pos = close + 1;
    if (body.startsWith("\\")) {
      return escape(body.charAt(1));
    }
    return String.valueOf(body.charAt(0));
  }
}
