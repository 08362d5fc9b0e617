package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Golden files under {@code src/test/resources/codec/}. */
final class Golden {
  static final ObjectMapper JSON = new ObjectMapper();

  private Golden() {}

  static byte[] bytes(String path) {
    try (InputStream in = Golden.class.getResourceAsStream("/codec/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String path) {
    return tree(bytes(path));
  }

  static JsonNode tree(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
