package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Reads the response stream of a TGI or LMI container: the concatenated {@code PayloadPart} bytes form a
 * text of lines, and a part may end anywhere, in the middle of a line or of a UTF-8 character. So the
 * decoder buffers <em>bytes</em>, cuts at {@code \n} (a byte that never occurs inside a multi-byte UTF-8
 * character), and decodes only complete lines. A line is then:
 *
 * <ul>
 *   <li>{@code data:{...}} or {@code data: {...}}: a TGI server-sent event: {@code token.text} is appended
 *       unless {@code token.special}; a non-null {@code details} ({@code finish_reason},
 *       {@code generated_tokens}) ends the answer;</li>
 *   <li>{@code {...}}: an LMI JSON line: {@code {"outputs": ["a", ...]}} or {@code {"token": {"text": ...}}};</li>
 *   <li>blank, {@code event:}/{@code id:}/{@code retry:} fields, comments and {@code [DONE]}: ignored.</li>
 * </ul>
 *
 * An {@code {"error": ...}} event fails the stream with a {@link GenAiServiceException} carrying the
 * container's {@code error_type}. One instance per stream; not thread-safe.
 */
final class TgiStreamDecoder implements StreamDecoder {
  private final String format;
  private byte[] buffer = new byte[256];
  private int length;
  private int outputTokens;
  private boolean completed;

  TgiStreamDecoder(String format) {
    this.format = format;
  }

  @Override
  public void decode(byte[] chunk, Consumer<GenerationEvent> sink) {
    if (chunk == null || chunk.length == 0) {
      return;
    }
    ensure(length + chunk.length);
    System.arraycopy(chunk, 0, buffer, length, chunk.length);
    length += chunk.length;
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\n') {
        line(start, i, sink);
        start = i + 1;
      }
    }
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, length - start);
      length -= start;
    }
  }

  @Override
  public void finish(Consumer<GenerationEvent> sink) {
    if (length > 0) {
      int end = length;
      length = 0;
      line(0, end, sink);
    }
    if (!completed) {
      completed = true;
      sink.accept(new GenerationEvent.Completed(null, null, TokenUsage.of(0, outputTokens), null));
    }
  }

  private void ensure(int capacity) {
    if (capacity > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
    }
  }

  private void line(int from, int to, Consumer<GenerationEvent> sink) {
    int end = to;
    if (end > from && buffer[end - 1] == '\r') {
      end--;
    }
    String line = new String(buffer, from, end - from, StandardCharsets.UTF_8).strip();
    if (line.isEmpty()) {
      return;
    }
    String payload;
    if (line.startsWith("data:")) {
      payload = line.substring(5).strip();
    } else if (line.startsWith("{")) {
      payload = line;
    } else {
      return; // event:, id:, retry:, comments
    }
    if (payload.isEmpty() || payload.equals("[DONE]")) {
      return;
    }
    JsonNode event;
    try {
      event = Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new CodecException("a line of the " + format + " stream (" + payload.length()
          + " chars) is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    handle(event, sink);
  }

  private void handle(JsonNode event, Consumer<GenerationEvent> sink) {
    if (completed || event == null || !event.isObject()) {
      return;
    }
    if (event.hasNonNull("error")) {
      String type = Json.textOrNull(event, "error_type");
      throw new GenAiServiceException("the " + format + " container failed while streaming"
          + (type == null ? "" : " (" + type + ")") + ": " + event.get("error").asText(),
          new ServiceErrorDetails(0, type == null ? "ContainerStreamError" : type, null, "sagemaker"), null, false);
    }
    JsonNode token = event.get("token");
    if (token != null && token.isObject()) {
      String text = Json.textOrNull(token, "text");
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
        String text = o.isTextual() ? o.asText() : Json.textOrNull(o, "text");
        if (text != null && !text.isEmpty()) {
          outputTokens++;
          sink.accept(new GenerationEvent.TextDelta(text));
        }
      }
    }
    JsonNode details = event.get("details");
    if (details != null && details.isObject()) {
      String raw = Json.textOrNull(details, "finish_reason");
      int generated = details.path("generated_tokens").asInt(outputTokens);
      completed = true;
      StopReason reason = StopReasons.of(raw);
      sink.accept(new GenerationEvent.Completed(reason, raw, TokenUsage.of(0, generated), null));
    }
  }
}
