package dev.genaiaws.samples.history;

import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.storage.StorageException;
import dev.genaiaws.storage.StorageNotFoundException;
import dev.genaiaws.storage.StoredImage;
import dev.genaiaws.storage.StoredObject;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * Lists past generations from a {@link GenerationStore}, newest first, and reloads one.
 *
 * <pre>
 * java -jar genai-aws-samples.jar history                         # ./generations, where the blog CLI saves
 * java -jar genai-aws-samples.jar history --limit 5
 * java -jar genai-aws-samples.jar history --show blogs/2026/11/23/20261123T075900123Z-1a2b3c4d5e6f.json
 * java -jar genai-aws-samples.jar history --bucket my-blogs --prefix blogs
 * </pre>
 *
 * <p>What it shows: {@link GenerationStore#list(String)} (a lazy listing of every object under a
 * prefix), {@link GenerationStore#load(String)} (a record back as a {@link GenerationRecord}:
 * model, parameters, prompt, text, usage, time) and that the local folder and S3 stores behave the
 * same.
 *
 * <p>Listing prints one line per record on stdout: {@code KEY DATE MODEL in/out tokens} (images,
 * which are separate objects, and other files are skipped). {@code --show KEY} prints the record's
 * text on stdout and its details on stderr. Nothing is called but the store, so there is no
 * emulator: by default the folder {@code ./generations} (the blog CLI's {@code --out}) is read;
 * {@code --bucket} reads S3 with the SDK's default chains. Exit codes: 0 done, 1 the store failed,
 * 2 bad usage (including a key that does not exist).
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    version = "genai-aws history sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Lists saved generations, newest first, or prints one with --show KEY.",
      "Reads the folder the blog CLI writes to (./generations) unless --dir or --bucket says otherwise."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the store failed", "2:bad usage or no such key"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class HistorySample extends SampleCommand {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(
      names = "--show",
      paramLabel = "KEY",
      description = "Print this generation's text (a key from the" + " listing).")
  String show;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The store's folder (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("generations");

  @Option(
      names = "--bucket",
      paramLabel = "NAME",
      description = "Read this S3 bucket instead (SDK default" + " region and credential chains).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "P",
      description = "Only keys starting with this (default: all).")
  String prefix = "";

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      description = "Most generations to list (default:" + " ${DEFAULT-VALUE}).")
  int limit = 20;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "With --bucket: an S3 endpoint to use"
              + " instead of AWS's (path-style, e.g. a local S3).")
  URI s3Endpoint;

  @Mixin CommonOptions common;

  private HistorySample(PrintStream out, PrintStream err) {
    super(out, err);
  }

  /** Runs the sample and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the sample on the process's stdout and stderr (UTF-8) and returns the exit code. */
  public static int run(String[] args) {
    return run(args, Cli.utf8(System.out), Cli.utf8(System.err));
  }

  /**
   * Runs the sample: the listing or the text to {@code out}, the rest to {@code err}; returns the
   * exit code.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new HistorySample(out, err).execute("history", args);
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw Cli.usage(spec, "--limit must be at least 1 but was " + limit);
    }
    if (bucket == null && s3Endpoint != null) {
      throw Cli.usage(spec, "--s3-endpoint needs --bucket");
    }
    if (bucket == null && !Files.isDirectory(dir)) {
      err.println(
          "No generations yet: "
              + dir.toAbsolutePath().normalize()
              + " does not exist. Run the blog"
              + " sample first, or give --dir or --bucket.");
      return 0;
    }
    try (GenerationStore store = store()) {
      return show != null ? show(store, show.strip()) : list(store);
    }
  }

  /** A record and its key. */
  private record Entry(String key, GenerationRecord record, Instant when) {}

  private int list(GenerationStore store) {
    // every record is read to sort by its creation time: fine for a sample's history, a full scan
    // for a big bucket
    List<Entry> entries = new ArrayList<>();
    try (Stream<StoredObject> objects = store.list(prefix)) {
      objects
          .filter(o -> o.key().endsWith(".json"))
          .forEach(
              o -> {
                try {
                  GenerationRecord r = store.load(o.key());
                  entries.add(
                      new Entry(
                          o.key(),
                          r,
                          r.createdAt() != null
                              ? r.createdAt()
                              : o.lastModified() != null ? o.lastModified() : Instant.EPOCH));
                } catch (StorageNotFoundException e) {
                  // deleted since it was listed
                } catch (StorageException e) {
                  // a .json file that is not a generation record (or has a newer schema): say so
                  // and go on
                  err.println("(skipped " + o.key() + ": " + Cli.oneLine(e) + ")");
                }
              });
    }
    entries.sort(Comparator.comparing(Entry::when).thenComparing(Entry::key).reversed());
    entries.stream().limit(limit).forEach(e -> out.println(line(e.key(), e.record())));
    err.println(
        entries.isEmpty()
            ? "No generations under " + where() + "."
            : Math.min(limit, entries.size())
                + " of "
                + entries.size()
                + " record(s) in "
                + where()
                + ", newest first. Show one with --show KEY.");
    return 0;
  }

  /** {@code KEY DATE MODEL in/out tokens[ N image(s)]}. */
  static String line(String key, GenerationRecord r) {
    String date = r.createdAt() == null ? "unknown date" : DATE.format(r.createdAt());
    String images = r.images().isEmpty() ? "" : "  " + r.images().size() + " image(s)";
    return key
        + "  "
        + date
        + "  "
        + r.modelId()
        + "  "
        + r.usage().inputTokens()
        + "/"
        + r.usage().outputTokens()
        + " tokens"
        + images;
  }

  private int show(GenerationStore store, String key) {
    GenerationRecord r;
    try {
      r = store.load(key);
    } catch (StorageNotFoundException e) {
      throw Cli.usage(
          spec,
          "no generation under '" + key + "' in " + where() + " (list them without" + " --show)");
    }
    err.println(line(key, r));
    err.println(
        "stop: "
            + r.stopReason()
            + (r.requestId() == null ? "" : ", request id " + r.requestId())
            + (r.metadata().isEmpty() ? "" : ", labels " + r.metadata()));
    for (StoredImage image : r.images()) {
      err.println(
          "image: "
              + image.key()
              + " ("
              + image.mediaType()
              + ", "
              + image.sizeBytes()
              + " bytes)");
    }
    err.println();
    out.println(r.outputText());
    return 0;
  }

  private String where() {
    return bucket != null
        ? "s3://" + bucket + "/" + prefix
        : dir.toAbsolutePath().normalize().resolve(prefix).toString();
  }

  private GenerationStore store() {
    if (bucket == null) {
      return FileGenerationStore.builder().root(dir).build();
    }
    S3GenerationStore.Builder s3 = S3GenerationStore.builder().bucket(bucket);
    if (common.region() != null) {
      s3.region(Region.of(common.region()));
    }
    if (s3Endpoint != null) {
      s3.endpointOverride(s3Endpoint).forcePathStyle(true);
    }
    return s3.build();
  }
}
