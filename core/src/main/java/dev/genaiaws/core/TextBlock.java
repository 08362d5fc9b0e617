package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;

/**
 * A piece of text in a message or a response. {@code toString()} prints its length, never the text.
 *
 * @param text the text, not null (may be empty in a response)
 */
public record TextBlock(String text) implements ContentBlock {
  public TextBlock {
    Checks.notNull(text, "text");
  }

  /** Same as {@code new TextBlock(text)}. */
  public static TextBlock of(String text) {
    return new TextBlock(text);
  }

  @Override
  public String toString() {
    return "TextBlock[" + Checks.describe(text) + "]";
  }
}
