package dev.genaiaws.sagemaker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stream decoder fed a captured-style byte stream cut into payload parts at every possible
 * place (inside lines, inside {@code \r\n}, inside multi-byte UTF-8 characters).
 */
class TgiStreamDecoderTest {
  private static final byte[] TGI_STREAM = Golden.bytes("tgi/stream.txt");
  private static final String TGI_TEXT = "The café in 東京 🚀 naïve";

  private static List<GenerationEvent> decode(StreamDecoder decoder, List<byte[]> parts) {
    List<GenerationEvent> events = new ArrayList<>();
    for (byte[] p : parts) {
      decoder.decode(p, events::add);
    }
    decoder.finish(events::add);
    return events;
  }

  private static String text(List<GenerationEvent> events) {
    StringBuilder sb = new StringBuilder();
    events.stream()
        .filter(GenerationEvent.TextDelta.class::isInstance)
        .forEach(e -> sb.append(((GenerationEvent.TextDelta) e).text()));
    return sb.toString();
  }

  private static GenerationEvent.Completed completed(List<GenerationEvent> events) {
    assertThat(events.stream().filter(GenerationEvent.Completed.class::isInstance)).hasSize(1);
    assertThat(events.get(events.size() - 1)).isInstanceOf(GenerationEvent.Completed.class);
    return (GenerationEvent.Completed) events.get(events.size() - 1);
  }

  @Test
  void decode_wholeStreamInOnePart_textAndCompletedFromDetails() {
    List<GenerationEvent> events =
        decode(TgiCodec.create().newStreamDecoder(), List.of(TGI_STREAM));

    assertThat(text(events)).isEqualTo(TGI_TEXT);
    GenerationEvent.Completed done = completed(events);
    assertThat(done.stopReason()).isEqualTo(StopReason.STOP);
    assertThat(done.rawStopReason()).isEqualTo("eos_token");
    assertThat(done.usage().outputTokens()).isEqualTo(5);
  }

  @Test
  void decode_everySplitPointIntoTwoParts_sameTextAndOneCompleted() {
    for (int cut = 0; cut <= TGI_STREAM.length; cut++) {
      List<byte[]> parts =
          List.of(
              Arrays.copyOfRange(TGI_STREAM, 0, cut),
              Arrays.copyOfRange(TGI_STREAM, cut, TGI_STREAM.length));
      List<GenerationEvent> events = decode(TgiCodec.create().newStreamDecoder(), parts);
      assertThat(text(events)).as("cut at byte %d", cut).isEqualTo(TGI_TEXT);
      assertThat(completed(events).rawStopReason()).isEqualTo("eos_token");
    }
  }

  @Test
  void decode_everyPairOfSplitPointsIntoThreeParts_sameText() {
    for (int a = 0; a < TGI_STREAM.length; a += 7) {
      for (int b = a; b <= TGI_STREAM.length; b += 11) {
        List<byte[]> parts =
            List.of(
                Arrays.copyOfRange(TGI_STREAM, 0, a),
                Arrays.copyOfRange(TGI_STREAM, a, b),
                Arrays.copyOfRange(TGI_STREAM, b, TGI_STREAM.length));
        assertThat(text(decode(TgiCodec.create().newStreamDecoder(), parts)))
            .as("cuts at %d and %d", a, b)
            .isEqualTo(TGI_TEXT);
      }
    }
  }

  @Test
  void decode_oneBytePerPart_sameText() {
    List<byte[]> parts = new ArrayList<>();
    for (byte b : TGI_STREAM) {
      parts.add(new byte[] {b});
    }
    assertThat(text(decode(TgiCodec.create().newStreamDecoder(), parts))).isEqualTo(TGI_TEXT);
  }

  @Test
  void decode_randomPartSizes_sameText() {
    SplittableRandom random = new SplittableRandom(42);
    for (int run = 0; run < 200; run++) {
      List<byte[]> parts = new ArrayList<>();
      int i = 0;
      while (i < TGI_STREAM.length) {
        int n = Math.min(TGI_STREAM.length - i, 1 + random.nextInt(12));
        parts.add(Arrays.copyOfRange(TGI_STREAM, i, i + n));
        i += n;
      }
      assertThat(text(decode(TgiCodec.create().newStreamDecoder(), parts))).isEqualTo(TGI_TEXT);
    }
  }

  @Test
  void decode_lmiJsonLinesSplitEverywhere_textWithoutSpecialTokens() {
    byte[] lmi = Golden.bytes("lmi/stream.jsonl");
    for (int cut = 0; cut <= lmi.length; cut++) {
      List<GenerationEvent> events =
          decode(
              TgiCodec.lmi().newStreamDecoder(),
              List.of(Arrays.copyOfRange(lmi, 0, cut), Arrays.copyOfRange(lmi, cut, lmi.length)));
      assertThat(text(events)).isEqualTo(" Hello wörld 寿司");
      assertThat(completed(events).usage().outputTokens()).isEqualTo(3);
    }
  }

