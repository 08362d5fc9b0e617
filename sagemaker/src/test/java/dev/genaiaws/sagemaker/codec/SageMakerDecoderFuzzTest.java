package dev.genaiaws.sagemaker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.testing.Fuzz;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the SageMaker container codecs (issue #19): every decoder and stream decoder on broken
 * answers, and the TGI/LMI line reassembly on every way of cutting a stream into payload parts.
 * Seeded; {@code fuzz.tries} inputs per property ({@code -Plong}: 100,000).
 */
class SageMakerDecoderFuzzTest {
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder().modelId("e").user("hi").build();
  private static final List<ModelCodec> CODECS =
      List.of(
          TgiCodec.create(),
          TgiCodec.lmi(),
          JumpStartText2TextCodec.create(),
          RawJsonCodec.create());
  private static final List<EmbeddingCodec> EMBEDDERS =
      List.of(JumpStartEmbeddingCodec.create(), HuggingFaceEmbeddingCodec.create());
  private static final List<String> ANSWERS =
      List.of(
          "tgi/response-details.json",
          "tgi/response-echo.json",
          "tgi/response-list.json",
          "lmi/response.json",
          "jumpstart/text2text-response.json",
          "embedding/hf-response.json",
          "embedding/jumpstart-response.json");
  private static final List<String> STREAMS = List.of("tgi/stream.txt", "lmi/stream.jsonl");

  @Provide
  Arbitrary<byte[]> bodies() {
    return Fuzz.broken(ANSWERS.stream().map(Golden::bytes).toList());
  }

  @Provide
  Arbitrary<byte[]> streams() {
    return Fuzz.broken(STREAMS.stream().map(Golden::bytes).toList());
  }

  @Provide
  Arbitrary<byte[]> goodStreams() {
    return Arbitraries.of(STREAMS.stream().map(Golden::bytes).toList());
  }

  @Property(seed = "19", edgeCases = EdgeCasesMode.MIXIN)
  void decode_brokenAnswer_onlyTheSdksOwnExceptions(@ForAll("bodies") byte[] body) {
    for (ModelCodec codec : CODECS) {
      Fuzz.onlyOwnExceptions(() -> codec.decode(body, REQUEST));
    }
    for (EmbeddingCodec codec : EMBEDDERS) {
      Fuzz.onlyOwnExceptions(() -> codec.decode(body));
    }
  }

  @Property(seed = "19", edgeCases = EdgeCasesMode.MIXIN)
  void streamDecode_brokenStreamInRandomParts_onlyTheSdksOwnExceptions(
      @ForAll("streams") byte[] stream, @ForAll @IntRange(min = 1, max = 64) int partSize) {
    for (ModelCodec codec : CODECS) {
      if (codec.supportsStreaming()) {
        Fuzz.onlyOwnExceptions(() -> decode(codec.newStreamDecoder(), cut(stream, partSize)));
      }
    }
  }

  /**
   * Line reassembly: however a stream is cut into parts, the events are those of the uncut stream.
   */
  @Property(seed = "19", edgeCases = EdgeCasesMode.MIXIN)
  void lineReassembly_anyCuts_sameEventsAsUncut(
      @ForAll("goodStreams") byte[] stream,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 4096) Integer> cuts) {
    for (TgiCodec codec : List.of(TgiCodec.create(), TgiCodec.lmi())) {
      List<GenerationEvent> whole = decode(codec.newStreamDecoder(), List.of(stream));
      List<GenerationEvent> parts = decode(codec.newStreamDecoder(), cutAt(stream, cuts));
      assertThat(parts).isEqualTo(whole);
    }
  }

  // ---- linear growth: the work of decoding grows with the input, never faster (counted, not
  // timed) ----

  @Provide
  Arbitrary<byte[]> goldenBodies() {
    return Arbitraries.of(ANSWERS.stream().map(Golden::bytes).toList());
  }

  /**
   * Every golden answer, grown every way, through every decoder: work at 16x the input is at most
   * 48x.
   */
  @Property(seed = "19", generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void decode_workGrowsLinearlyWithTheBody(
      @ForAll("goldenBodies") byte[] body, @ForAll Fuzz.Growth growth) {
    Fuzz.decodersGrowLinearly(body, growth, CODECS, EMBEDDERS, REQUEST);
  }

  /**
   * The line reassembly of issue #19 (quadratic before the fix): one token line growing from 8 KiB
   * to 128 KiB, and a stream growing by whole lines, each cut into parts of 1, 7, 16 and 64 bytes;
   * work grows linearly with the stream.
   */
  @Property(seed = "19", generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void lineReassembly_workGrowsLinearly(
      @ForAll("goodStreams") byte[] stream,
      @ForAll boolean oneLongLine,
      @ForAll("partSizes") int partSize) {
    for (TgiCodec codec : List.of(TgiCodec.create(), TgiCodec.lmi())) {
      Fuzz.growsLinearly(
          scale ->
              oneLongLine
                  ? longLine(stream, 1024 * scale)
                  : Fuzz.grown(stream, Fuzz.Growth.REPEATED, scale),
          8,
          s -> decode(codec.newStreamDecoder(), cut(s, partSize)));
    }
  }

  @Provide
  Arbitrary<Integer> partSizes() {
    return Arbitraries.of(1, 7, 16, 64);
  }

  /** The stream with {@code n} more characters of text in its first token line. */
  private static byte[] longLine(byte[] stream, int n) {
    String s = new String(stream, java.nio.charset.StandardCharsets.UTF_8);
    int at = s.indexOf("\"text\":\"") + 8;
    return (s.substring(0, at) + "x".repeat(n) + s.substring(at))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static List<GenerationEvent> decode(StreamDecoder d, List<byte[]> parts) {
    List<GenerationEvent> events = new ArrayList<>();
    for (byte[] p : parts) {
      d.decode(p, events::add);
    }
    d.finish(events::add);
    // text deltas may be split differently by nothing but the decoder: compare their concatenation
    return merged(events);
  }

  private static List<GenerationEvent> merged(List<GenerationEvent> events) {
    StringBuilder text = new StringBuilder();
    List<GenerationEvent> out = new ArrayList<>();
    for (GenerationEvent e : events) {
      if (e instanceof GenerationEvent.TextDelta t) {
        text.append(t.text());
      } else {
        out.add(e);
      }
    }
    out.add(0, new GenerationEvent.TextDelta(text.toString()));
    return out;
  }

  private static List<byte[]> cut(byte[] b, int size) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < b.length; i += size) {
      out.add(Arrays.copyOfRange(b, i, Math.min(b.length, i + size)));
    }
    return out;
  }

  private static List<byte[]> cutAt(byte[] b, List<Integer> cuts) {
    List<Integer> at = cuts.stream().map(c -> Math.min(c, b.length)).distinct().sorted().toList();
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int c : at) {
      out.add(Arrays.copyOfRange(b, from, c));
      from = c;
    }
    out.add(Arrays.copyOfRange(b, from, b.length));
    return out;
  }

  // ---- reproducers found by fuzzing and the fault storm, kept as regression tests ----

  @Example
  void reproducer_htmlPageAsStream_isAnErrorNotAnEmptyAnswer() {
    byte[] html = "<html>busy</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (ModelCodec codec : List.of(TgiCodec.create(), TgiCodec.lmi())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> decode(codec.newStreamDecoder(), List.of(html)))
          .isInstanceOf(dev.genaiaws.core.exception.CodecException.class);
    }
  }

  @Example
  void reproducer_negativeGeneratedTokens() {
    byte[] s =
        "data:{\"token\":{\"text\":\"a\"},\"details\":{\"generated_tokens\":-7}}\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (ModelCodec codec : CODECS) {
      if (codec.supportsStreaming()) {
        Fuzz.onlyOwnExceptions(() -> decode(codec.newStreamDecoder(), List.of(s)));
      }
    }
  }
}
