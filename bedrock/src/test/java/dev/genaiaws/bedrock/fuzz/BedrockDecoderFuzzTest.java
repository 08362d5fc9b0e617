package dev.genaiaws.bedrock.fuzz;

import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.bedrock.codec.BedrockFamilies;
import dev.genaiaws.bedrock.codec.Golden;
import dev.genaiaws.core.Fuzz;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.StreamDecoder;
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
 * Fuzzing every Bedrock codec's decoder and stream decoder (issue #19): broken variants of every family's
 * golden answers and stream chunks, fed to every codec (a body of the wrong family is a realistic mistake
 * too). Only the SDK's own exceptions, with a message, may come out. Seeded; {@code fuzz.tries} inputs per
 * property ({@code -Plong}: 100,000).
 */
class BedrockDecoderFuzzTest {
  private static final List<String> TEXT = List.of("ai21.j2", "ai21.jamba", "amazon.nova", "amazon.titan-text",
      "anthropic.claude-messages", "anthropic.claude-text", "cohere.command", "cohere.command-r", "meta.llama2",
      "meta.llama3", "mistral.chat", "mistral.text");
  private static final List<String> MEDIA = List.of("amazon.titan-image", "stability.sd3", "stability.sdxl");
  private static final List<String> EMBEDDING = List.of("amazon.titan-embed-text", "cohere.embed");
  private static final GenerationRequest REQUEST = GenerationRequest.builder().modelId("x").user("hi").build();

  private static final List<ModelCodec> CODECS = new ArrayList<>();
  private static final List<EmbeddingCodec> EMBEDDERS = new ArrayList<>();

  static {
    for (String f : concat(TEXT, MEDIA)) {
      CODECS.add(BedrockCodecs.textRegistry().resolve("x", ModelFamily.of(f)).codec());
    }
    EMBEDDERS.add(BedrockCodecs.embeddingRegistry().resolve("x", BedrockFamilies.AMAZON_TITAN_EMBED).codec());
    EMBEDDERS.add(BedrockCodecs.embeddingRegistry().resolve("x", BedrockFamilies.COHERE_EMBED).codec());
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
        files.filter(p -> !p.getFileName().toString().startsWith("request"))
            .filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> out.add(read(p)));
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
    return Arbitraries.of(seeds).flatMap(chunks -> Arbitraries.integers().between(0, chunks.size() - 1)
        .flatMap(i -> Fuzz.broken(List.of(chunks.get(i))).map(bad -> {
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
    byte[] body = ("{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
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
