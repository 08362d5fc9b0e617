package dev.genaiaws.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A model's answer could not be read: the body was not the JSON the family's codec expects. This
 * usually means the model id was matched to the wrong family; name the family explicitly, or report
 * the body shape (not its content) as a bug.
 */
public class CodecException extends GenAiClientException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message, @Nullable Throwable cause) {
    super(message, cause, false);
  }

  /**
   * A body (or stream line) that is not the JSON the codec reads. The message names what was read,
   * its size and where the parser stopped, never the text; the text is kept in {@link
   * #rawContent()}.
   *
   * @param what e.g. {@code "the anthropic.claude-messages answer"}
   * @param body the bytes that could not be read (UTF-8)
   * @param parserError the parser's error type, e.g. {@code JsonParseException}
   * @param line the 1-based line where the parser stopped, or a value below 1 when unknown
   * @param column the 1-based column where the parser stopped, or a value below 1 when unknown
   */
  public static CodecException unreadableJson(
      String what, byte[] body, String parserError, long line, long column) {
    int size = body == null ? 0 : body.length;
    String where = line >= 1 && column >= 1 ? " at line " + line + ", column " + column : "";
    CodecException e =
        new CodecException(
            what
                + " is not valid JSON ("
                + size
                + " bytes; "
                + parserError
                + where
                + "); the text is in rawContent()",
            null);
    e.withRawContent(
        body == null ? null : new String(body, java.nio.charset.StandardCharsets.UTF_8));
    return e;
  }
}
