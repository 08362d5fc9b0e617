package dev.genaiaws.testkit.internal;

import dev.genaiaws.testkit.TextStyle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.NullUnmarked;

/**
 * Produces the emulators' text, which depends only on the prompt, the seed and the {@link
 * TextStyle} in use, so the same request always gives the same answer, streamed or not.
 *
 * <p>The style is {@link TextStyle#PROSE} unless a service selects another one for the request it
 * is handling ({@link #use}): readable English on the prompt's topic and of the length it asks for.
 * {@link TextStyle#EDGE_CASES} is short word salad in which every answer of six words or more
 * contains one non-ASCII word (2-, 3- or 4-byte UTF-8), so clients' UTF-8 handling is exercised.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TextGenerator {
  private static final ThreadLocal<TextStyle> STYLE =
      ThreadLocal.withInitial(() -> TextStyle.PROSE);

  private static final String[] WORDS =
      ("the a an of to in and for with on as by at from that this it is are was be can will "
              + "model cloud data system service request stream token answer question simple clear "
              + "fast small large secure private reliable function event region client server "
              + "builder value result message content blog team project feature test build deploy "
              + "serverless lambda queue bucket object image text vector search index cache latency "
              + "throughput cost scale design pattern example guide step idea reason summary detail "
              + "write read run call send receive handle parse retry measure improve explain describe "
              + "always often usually quickly carefully clearly simply really only also then when "
              + "because while before after every each many most some other new good better best "
              + "useful practical modern common important possible ready final early open")
          .split(" ");
  private static final String[] NON_ASCII = {
    "café", "naïve", "façade", "über", "déjà", "jalapeño", "Zürich", "crème", "東京", "寿司", "🙂", "🚀"
  };

  private TextGenerator() {}

  /** Undoes {@link #use} when closed. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Makes {@code style} the style of every generation on this thread until the returned scope is
   * closed (a service wraps the handling of one request in it).
   */
  public static Scope use(TextStyle style) {
    TextStyle before = STYLE.get();
    STYLE.set(style == null ? TextStyle.PROSE : style);
    return () -> STYLE.set(before);
  }

  /** A stable 64-bit seed from the prompt text and an optional caller seed. */
  public static long seedOf(String prompt, Long seed) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prompt.getBytes(StandardCharsets.UTF_8));
      if (seed != null) {
        md.update(ByteBuffer.allocate(8).putLong(seed).array());
      }
      return ByteBuffer.wrap(md.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /** Approximate token count of some input text: one per word, at least one. */
  public static int countTokens(String text) {
    String t = text == null ? "" : text.strip();
    return t.isEmpty() ? 1 : t.split("\\s+").length;
  }

  /**
   * Generates the answer for {@code prompt}.
   *
   * @param maxTokens the limit (a natural answer is 30–60 words long, or as long as the prompt asks
   *     in prose; one token per word)
   * @param stopSequences the caller's stop sequences; output is cut before the first one found
   */
  public static Generation generate(
      String prompt, Long seed, int maxTokens, List<String> stopSequences) {
    List<String> natural =
        STYLE.get() == TextStyle.EDGE_CASES
            ? edgeCasePieces(seedOf(prompt, seed))
            : Prose.pieces(prompt, new SplittableRandom(seedOf(prompt, seed)));
    List<String> pieces = natural;
    Generation.Finish finish = Generation.Finish.NATURAL;
    if (maxTokens < natural.size()) {
      pieces = new ArrayList<>(natural.subList(0, Math.max(0, maxTokens)));
      finish = Generation.Finish.LENGTH;
    }
    String text = String.join("", pieces);
    int cut = -1;
    String hit = null;
    for (String stop : stopSequences) {
      if (stop == null || stop.isEmpty()) {
        continue;
      }
      int i = text.indexOf(stop);
      if (i >= 0 && (cut < 0 || i < cut)) {
        cut = i;
        hit = stop;
      }
    }
    if (hit == null) {
      return new Generation(pieces, finish, null);
    }
    List<String> kept = new ArrayList<>();
    int pos = 0;
    for (String p : pieces) {
      if (pos + p.length() <= cut) {
        kept.add(p);
      } else {
        if (pos < cut) {
          kept.add(p.substring(0, cut - pos));
        }
        break;
      }
      pos += p.length();
    }
    return new Generation(kept, Generation.Finish.STOP_SEQUENCE, hit);
  }

  private static List<String> edgeCasePieces(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int total = 18 + r.nextInt(43);
    int special = 1 + r.nextInt(4);
    List<String> pieces = new ArrayList<>(total);
    boolean sentenceStart = true;
    int sentenceLeft = 5 + r.nextInt(9);
    for (int i = 0; i < total; i++) {
      String w =
          i == special ? NON_ASCII[r.nextInt(NON_ASCII.length)] : WORDS[r.nextInt(WORDS.length)];
      if (sentenceStart) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
        sentenceStart = false;
      }
      sentenceLeft--;
      if (sentenceLeft == 0 || i == total - 1) {
        w = w + ".";
        sentenceStart = true;
        sentenceLeft = 5 + r.nextInt(9);
      } else if (r.nextInt(12) == 0) {
        w = w + ",";
      }
      pieces.add(i == 0 ? w : " " + w);
    }
    return pieces;
  }

  /**
   * A deterministic embedding of {@code text}: {@code dimensions} floats, unit length when {@code
   * normalize}, otherwise of a text-dependent magnitude.
   */
  public static float[] embedding(String text, int dimensions, boolean normalize) {
    SplittableRandom r = new SplittableRandom(seedOf(text, 7L));
    float[] v = new float[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      double x = r.nextDouble() * 2 - 1;
      v[i] = (float) x;
      norm += x * x;
    }
    double target = normalize ? 1.0 : 5 + r.nextDouble() * 15;
    double scale = target / Math.sqrt(norm);
    for (int i = 0; i < dimensions; i++) {
      v[i] = (float) (v[i] * scale);
    }
    return v;
  }
}
