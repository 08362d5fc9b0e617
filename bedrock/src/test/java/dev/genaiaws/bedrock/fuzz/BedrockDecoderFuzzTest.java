package dev.genaiaws.bedrock.fuzz;

import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.bedrock.codec.BedrockFamilies;
import dev.genaiaws.bedrock.codec.Golden;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.testing.Fuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing every Bedrock codec's decoder and stream decoder (issue #19): broken variants of every
 * family's golden answers and stream chunks, fed to every codec (a body of the wrong family is a
 * realistic mistake too). Only the SDK's own exceptions, with a message, may come out. Seeded;
 * {@code fuzz.tries} inputs per property ({@code -Plong}: 100,000).
 */
class BedrockDecoderFuzzTest {
  private static final List<String> TEXT =
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
  private static final List<String> MEDIA =
      List.of("amazon.titan-image", "stability.sd3", "stability.sdxl");
  private static final List<String> EMBEDDING = List.of("amazon.titan-embed-text", "cohere.embed");
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder().modelId("x").user("hi").build();

  private static final List<ModelCodec> CODECS = new ArrayList<>();
  private static final List<EmbeddingCodec> EMBEDDERS = new ArrayList<>();

  static {
    for (String f : concat(TEXT, MEDIA)) {
      CODECS.add(BedrockCodecs.textRegistry().resolve("x", ModelFamily.of(f)).codec());
    }
    EMBEDDERS.add(
        BedrockCodecs.embeddingRegistry().resolve("x", BedrockFamilies.AMAZON_TITAN_EMBED).codec());
    EMBEDDERS.add(
        BedrockCodecs.embeddingRegistry().resolve("x", BedrockFamilies.COHERE_EMBED).codec());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Every golden answer body of every family (responses, errors, filtered images). */
  private static List<byte[]> answers() {
    List<byte[]> out = new ArrayList<>();
    for (String family : concat(concat(TEXT, MEDIA), EMBEDDING)) {
      Path dir = Path.of("src/test/resources/codec", family);
      try (var files = Files.list(dir)) {
        files
            .filter(p -> !p.getFileName().toString().startsWith("request"))
            .filter(p -> p.toString().endsWith(".json"))
            .sorted()
            .forEach(p -> out.add(read(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Fuzz.broken(answers());
  }

  /** A golden stream of some family, one of its chunks broken. */
  @Provide
  Arbitrary<List<byte[]>> streams() {
    List<List<byte[]>> seeds = new ArrayList<>();
    for (String family : TEXT) {
      if (Files.exists(Path.of("src/test/resources/codec", family, "stream.jsonl"))) {
        seeds.add(Golden.chunks(family, "stream.jsonl"));
      }
    }
    return Arbitraries.of(seeds)
        .flatMap(
            chunks ->
                Arbitraries.integers()
                    .between(0, chunks.size() - 1)
                    .flatMap(
                        i ->
                            Fuzz.broken(List.of(chunks.get(i)))
                                .map(
                                    bad -> {
                                      List<byte[]> c = new ArrayList<>(chunks);
                                      c.set(i, bad);
                                      return c;
                                    })));
  }

  @Property(seed = "19", edgeCases = net.jqwik.api.EdgeCasesMode.MIXIN)
  void decode_brokenBody_onlyTheSdksOwnExceptions(@ForAll("bodies") byte[] body) {
    for (ModelCodec codec : CODECS) {
      Fuzz.onlyOwnExceptions(() -> codec.decode(body, REQUEST));
    }
    for (EmbeddingCodec codec : EMBEDDERS) {
      Fuzz.onlyOwnExceptions(() -> codec.decode(body));
    }
  }

  @Property(seed = "19", edgeCases = net.jqwik.api.EdgeCasesMode.MIXIN)
  void streamDecode_brokenChunk_onlyTheSdksOwnExceptions(@ForAll("streams") List<byte[]> chunks) {
    for (ModelCodec codec : CODECS) {
      if (codec.supportsStreaming()) {
        Fuzz.onlyOwnExceptions(() -> decodeAll(codec.newStreamDecoder(), chunks));
      }
    }
  }

  // ---- linear growth: the work of decoding grows with the input, never faster (counted, not
  // timed) ----

  @Provide
  Arbitrary<byte[]> goldenBodies() {
    return Arbitraries.of(answers());
  }

  @Provide
  Arbitrary<List<byte[]>> goldenStreams() {
    List<List<byte[]>> seeds = new ArrayList<>();
    for (String family : TEXT) {
      if (Files.exists(Path.of("src/test/resources/codec", family, "stream.jsonl"))) {
        seeds.add(Golden.chunks(family, "stream.jsonl"));
      }
    }
    return Arbitraries.of(seeds);
  }

  /**
   * Every golden body, grown every way, through every decoder: work at 16x the input is at most
   * 48x.
   */
  @Property(seed = "19", generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void decode_workGrowsLinearlyWithTheBody(
      @ForAll("goldenBodies") byte[] body, @ForAll Fuzz.Growth growth) {
    Fuzz.decodersGrowLinearly(body, growth, CODECS, EMBEDDERS, REQUEST);
  }

  /**
   * Every golden stream, made longer (its middle chunks repeated) or its chunks grown, through
   * every stream decoder: work grows linearly.
   */
  @Property(seed = "19", generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void streamDecode_workGrowsLinearlyWithTheStream(
      @ForAll("goldenStreams") List<byte[]> chunks, @ForAll Fuzz.Growth growth) {
    for (ModelCodec codec : CODECS) {
      if (codec.supportsStreaming()) {
        Fuzz.growsLinearly(
            scale -> framed(grownStream(chunks, growth, scale)),
            8,
            framed -> decodeAll(codec.newStreamDecoder(), unframed(framed)));
      }
    }
  }

  /** REPEATED repeats the middle chunks; the other growths grow every chunk. */
  private static List<byte[]> grownStream(List<byte[]> chunks, Fuzz.Growth growth, int scale) {
    List<byte[]> out = new ArrayList<>();
    if (growth == Fuzz.Growth.REPEATED) {
      out.add(chunks.get(0));
      for (int k = 0; k < scale; k++) {
        out.addAll(chunks.subList(1, Math.max(1, chunks.size() - 1)));
      }
      if (chunks.size() > 1) {
        out.add(chunks.get(chunks.size() - 1));
      }
      return out;
    }
    for (byte[] c : chunks) {
      out.add(Fuzz.grown(c, growth, Math.max(1, scale / 4)));
    }
    return out;
  }

  /**
   * A chunk list as one byte array (4-byte lengths), so the growth check can hand it over as an
   * input.
   */
  private static byte[] framed(List<byte[]> chunks) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] c : chunks) {
      out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(c.length).array());
      out.writeBytes(c);
    }
    return out.toByteArray();
  }

  private static List<byte[]> unframed(byte[] framed) {
    List<byte[]> chunks = new ArrayList<>();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(framed);
    while (b.remaining() >= 4) {
      byte[] c = new byte[b.getInt()];
      b.get(c);
      chunks.add(c);
    }
    return chunks;
  }

  private static void decodeAll(StreamDecoder d, List<byte[]> chunks) {
    List<GenerationEvent> events = new ArrayList<>();
    Consumer<GenerationEvent> sink = events::add;
    for (byte[] c : chunks) {
      d.decode(c, sink);
    }
    d.finish(sink);
  }

  // ---- reproducers found by fuzzing, kept as regression tests ----

  @Example
  void reproducer_hugeTokenCountInClaudeUsage() {
    byte[] body =
        ("{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1e38,\"output_tokens\":-3}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (ModelCodec codec : CODECS) {
      Fuzz.onlyOwnExceptions(() -> codec.decode(body, REQUEST));
    }
  }

  @Example
  void reproducer_deeplyNestedBody() {
    byte[] body = "[".repeat(100_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (ModelCodec codec : CODECS) {
      Fuzz.onlyOwnExceptions(() -> codec.decode(body, REQUEST));
    }
  }
}
