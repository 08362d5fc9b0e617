package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.codec.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Golden files for codec tests: {@code src/test/resources/codec/<family>/<file>}.
 *
 * <p>Conventions: {@code request.json} is the body a codec must write for the test's neutral
 * request, {@code response.json} a realistic InvokeModel body, {@code stream.jsonl} one decoded
 * chunk JSON per line (blank lines ignored). JSON is compared as trees, numbers by value ({@code 1}
 * equals {@code 1.0}).
 *
 * <pre>{@code
 * Golden.assertJsonEquals(Golden.json("meta.llama3", "request.json"), codec.encode(request, id));
 * GenerationResponse r = codec.decode(Golden.bytes("meta.llama3", "response.json"));
 * List<GenerationEvent> events = Golden.decode(codec.newStreamDecoder(), Golden.chunks("meta.llama3", "stream.jsonl"));
 * }</pre>
 *
 * The API is stable: other codec tests rely on it.
 */
public final class Golden {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Compares numbers by value, everything else by equality. */
  private static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private Golden() {}

  /** The raw bytes of a golden file. */
  public static byte[] bytes(String family, String file) {
    String path = "/codec/" + family + "/" + file;
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file on the test classpath at " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A golden file as UTF-8 text. */
  public static String text(String family, String file) {
    return new String(bytes(family, file), StandardCharsets.UTF_8);
  }

  /** A golden file parsed as JSON. */
  public static JsonNode json(String family, String file) {
    return parse(bytes(family, file));
  }

  /** The non-blank lines of a golden file (e.g. {@code stream.jsonl}), as text. */
  public static List<String> lines(String family, String file) {
    List<String> out = new ArrayList<>();
    for (String line : text(family, file).split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** The non-blank lines of a golden file as UTF-8 bytes: the chunks a stream decoder is fed. */
  public static List<byte[]> chunks(String family, String file) {
    return lines(family, file).stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** Feeds all chunks to the decoder, then {@code finish}, and returns the events in order. */
  public static List<GenerationEvent> decode(StreamDecoder decoder, List<byte[]> chunks) {
    List<GenerationEvent> events = new ArrayList<>();
    for (byte[] chunk : chunks) {
      decoder.decode(chunk, events::add);
    }
    decoder.finish(events::add);
    return events;
  }

  /** The text of all {@code TextDelta}s, joined. */
  public static String text(List<GenerationEvent> events) {
    StringBuilder sb = new StringBuilder();
    for (GenerationEvent e : events) {
      if (e instanceof GenerationEvent.TextDelta d) {
        sb.append(d.text());
      }
    }
    return sb.toString();
  }

  /**
   * Asserts that {@code actual} (JSON bytes, e.g. an encoded body) equals {@code expected} as a
   * tree.
   */
  public static void assertJsonEquals(JsonNode expected, byte[] actual) {
    JsonNode actualNode = parse(actual);
    if (!expected.equals(NUMERIC, actualNode)) {
      assertThat(pretty(actualNode)).as("JSON body").isEqualTo(pretty(expected));
      assertThat(actualNode).as("JSON body (numbers by value)").isEqualTo(expected);
    }
  }

  /**
   * Asserts that {@code actual} equals the golden file {@code codec/<family>/<file>} as a JSON
   * tree.
   */
  public static void assertJsonEquals(String family, String file, byte[] actual) {
    assertJsonEquals(json(family, file), actual);
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError("not valid JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }

  private static String pretty(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
