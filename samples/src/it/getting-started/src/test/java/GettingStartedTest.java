import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guide's first program, run as a user would: it prints about 100 words and how the generation ended. */
class GettingStartedTest {
  @Test
  void main_printsTheAnswerAndItsUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      GettingStarted.main(new String[0]);
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    String[] lines = printed.strip().split("\\R");
    int words = printed.strip().split("\\s+").length;
    assertTrue(words >= 80 && words <= 140, "about 100 words, got " + words + ": " + printed);
    assertTrue(printed.contains("serverless GenAI"), printed);
    assertTrue(lines[lines.length - 1].startsWith("(STOP, "), lines[lines.length - 1]);
  }
}
