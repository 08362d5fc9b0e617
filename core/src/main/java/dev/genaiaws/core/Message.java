package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.List;

/**
 * One turn of a conversation: who spoke and what they said.
 *
 * <pre>{@code
 * List<Message> chat = List.of(
 *     Message.user("Name a fruit."),
 *     Message.assistant("Apple."),
 *     Message.user("Another one."));
 * }</pre>
 *
 * @param role who spoke
 * @param content what they said: at least one block
 */
public record Message(Role role, List<ContentBlock> content) {
  public Message {
    Checks.notNull(role, "role");
    content = Checks.copyOf(content, "content");
    if (content.isEmpty()) {
      throw new InvalidRequestException(
          "a "
              + role.name().toLowerCase(java.util.Locale.ROOT)
              + " message must have at least one content block");
    }
  }

  /** A user turn with one text block. */
  public static Message user(String text) {
    return new Message(Role.USER, List.of(new TextBlock(text)));
  }

  /** A user turn with several blocks, e.g. text and an image. */
  public static Message user(ContentBlock... blocks) {
    return new Message(Role.USER, blocks == null ? List.of() : java.util.Arrays.asList(blocks));
  }

  /** An assistant turn with one text block. */
  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, List.of(new TextBlock(text)));
  }

  /** The text blocks (and cited text) of this message joined together; other blocks are skipped. */
  public String text() {
    return textOf(content);
  }

  /** A user turn answering tool calls: one or more tool results. */
  public static Message toolResults(List<ToolResultBlock> results) {
    return new Message(Role.USER, List.copyOf(results));
  }

  static String textOf(List<ContentBlock> blocks) {
    // a loop, not a stream: called on every answer, and most answers hold one text block, returned
    // as it is
    String only = null;
    StringBuilder joined = null;
    for (ContentBlock b : blocks) {
      String t =
          b instanceof TextBlock tb ? tb.text() : b instanceof CitationsBlock c ? c.text() : null;
      if (t == null) {
        continue;
      }
      if (only == null) {
        only = t;
      } else {
        if (joined == null) {
          joined = new StringBuilder(only);
        }
        joined.append(t);
      }
    }
    return joined != null ? joined.toString() : only != null ? only : "";
  }

  /** Whether any block is an image. */
  public boolean hasImages() {
    return content.stream().anyMatch(ImageBlock.class::isInstance);
  }

  @Override
  public String toString() {
    return "Message[" + role + ", " + content.size() + " blocks, " + Checks.describe(text()) + "]";
  }
}
