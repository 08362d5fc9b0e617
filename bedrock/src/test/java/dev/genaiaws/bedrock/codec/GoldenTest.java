package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.aws.internal.codec.CodecJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoldenTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void assertJsonEquals_sameTreeDifferentOrderAndNumberForm_passes() {
    Golden.assertJsonEquals(
        CodecJson.read(utf8("{\"a\":1,\"b\":[0.5,\"x\"]}"), "t"),
        utf8("{\"b\":[0.50,\"x\"],\"a\":1.0}"));
  }

  @Test
  void assertJsonEquals_differentValue_failsShowingBoth() {
    assertThatThrownBy(
            () ->
                Golden.assertJsonEquals(CodecJson.read(utf8("{\"a\":1}"), "t"), utf8("{\"a\":2}")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"a\" : 2");
  }

  @Test
  void lines_streamFile_skipsBlankLines() {
    assertThat(Golden.lines("meta.llama3", "stream.jsonl"))
        .hasSize(3)
        .allMatch(l -> l.startsWith("{"));
  }

  @Test
  void bytes_missingFile_namesThePath() {
    assertThatThrownBy(() -> Golden.bytes("nope", "request.json"))
        .hasMessageContaining("/codec/nope/request.json");
  }
}
