package dev.genaiaws.samples.embeddings;

import dev.genaiaws.bedrock.BedrockEmbeddingClient;
import dev.genaiaws.core.EmbeddingInputType;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.testkit.BedrockEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A tiny semantic search: embeds every {@code .txt} file of a folder, embeds the query, and prints
 * the files closest to it by cosine similarity.
 *
 * <pre>
 * java -jar genai-aws-samples.jar search "how do I make Lambda start faster"    # offline, bundled texts
 * java -jar genai-aws-samples.jar search --dir ./notes --top 5 "what did we decide about retries"
 * java -jar genai-aws-samples.jar search --aws --model cohere.embed-english-v3 "reef bleaching"
 * </pre>
 *
 * <p>What it shows: {@link BedrockEmbeddingClient} takes any number of texts in one {@link
 * EmbeddingRequest} (it batches them as the model allows and returns the vectors in input order);
 * Cohere models embed documents and queries differently, so the documents are sent as {@link
 * EmbeddingInputType#SEARCH_DOCUMENT} and the query as {@link EmbeddingInputType#SEARCH_QUERY}. The
 * ranking itself is a few lines of plain Java ({@link #cosine}): for a handful of files no vector
 * database is needed.
 *
 * <p>Without {@code --dir} it searches eight short texts bundled with the sample (bread, jazz,
 * black holes, Lambda cold starts, ...). Offline, the emulator's vectors are derived from a hash of
 * each text: they are deterministic and a text matches itself exactly (score 1.0), but they carry
 * no meaning, so the order of the other files is arbitrary. With {@code --aws} the ranking is
 * semantic.
 *
 * <p>Results go to stdout ({@code rank. score file first words}); everything else to stderr. Exit
 * codes: 0 done, 1 the model or the files failed, 2 bad usage.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    version = "genai-aws semantic search sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Ranks the .txt files of a folder by how close they are to QUERY (cosine similarity of"
          + " embeddings).",
      "Runs offline against the built-in Bedrock emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the model or the files failed", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class SemanticSearchSample extends SampleCommand {
  /** Amazon Titan Text Embeddings v2, the default model. */
  public static final String DEFAULT_MODEL_ID = "amazon.titan-embed-text-v2:0";

  private static final String BUNDLED = "documents/";

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "QUERY",
      description = "What to look for (quote it, or give it as" + " several words).")
  List<String> query;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Folder whose .txt files are searched (default: the" + " texts bundled with the sample).")
  Path dir;

  @Option(
      names = {"-k", "--top"},
      paramLabel = "K",
      description = "How many results (default: ${DEFAULT-VALUE}).")
  int top = 3;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description =
          "Bedrock embedding model, e.g." + " cohere.embed-english-v3 (default: ${DEFAULT-VALUE}).")
  String model = DEFAULT_MODEL_ID;

  @Option(
      names = "--dimensions",
      paramLabel = "N",
      description = "Vector length, for models with a choice" + " (Titan v2: 256, 512, 1024).")
  Integer dimensions;

  @Option(
      names = "--aws",
      description =
          "Call Amazon Bedrock (default region and credential chains) instead of"
              + " the local emulator.")
  boolean aws;

  @Mixin CommonOptions common;

  private final BedrockEmulator givenEmulator;

  private SemanticSearchSample(PrintStream out, PrintStream err, BedrockEmulator emulator) {
    super(out, err);
    this.givenEmulator = emulator;
  }

  /** One searchable text: its name (the file name) and content. */
  record Document(String name, String text) {}

  /** A document and how close it is to the query, in [-1, 1]. */
  record Hit(Document document, double score) {}

  /** Runs the sample and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the sample on the process's stdout and stderr (UTF-8) and returns the exit code. */
  public static int run(String[] args) {
    return run(args, Cli.utf8(System.out), Cli.utf8(System.err));
  }

  /** Runs the sample: results to {@code out}, the rest to {@code err}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, null);
  }

  /** Like {@link #run(String[], PrintStream, PrintStream)} on a running emulator (not closed). */
  static int run(
      String[] args, PrintStream out, PrintStream err, @Nullable BedrockEmulator emulator) {
    return new SemanticSearchSample(out, err, emulator).execute("search", args);
  }

  @Override
  public Integer call() throws IOException {
    String text = text(spec, query, "QUERY");
    if (top < 1) {
      throw Cli.usage(spec, "--top must be at least 1 but was " + top);
    }
    List<Document> documents = dir == null ? bundled() : folder(dir);
    if (documents.isEmpty()) {
      throw Cli.usage(spec, "no non-empty .txt files in " + dir.toAbsolutePath().normalize());
    }
    BedrockEmulator emulator =
        aws || givenEmulator != null ? givenEmulator : BedrockEmulator.start();
    try (BedrockEmbeddingClient client = Cli.bedrockEmbeddingClient(emulator, common.region())) {
      err.println(
          emulator != null
              ? Cli.offlineNotice("vectors", "Bedrock", "Amazon Bedrock")
                  + " Offline vectors match exact texts only; they carry no meaning."
              : "Embedding with " + model + " on Amazon Bedrock...");
      boolean cohere = model.contains("cohere.embed");
      EmbeddingResponse docs =
          client.embed(
              request(
                  documents.stream().map(Document::text).toList(),
                  cohere ? EmbeddingInputType.SEARCH_DOCUMENT : null));
      EmbeddingResponse q =
          client.embed(request(List.of(text), cohere ? EmbeddingInputType.SEARCH_QUERY : null));
      List<Hit> hits = rank(q.vector(0), documents, docs.vectors());
      for (int i = 0; i < Math.min(top, hits.size()); i++) {
        Hit h = hits.get(i);
        out.printf(
            Locale.ROOT,
            "%d. %.4f  %s  %s%n",
            i + 1,
            h.score(),
            h.document().name(),
            snippet(h.document().text()));
      }
      err.println(
          "Searched "
              + documents.size()
              + " documents ("
              + docs.dimensions()
              + " dimensions, "
              + docs.usage().plus(q.usage()).inputTokens()
              + " input tokens, model "
              + model
              + ")");
      return 0;
    } finally {
      if (emulator != null && emulator != givenEmulator) {
        emulator.close();
      }
    }
  }

  private EmbeddingRequest request(List<String> texts, @Nullable EmbeddingInputType inputType) {
    return EmbeddingRequest.builder()
        .modelId(model)
        .texts(texts)
        .dimensions(dimensions)
        .inputType(inputType)
        .build();
  }

  /**
   * The documents ordered by cosine similarity to the query, closest first; equal scores in name
   * order, so the same vectors always give the same ranking.
   */
  static List<Hit> rank(float[] query, List<Document> documents, List<float[]> vectors) {
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      hits.add(new Hit(documents.get(i), cosine(query, vectors.get(i))));
    }
    hits.sort(
        Comparator.comparingDouble(Hit::score).reversed().thenComparing(h -> h.document().name()));
    return hits;
  }

  /**
   * Cosine similarity: the dot product of the two vectors over the product of their lengths (0 if
   * one is 0).
   */
  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new InvalidRequestException(
          "vectors differ in length: " + a.length + " and " + b.length);
    }
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return normA == 0 || normB == 0 ? 0 : dot / (Math.sqrt(normA) * Math.sqrt(normB));
  }

  /** The non-empty {@code .txt} files directly in {@code dir}, by name, read as UTF-8. */
  static List<Document> folder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidRequestException(
          "--dir " + dir.toAbsolutePath().normalize() + " is not a folder");
    }
    List<Document> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
              .sorted()
              .toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
          documents.add(new Document(file.getFileName().toString(), text));
        }
      }
    }
    return documents;
  }

  /**
   * The texts bundled with the sample (listed in {@code documents/documents.list} next to this
   * class).
   */
  /** The bundled texts as (file name, text) pairs, for other samples that want a small corpus. */
  public static List<Map.Entry<String, String>> bundledTexts() {
    return bundled().stream().map(d -> Map.entry(d.name(), d.text())).toList();
  }

  static List<Document> bundled() {
    List<Document> documents = new ArrayList<>();
    for (String name : resource(BUNDLED + "documents.list").split("\\R")) {
      if (!name.isBlank()) {
        documents.add(new Document(name.strip(), resource(BUNDLED + name.strip()).strip()));
      }
    }
    return documents;
  }

  private static String resource(String name) {
    try (InputStream in = SemanticSearchSample.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the sample's resource " + name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String snippet(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= 60 ? line : line.substring(0, 59) + "…";
  }
}
