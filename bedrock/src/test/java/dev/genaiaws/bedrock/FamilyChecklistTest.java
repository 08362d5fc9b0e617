package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.bedrock.codec.BedrockCodecs;
import dev.genaiaws.bedrock.codec.BedrockFamilies;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.FamilyCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Adding a Bedrock family is a checklist (docs/contributing.md), and this test is its enforcement:
 * every {@link BedrockFamilies} constant must have a built-in codec, golden files, a contract test,
 * an emulator that accepts its documented request, and a row in docs/providers/bedrock.md's family
 * table. A missing piece fails with the list of what is missing and where it goes.
 */
class FamilyChecklistTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path DOCS =
      MODULE.resolveSibling("docs").resolve("providers").resolve("bedrock.md");
  private static final Path GOLDEN = MODULE.resolve("src/test/resources/codec");
  private static final Path TESTS = MODULE.resolve("src/test/java/dev/genaiaws/bedrock");

  /** The tests that run the contract of a family through the client (text, embeddings, images). */
  private static final Pattern CONTRACT_TEST =
      Pattern.compile("Bedrock.*ContractTest\\.java|BedrockImageGenerationTest\\.java");

  private static final Pattern LITERAL = Pattern.compile("\"([a-z0-9][a-z0-9.:-]+)\"");
  private static final Pattern ROW =
      Pattern.compile(
          "^\\|\\s*`([A-Z0-9_]+)`\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]+)`"
              + "\\s*\\|\\s*`([^`]+)`.*$");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static BedrockEmulator bedrock;

  @BeforeAll
  static void start() {
    bedrock = BedrockEmulator.start();
  }

  @AfterAll
  static void stop() {
    bedrock.close();
  }

  /**
   * A docs row: the constant's name, the family name, the codec's simple name and a model id it
   * serves.
   */
  record DocsRow(String constant, String family, String codec, String modelId) {}

  static Map<String, ModelFamily> constants() throws IllegalAccessException {
    Map<String, ModelFamily> out = new LinkedHashMap<>();
    for (Field f : BedrockFamilies.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == ModelFamily.class) {
        out.put(f.getName(), (ModelFamily) f.get(null));
      }
    }
    return out;
  }

  static Map<String, DocsRow> docsRows() throws IOException {
    Map<String, DocsRow> rows = new LinkedHashMap<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(DOCS, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Model families");
      }
      Matcher m = ROW.matcher(line);
      if (inSection && m.matches()) {
        rows.put(m.group(1), new DocsRow(m.group(1), m.group(2), m.group(3), m.group(4)));
      }
    }
    return rows;
  }

  /** The families whose model ids appear in the contract tests' sources. */
  static Set<String> familiesWithContractTests() throws IOException {
    Set<String> families = new LinkedHashSet<>();
    List<Path> sources;
    try (Stream<Path> files = Files.list(TESTS)) {
      sources =
          files.filter(p -> CONTRACT_TEST.matcher(p.getFileName().toString()).matches()).toList();
    }
    for (Path source : sources) {
      Matcher m = LITERAL.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (m.find()) {
        familyOf(m.group(1)).ifPresent(f -> families.add(f.name()));
      }
    }
    return families;
  }

  /** The family a model id resolves to with the built-in codecs, if any. */
  static Optional<ModelFamily> familyOf(String modelId) {
    for (CodecRegistry<? extends FamilyCodec> r :
        List.of(BedrockCodecs.textRegistry(), BedrockCodecs.embeddingRegistry())) {
      try {
        return Optional.of(r.resolve(modelId).codec().family());
      } catch (RuntimeException notThisRegistry) {
        // an id of the other registry, or not a model id at all
      }
    }
    return Optional.empty();
  }

  /** What a family lacks, each with where it goes; empty when it has every piece. */
  static List<String> missingPieces(
      String constant, ModelFamily family, Map<String, DocsRow> docs, Set<String> contractFamilies)
      throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    boolean hasCodec =
        BedrockCodecs.textRegistry().codecFor(family).isPresent()
            || BedrockCodecs.embeddingRegistry().codecFor(family).isPresent();
    if (!hasCodec) {
      missing.add("codec: register one in BedrockCodecs under the family's model id prefixes");
    }
    Path golden = GOLDEN.resolve(family.name());
    for (String file : List.of("request.json", "response.json")) {
      if (!Files.isRegularFile(golden.resolve(file))) {
        missing.add(
            "golden file: bedrock/src/test/resources/codec/"
                + family.name()
                + "/"
                + file
                + " (a captured or documented payload, with its source noted)");
      }
    }
    if (!contractFamilies.contains(family.name())) {
      missing.add(
          "contract test: a Bedrock<Family>ContractTest extending BedrockContractSupport (or the"
              + " embedding/image equivalents) with one of the family's model ids");
    }
    DocsRow row = docs.get(constant);
    if (row == null) {
      missing.add(
          "docs row: a row `"
              + constant
              + "` | `"
              + family.name()
              + "` | `<Codec>` | `<model id>` in the"
              + " 'Model families' table of docs/providers/bedrock.md");
      missing.add("emulator family: not checked without a docs row naming a model id");
      return missing;
    }
    if (!row.family().equals(family.name())) {
      missing.add(
          "docs row: names family `"
              + row.family()
              + "` but the constant is `"
              + family.name()
              + "`");
    }
    if (hasCodec && familyOf(row.modelId()).filter(family::equals).isEmpty()) {
      missing.add(
          "codec: the docs row's model id "
              + row.modelId()
              + " does not resolve to "
              + family.name()
              + " with the built-in codecs");
    }
    if (Files.isRegularFile(golden.resolve("request.json"))) {
      HttpResponse<String> answer =
          invoke(row.modelId(), Files.readAllBytes(golden.resolve("request.json")));
      if (answer.statusCode() != 200) {
        missing.add(
            "emulator family: the testkit's Bedrock emulator answered "
                + answer.statusCode()
                + " to the golden request for "
                + row.modelId()
                + " (add the family to testkit's ModelCatalog, written"
                + " from the wire format, not from the codec)");
      }
    }
    return missing;
  }

  private static HttpResponse<String> invoke(String modelId, byte[] body)
      throws IOException, InterruptedException {
    URI uri =
        bedrock
            .endpoint()
            .resolve("/model/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8) + "/invoke");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @TestFactory
  Stream<DynamicTest> everyFamilyConstant_hasEveryPieceOfTheChecklist() throws Exception {
    Map<String, DocsRow> docs = docsRows();
    Set<String> contracts = familiesWithContractTests();
    return constants().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () ->
                        assertThat(missingPieces(e.getKey(), e.getValue(), docs, contracts))
                            .as(
                                "%s (%s) misses pieces of the checklist in docs/contributing.md",
                                e.getKey(), e.getValue().name())
                            .isEmpty()));
  }

  @Test
  void everyRegisteredFamily_andEveryDocsRow_isAConstant() throws Exception {
    Set<String> constantFamilies = new LinkedHashSet<>();
    constants().values().forEach(f -> constantFamilies.add(f.name()));
    List<ModelFamily> registered = new ArrayList<>(BedrockCodecs.textRegistry().families());
    registered.addAll(BedrockCodecs.embeddingRegistry().families());

    assertThat(registered).extracting(ModelFamily::name).allMatch(constantFamilies::contains);
    assertThat(docsRows().keySet()).containsExactlyInAnyOrderElementsOf(constants().keySet());
  }

  @Test
  void missingPieces_familyWithNothing_reportsEveryPiece() throws Exception {
    List<String> missing =
        missingPieces(
            "ACME_FAKE", ModelFamily.of("acme.fake"), docsRows(), familiesWithContractTests());

    assertThat(missing)
        .anyMatch(m -> m.startsWith("codec:"))
        .anyMatch(m -> m.startsWith("golden file:"))
        .anyMatch(m -> m.startsWith("contract test:"))
        .anyMatch(m -> m.startsWith("docs row:"))
        .anyMatch(m -> m.startsWith("emulator family:"));
  }
}
