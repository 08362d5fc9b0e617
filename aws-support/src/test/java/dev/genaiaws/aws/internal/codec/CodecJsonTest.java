package dev.genaiaws.aws.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecJsonTest {
  private static ObjectNode body() {
    ObjectNode body = CodecJson.object();
    body.put("inputs", "hi");
    body.putObject("parameters").put("max_new_tokens", 10).put("temperature", 0.5);
    return body;
  }

  @Test
  void mergeAdditional_mapIntoExistingObject_mergedKeysWin() {
    ObjectNode body = body();

    CodecJson.mergeAdditional(body, Map.of("parameters", Map.of("temperature", 0.9, "top_k", 5)));

    assertThat(body.at("/parameters/max_new_tokens").asInt()).isEqualTo(10);
    assertThat(body.at("/parameters/temperature").asDouble()).isEqualTo(0.9);
    assertThat(body.at("/parameters/top_k").asInt()).isEqualTo(5);
  }

  @Test
  void mergeAdditional_scalarOrNewKey_replacesOrAdds() {
    ObjectNode body = body();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("parameters", "none");
    extra.put("stream", true);

    CodecJson.mergeAdditional(body, extra);

    assertThat(body.get("parameters").asText()).isEqualTo("none");
    assertThat(body.get("stream").asBoolean()).isTrue();
  }

  @Test
  void mergeAdditional_valueJacksonCannotWrite_invalidRequestNamingKey() {
    Map<String, Object> extra = Map.of("weird", new Object());

    assertThatThrownBy(() -> CodecJson.mergeAdditional(body(), extra))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("additionalModelFields[weird]");
  }

  @Test
  void count_lenientNumbers_fallbackForNonsense() {
    JsonNode n =
        CodecJson.valueToTree(Map.of("a", 28.0, "b", "7", "c", -1, "d", 1e38, "e", "many"));

    assertThat(CodecJson.intOr0(n, "a")).isEqualTo(28);
    assertThat(CodecJson.intOr0(n, "b")).isEqualTo(7);
    assertThat(CodecJson.count(n, "c", 3)).isEqualTo(3);
    assertThat(CodecJson.count(n, "d", 3)).isEqualTo(3);
    assertThat(CodecJson.count(n, "e", 3)).isEqualTo(3);
    assertThat(CodecJson.count(n, "absent", 3)).isEqualTo(3);
  }

  @Test
  void read_arrayWhereObjectExpected_codecExceptionWithSizeNotContent() {
    byte[] body = "[1,2]".getBytes(StandardCharsets.UTF_8);

    assertThat(CodecJson.readAny(body, "fam").isArray()).isTrue();
    assertThatThrownBy(() -> CodecJson.read(body, "fam"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("5 bytes")
        .hasMessageNotContaining("[1,2]");
  }

  @Test
  void readAny_emptyOrBroken_codecException() {
    assertThatThrownBy(() -> CodecJson.readAny(new byte[0], "fam"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> CodecJson.readAny("{\"secret".getBytes(StandardCharsets.UTF_8), "fam"))
        .isInstanceOf(CodecException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void treeAndValue_roundTrip() {
    JsonNode n = CodecJson.valueToTree(Map.of("xs", List.of(1, "a", true), "o", Map.of("k", 2.5)));

    assertThat(CodecJson.value(CodecJson.tree(CodecJson.value(n)))).isEqualTo(CodecJson.value(n));
    assertThat(CodecJson.tree(CodecJson.value(n)).at("/xs/1").asText()).isEqualTo("a");
  }
}
