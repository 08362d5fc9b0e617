package dev.genaiaws.testkit;

/**
 * What kind of text the emulators generate. Both are deterministic: the same request and seed give
 * the same text, streamed or not.
 *
 * <pre>{@code
 * BedrockEmulator emulator = BedrockEmulator.start();          // PROSE: readable English on the topic
 * emulator.textStyle(TextStyle.EDGE_CASES);                    // multibyte words, to test UTF-8 handling
 * }</pre>
 */
public enum TextStyle {
  /**
   * The default: English prose on the prompt's topic, as long as the prompt asks ("about 200
   * words"), with a title line when the prompt asks for a title. Plain ASCII.
   */
  PROSE,
  /**
   * Short word salad in which every answer of six words or more holds one non-ASCII word (2-, 3- or
   * 4-byte UTF-8: {@code café}, {@code 東京}, {@code 🚀}), so a client's UTF-8 decoding across chunk
   * and buffer boundaries is exercised.
   */
  EDGE_CASES
}
