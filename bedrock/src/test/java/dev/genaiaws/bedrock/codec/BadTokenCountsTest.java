package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.GenAiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #19: a body whose token counts are negative, huge or not integers used to make every text
 * family throw {@link IllegalArgumentException} (from {@code TokenUsage}). Each number of each
 * family's golden answer and stream is replaced by such a value; decoding may succeed or fail with
 * the SDK's own exception, and usage is never negative.
 */
class BadTokenCountsTest {
  private static final List<String> FAMILIES =
      List.of(
          "ai21.j2",
          "ai21.jamba",
          "amazon.nova",
          "amazon.titan-text",
          "anthropic.claude-messages",
          "anthropic.claude-text",
          "cohere.command",
          "cohere.command-r",
          "meta.llama2",
          "meta.llama3",
          "mistral.chat",
          "mistral.text");
  private static final List<String> BAD =
      List.of(
          "-1",
          "-2147483649",
          "1e38",
          "2147483648",
          "12.5",
          "-0.0",
          "9223372036854775808",
          "1E400");
  private static final Pattern NUMBER =
      Pattern.compile("(?<=[:\\[,]\\s?)-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String family : FAMILIES) {
      for (String bad : BAD) {
        out.add(Arguments.of(family, bad));
      }
    }
    return out.stream();
  }

  private static ModelCodec codec(String family) {
    return BedrockCodecs.textRegistry().resolve("x", ModelFamily.of(family)).codec();
  }

  /** Every variant of {@code json} with one of its numbers replaced by {@code bad}. */
  private static List<String> variants(String json, String bad) {
    List<String> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(json);
    while (m.find()) {
      out.add(json.substring(0, m.start()) + bad + json.substring(m.end()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void decode_badCount_neverAnIllegalArgumentException(String family, String bad) {
    ModelCodec codec = codec(family);
    GenerationRequest request = GenerationRequest.builder().modelId("x").user("hi").build();
    List<String> bodies = variants(Golden.text(family, "response.json"), bad);
    for (String body : bodies) {
      assertThatCode(
              () -> {
                try {
                  assertThat(
                          codec
                              .decode(body.getBytes(StandardCharsets.UTF_8), request)
                              .usage()
                              .inputTokens())
                      .isNotNegative();
                } catch (GenAiException expected) {
                  // the SDK's own family: fine
                }
              })
          .as(body)
          .doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void streamDecode_badCount_neverAnIllegalArgumentException(String family, String bad) {
    if (family.equals("ai21.j2")) {
      return; // Jurassic-2 does not stream
    }
    ModelCodec codec = codec(family);
    List<String> lines =
        Golden.text(family, "stream.jsonl").lines().filter(l -> !l.isBlank()).toList();
    for (int i = 0; i < lines.size(); i++) {
      for (String mutated : variants(lines.get(i), bad)) {
        List<String> chunks = new ArrayList<>(lines);
        chunks.set(i, mutated);
        assertThatCode(
                () -> {
                  try {
                    List<GenerationEvent> events = new ArrayList<>();
                    var d = codec.newStreamDecoder();
                    for (String c : chunks) {
                      d.decode(c.getBytes(StandardCharsets.UTF_8), events::add);
                    }
                    d.finish(events::add);
                    events.stream()
                        .filter(GenerationEvent.Completed.class::isInstance)
                        .map(e -> ((GenerationEvent.Completed) e).usage())
                        .forEach(u -> assertThat(u.outputTokens()).isNotNegative());
                  } catch (GenAiException expected) {
                    // the SDK's own family: fine
                  }
                })
            .as(mutated)
            .doesNotThrowAnyException();
      }
    }
  }
}
