package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Reads the response stream of a TGI or LMI container: the concatenated {@code PayloadPart} bytes
 * form a text of lines, and a part may end anywhere, in the middle of a line or of a UTF-8
 * character. So the decoder buffers <em>bytes</em>, cuts at {@code \n} (a byte that never occurs
 * inside a multi-byte UTF-8 character), and decodes only complete lines. A line is then:
 *
 * <ul>
 *   <li>{@code data:{...}} or {@code data: {...}}: a TGI server-sent event: {@code token.text} is
 *       appended unless {@code token.special}; a non-null {@code details} ({@code finish_reason},
 *       {@code generated_tokens}) ends the answer;
 *   <li>{@code {...}}: an LMI JSON line: {@code {"outputs": ["a", ...]}} or {@code {"token":
 *       {"text": ...}}};
 *   <li>blank, {@code event:}/{@code id:}/{@code retry:} fields, comments and {@code [DONE]}:
 *       ignored.
 * </ul>
 *
 * An {@code {"error": ...}} event fails the stream with a {@link GenAiServiceException} carrying
 * the container's {@code error_type}; its message says how long the container's error text is, and
 * the text itself is kept in {@link GenAiServiceException#rawContent()}, never in the message.
 *
 * <p>Work is linear in the bytes received: each byte is scanned for {@code \n} once, and a line
 * longer than {@code maxLineBytes} fails the stream with a {@link CodecException} rather than being
 * buffered on. One instance per stream; not thread-safe.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class TgiStreamDecoder implements StreamDecoder {
  private final String format;
  private final int maxLineBytes;
  private byte[] buffer = new byte[256];
  private int length;
  private int outputTokens;
  private boolean completed;

  /** Whether any line was a TGI/LMI event (JSON); bytes of lines that were not: */
  private boolean sawEvent;

  private long unknownBytes;

  TgiStreamDecoder(String format, int maxLineBytes) {
    this.format = format;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void decode(byte[] chunk, Consumer<GenerationEvent> sink) {
    if (chunk == null || chunk.length == 0) {
      return;
    }
    int start = 0; // start of the current line in chunk
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] == '\n') {
        if (length > 0) {
          append(chunk, start, i - start);
          int end = length;
          length = 0;
          line(buffer, 0, end, sink);
        } else {
          check(i - start);
          line(chunk, start, i, sink);
        }
        start = i + 1;
      }
    }
    if (start < chunk.length) {
      append(chunk, start, chunk.length - start);
    }
  }

  private void append(byte[] chunk, int from, int count) {
    check(length + count);
    if (length + count > buffer.length) {
      buffer =
          Arrays.copyOf(
              buffer, Math.min(Math.max(length + count, buffer.length * 2), maxLineBytes));
    }
    System.arraycopy(chunk, from, buffer, length, count);
    length += count;
  }

  private void check(int lineBytes) {
    if (lineBytes > maxLineBytes) {
      throw new CodecException(
          "a line of the "
              + format
              + " stream is longer than "
              + maxLineBytes
              + " bytes without a line end; raise TgiCodec.withMaxLineBytes if the container really sends such"
              + " lines",
          null);
    }
  }

  @Override
  public void finish(Consumer<GenerationEvent> sink) {
    if (length > 0) {
      int end = length;
      length = 0;
      line(buffer, 0, end, sink);
    }
    buffer = new byte[0]; // the stream is over: keep nothing
    if (!sawEvent && unknownBytes > 0) {
      // e.g. an HTML error page from a proxy: not an empty answer
      throw new CodecException(
          "the "
              + format
              + " stream ended without any event: "
              + unknownBytes
              + " bytes of lines that are neither data: nor JSON lines",
          null);
    }
    if (!completed) {
      completed = true;
      sink.accept(new GenerationEvent.Completed(null, null, TokenUsage.of(0, outputTokens), null));
    }
  }

  private void line(byte[] bytes, int from, int to, Consumer<GenerationEvent> sink) {
    int end = to;
    if (end > from && bytes[end - 1] == '\r') {
      end--;
    }
    String line = new String(bytes, from, end - from, StandardCharsets.UTF_8).strip();
    if (line.isEmpty()) {
      return;
    }
    String payload;
    if (line.startsWith("data:")) {
      payload = line.substring(5).strip();
    } else if (line.startsWith("{")) {
      payload = line;
    } else {
      if (!line.startsWith(":")
          && !line.startsWith("event:")
          && !line.startsWith("id:")
          && !line.startsWith("retry:")) {
        unknownBytes += end - from;
      }
      return; // event:, id:, retry:, comments; anything else counts as unknown
    }
    if (payload.isEmpty() || payload.equals("[DONE]")) {
      return;
    }
    JsonNode event;
    try {
      event = CodecJson.parse(payload);
    } catch (IOException e) {
      throw CodecJson.unreadable(
          "a line of the " + format + " stream", payload.getBytes(StandardCharsets.UTF_8), e);
    }
    sawEvent = true;
    handle(event, sink);
  }

  private void handle(JsonNode event, Consumer<GenerationEvent> sink) {
    if (completed || event == null || !event.isObject()) {
      return;
    }
    if (event.hasNonNull("error")) {
      String type = CodecJson.textOrNull(event, "error_type");
      String text = event.get("error").asText();
      GenAiServiceException e =
          new GenAiServiceException(
              "the "
                  + format
                  + " container failed while streaming"
                  + (type == null ? "" : " (" + type + ")")
                  + "; its error text ("
                  + text.length()
                  + " chars) is in rawContent()",
              new ServiceErrorDetails(
                  0, type == null ? "ContainerStreamError" : type, null, "sagemaker"),
              null,
              false);
      e.withRawContent(text);
      throw e;
    }
    JsonNode token = event.get("token");
    if (token != null && token.isObject()) {
      String text = CodecJson.textOrNull(token, "text");
      boolean special = token.path("special").asBoolean(false);
      if (!special) {
        outputTokens++;
        if (text != null && !text.isEmpty()) {
          sink.accept(new GenerationEvent.TextDelta(text));
        }
      }
    }
    JsonNode outputs = event.get("outputs");
    if (outputs != null && outputs.isArray()) {
      for (JsonNode o : outputs) {
        String text = o.isTextual() ? o.asText() : CodecJson.textOrNull(o, "text");
        if (text != null && !text.isEmpty()) {
          outputTokens++;
          sink.accept(new GenerationEvent.TextDelta(text));
        }
      }
    }
    JsonNode details = event.get("details");
    if (details != null && details.isObject()) {
      String raw = CodecJson.textOrNull(details, "finish_reason");
      int generated = CodecJson.count(details, "generated_tokens", outputTokens);
      completed = true;
      StopReason reason = StopReasons.of(raw);
      sink.accept(new GenerationEvent.Completed(reason, raw, TokenUsage.of(0, generated), null));
    }
  }
}
