package dev.genaiaws.samples.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.samples.embeddings.SemanticSearchSample.Document;
import dev.genaiaws.samples.embeddings.SemanticSearchSample.Hit;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search sample's main logic offline, on the bundled texts and on a temporary folder. */
class SemanticSearchSampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return SemanticSearchSample.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<String> results() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void bundled_eightShortTextsOnDifferentTopics() {
    List<Document> documents = SemanticSearchSample.bundled();

    assertThat(documents)
        .hasSize(8)
        .allSatisfy(
            d -> {
              assertThat(d.name()).endsWith(".txt");
              assertThat(d.text()).isNotBlank().hasSizeLessThan(600);
            });
  }

  @Test
  void run_queryIsABundledTextExactly_thatTextRanksFirstWithScoreOne() {
    Document target =
        SemanticSearchSample.bundled().stream()
            .filter(d -> d.name().equals("vector-search.txt"))
            .findFirst()
            .orElseThrow();

    int code = run(target.text());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<String> results = results();
    assertThat(results).hasSize(3);
    assertThat(results.get(0))
        .startsWith("1. 1.0000  vector-search.txt  Vector search finds documents");
    assertThat(results.get(1)).startsWith("2. ");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Offline: the vectors below come from the local" + " Bedrock emulator")
        .contains("Searched 8 documents");
  }

  @Test
  void run_sameQueryTwice_sameRanking() {
    assertThat(run("--top", "8", "how do I make Lambda start faster")).isZero();
    List<String> first = results();

    assertThat(run("--top", "8", "how do I make Lambda start faster")).isZero();

    assertThat(first).hasSize(8);
    assertThat(results()).isEqualTo(first);
    List<Double> scores = first.stream().map(l -> Double.parseDouble(l.split("\\s+")[1])).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void run_folderWithUtf8Texts_ranksTheMatchingFileFirstAndSkipsOtherFiles() throws IOException {
    Files.writeString(dir.resolve("a-cafe.txt"), "Un café à Tōkyō 東京 🙂", StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("b-tea.txt"), "Green tea is grown on hillsides.", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("c-empty.txt"), "  \n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("notes.md"), "Un café à Tōkyō 東京 🙂", StandardCharsets.UTF_8);

    int code = run("--dir", dir.toString(), "--top", "5", "Un café à Tōkyō 東京 🙂");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<String> results = results();
    assertThat(results).hasSize(2);
    assertThat(results.get(0)).isEqualTo("1. 1.0000  a-cafe.txt  Un café à Tōkyō 東京 🙂");
    assertThat(results.get(1)).startsWith("2. ").contains("b-tea.txt");
  }

  @Test
  void run_cohere_documentsAndQueryEmbeddedWithTheirInputTypes() throws IOException {
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      int code =
          SemanticSearchSample.run(
              new String[] {"--model", "cohere.embed-english-v3", "--top", "1", "Coral reefs"},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              bedrock);

      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(results()).hasSize(1);
      List<RecordedRequest> requests = bedrock.requests();
      assertThat(requests).hasSize(2);
      JsonNode documents = JSON.readTree(requests.get(0).bodyUtf8());
      assertThat(documents.get("input_type").asText()).isEqualTo("search_document");
      assertThat(documents.get("texts")).hasSize(8);
      JsonNode query = JSON.readTree(requests.get(1).bodyUtf8());
      assertThat(query.get("input_type").asText()).isEqualTo("search_query");
      assertThat(query.get("texts").get(0).asText()).isEqualTo("Coral reefs");
    }
  }

  @Test
  void run_folderWithoutTexts_exitsTwo() {
    int code = run("--dir", dir.toString(), "anything");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no non-empty .txt files");
  }

  @Test
  void run_missingFolder_exitsTwo() {
    assertThat(run("--dir", dir.resolve("nope").toString(), "anything")).isEqualTo(2);
  }

  @Test
  void rank_byCosineThenName() {
    Document a = new Document("a", "x");
    Document b = new Document("b", "y");
    Document c = new Document("c", "z");

    List<Hit> hits =
        SemanticSearchSample.rank(
            new float[] {1, 0},
            List.of(a, b, c),
            List.of(new float[] {0, 1}, new float[] {2, 0}, new float[] {0, 3}));

    assertThat(hits).extracting(h -> h.document().name()).containsExactly("b", "a", "c");
    assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-9));
    assertThat(hits.get(1).score()).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void cosine_oppositeAndZeroVectors() {
    assertThat(SemanticSearchSample.cosine(new float[] {1, 2}, new float[] {-2, -4}))
        .isCloseTo(-1.0, within(1e-9));
    assertThat(SemanticSearchSample.cosine(new float[] {0, 0}, new float[] {1, 1})).isZero();
  }
}