  @Test
  void decode_lastLineWithoutNewline_readAtFinish() {
    byte[] s =
        "data:{\"token\":{\"text\":\"Hi\",\"special\":false},\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":1}}"
            .getBytes(StandardCharsets.UTF_8);
    List<GenerationEvent> events = decode(TgiCodec.create().newStreamDecoder(), List.of(s));
    assertThat(text(events)).isEqualTo("Hi");
    assertThat(completed(events).stopReason()).isEqualTo(StopReason.LENGTH);
  }

  @Test
  void decode_streamEndingWithoutDetails_completedAtFinish() {
    byte[] s =
        "data:{\"token\":{\"text\":\"Hi\",\"special\":false}}\n\n".getBytes(StandardCharsets.UTF_8);
    List<GenerationEvent> events = decode(TgiCodec.create().newStreamDecoder(), List.of(s));
    assertThat(completed(events).stopReason()).isEqualTo(StopReason.OTHER);
    assertThat(completed(events).usage().outputTokens()).isEqualTo(1);
  }

  @Test
  void decode_errorEvent_failsWithContainerErrorType() {
    byte[] s =
        "data:{\"error\":\"Request failed during generation\",\"error_type\":\"generation\"}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decode(TgiCodec.create().newStreamDecoder(), List.of(s)))
        .isInstanceOf(GenAiServiceException.class)
        .hasMessageNotContaining("Request failed during generation")
        .hasMessageContaining("(32 chars)")
        .satisfies(e -> assertThat(((GenAiServiceException) e).errorCode()).isEqualTo("generation"))
        .satisfies(
            e ->
                assertThat(((GenAiServiceException) e).rawContent())
                    .contains("Request failed during generation"));
  }

  @Test
  void decode_brokenJsonLine_failsWithCodecException() {
    byte[] s = "data:{\"token\":\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decode(TgiCodec.create().newStreamDecoder(), List.of(s)))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void rawDecoder_multiByteCharactersSplitEverywhere_decodedWhole() {
    byte[] s = "naïve 東京 🚀 done".getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= s.length; cut++) {
      List<GenerationEvent> events =
          decode(
              RawJsonCodec.create().newStreamDecoder(),
              List.of(Arrays.copyOfRange(s, 0, cut), Arrays.copyOfRange(s, cut, s.length)));
      assertThat(text(events)).isEqualTo("naïve 東京 🚀 done");
      completed(events);
    }
  }

  // ---- issue #19: linear and bounded reassembly, counts that never throw ----

  private static List<byte[]> parts(byte[] all, int size) {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < all.length; i += size) {
      parts.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + size)));
    }
    return parts;
  }

  @Test
  void decode_400KbTokenLineIn16ByteParts_reassembledOnce() {
    String big = "x".repeat(400_000);
    byte[] stream =
        ("data:{\"token\":{\"text\":\""
                + big
                + "\"}}\n\ndata:{\"token\":{\"text\":\"!\"},"
                + "\"details\":{\"finish_reason\":\"eos_token\",\"generated_tokens\":2}}\n")
            .getBytes(StandardCharsets.UTF_8);

    for (StreamDecoder d :
        List.of(TgiCodec.create().newStreamDecoder(), TgiCodec.lmi().newStreamDecoder())) {
      List<GenerationEvent> events = decode(d, parts(stream, 16));
      assertThat(text(events)).hasSize(400_001).endsWith("x!");
      assertThat(completed(events).usage().outputTokens()).isEqualTo(2);
    }
  }

  @Test
  void decode_lineLongerThanTheBound_failsWithCodecExceptionNamingTheSetting() {
    byte[] endless =
        ("data:{\"token\":{\"text\":\"" + "secret".repeat(400)).getBytes(StandardCharsets.UTF_8);
    StreamDecoder d = TgiCodec.create().withMaxLineBytes(2048).newStreamDecoder();

    assertThatThrownBy(() -> decode(d, parts(endless, 100)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("longer than 2048 bytes")
        .hasMessageContaining("withMaxLineBytes")
        .hasMessageNotContaining("secret");
  }

  @Test
  void decode_lineOfExactlyTheBound_accepted() {
    String line = "data:{\"token\":{\"text\":\"" + "y".repeat(2048 - 26) + "\"}}";
    assertThat(line.length()).isEqualTo(2048);
    List<GenerationEvent> events =
        decode(
            TgiCodec.create().withMaxLineBytes(2048).newStreamDecoder(),
            parts((line + "\n").getBytes(StandardCharsets.UTF_8), 7));
    assertThat(text(events)).hasSize(2048 - 26);
    List<GenerationEvent> whole =
        decode(
            TgiCodec.create().withMaxLineBytes(2048).newStreamDecoder(),
            List.of((line + "\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(text(whole)).hasSize(2048 - 26);
  }

  @Test
  void withMaxLineBytes_belowOneKib_rejected() {
    assertThatThrownBy(() -> TgiCodec.create().withMaxLineBytes(10))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(">= 1024");
  }

  @Test
  void decode_badGeneratedTokenCounts_ignoredNeverThrown() {
    for (String count : List.of("-1", "1e38", "2147483648", "2.5e9", "\"many\"", "null", "-0.5")) {
      byte[] s =
          ("data:{\"token\":{\"text\":\"a\"},\"details\":{\"finish_reason\":\"length\","
                  + "\"generated_tokens\":"
                  + count
                  + "}}\n")
              .getBytes(StandardCharsets.UTF_8);
      List<GenerationEvent> events = decode(TgiCodec.create().newStreamDecoder(), List.of(s));
      assertThat(completed(events).usage().outputTokens()).as(count).isEqualTo(1);
    }
  }

  @Test
  void decode_streamOfNoEventAtAll_failsInsteadOfAnEmptyAnswer() {
    byte[] html = "<html>\n<body>busy</body>\n</html>\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decode(TgiCodec.create().newStreamDecoder(), parts(html, 5)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("without any event")
        .hasMessageNotContaining("busy");
  }

  @Test
  void decode_onlySseFieldsAndComments_anEmptyAnswer() {
    byte[] fields =
        ": keep-alive\nevent: message\nid: 1\nretry: 10\n\n".getBytes(StandardCharsets.UTF_8);
    List<GenerationEvent> events = decode(TgiCodec.create().newStreamDecoder(), List.of(fields));
    assertThat(text(events)).isEmpty();
    assertThat(completed(events)).isNotNull();
  }
}
