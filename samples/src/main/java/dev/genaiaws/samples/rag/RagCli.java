package dev.genaiaws.samples.rag;

import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.knowledgebases.Answer;
import dev.genaiaws.knowledgebases.Citation;
import dev.genaiaws.knowledgebases.Conversation;
import dev.genaiaws.knowledgebases.IngestionJob;
import dev.genaiaws.knowledgebases.IngestionStatistics;
import dev.genaiaws.knowledgebases.KnowledgeBaseClient;
import dev.genaiaws.knowledgebases.KnowledgeBaseIngestion;
import dev.genaiaws.knowledgebases.Passage;
import dev.genaiaws.samples.embeddings.SemanticSearchSample;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * Questions over a folder of documents, answered with citations: indexes the folder into a
 * knowledge base and asks the questions in one conversation (a follow-up may say "it").
 *
 * <pre>
 * java -jar genai-aws-samples.jar ask "How do I make Lambda start faster?"                 # offline, bundled texts
 * java -jar genai-aws-samples.jar ask --dir ./manuals "How loud is the pump?" "And its price?"
 * java -jar genai-aws-samples.jar ask --aws --kb ABCDE12345 --data-source FGHIJ67890 --dir ./manuals \
 *     --model us.anthropic.claude-3-haiku-20240307-v1:0 "How loud is the pump?"
 * </pre>
 *
 * <p>Offline it starts the testkit's {@code KnowledgeBaseEmulator} on a temporary bucket folder,
 * uploads the folder's files (and their {@code .metadata.json} sidecars) with {@link
 * KnowledgeBaseIngestion}, runs an ingestion job, and answers with {@link KnowledgeBaseClient}: the
 * emulator ranks lexically (BM25) and answers extractively, citing the sentences it took. With
 * {@code --aws} the same code uploads to the data source's S3 bucket (when {@code --dir} is given;
 * nothing is overwritten unless {@code --replace}), ingests, and asks Bedrock.
 *
 * <p>Answers and citations go to stdout; progress to stderr. Exit codes: 0 done, 1 a call failed, 2
 * bad usage.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    version = "genai-aws knowledge-base sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Indexes a folder of documents into a knowledge base and answers QUESTIONs about it, citing"
          + " the documents.",
      "Runs offline against the built-in knowledge-base emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:a call failed", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class RagCli extends SampleCommand {
  private static final String OFFLINE_KB = "LOCALKB001";
  private static final String OFFLINE_DS = "LOCALDS001";
  private static final String OFFLINE_BUCKET = "local-docs";

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "QUESTION",
      description = "Questions, asked in order in one" + " conversation (quote each).")
  List<String> questions;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Folder of documents to index (default offline: the"
              + " texts bundled with the samples; with --aws: upload nothing).")
  Path dir;

  @Option(
      names = "--aws",
      description = "Use Amazon Bedrock (default region and credential chains).")
  boolean aws;

  @Option(names = "--kb", paramLabel = "ID", description = "Knowledge base id (with --aws).")
  String knowledgeBaseId;

  @Option(
      names = "--data-source",
      paramLabel = "ID",
      description = "Its S3 data source id (with --aws and" + " --dir, to upload and ingest).")
  String dataSourceId;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Key prefix of the uploads (default: none).")
  String prefix;

  @Option(
      names = "--replace",
      description = "Replace documents already in the bucket (default: never" + " overwrite).")
  boolean replace;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Model id, inference profile id or ARN (default:" + " ${DEFAULT-VALUE}).")
  String model = RagConfig.DEFAULT_MODEL_ID;

  @Option(
      names = "--wait",
      paramLabel = "MINUTES",
      description = "How long to wait for ingestion (default:" + " ${DEFAULT-VALUE}).")
  long waitMinutes = 30;

  @Mixin CommonOptions common;

  private RagCli(PrintStream out, PrintStream err) {
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

  /** Runs the sample: answers to {@code out}, the rest to {@code err}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new RagCli(out, err).execute("ask", args);
  }

  @Override
  public Integer call() throws IOException {
    if (questions.stream().anyMatch(String::isBlank)) {
      throw Cli.usage(spec, "a QUESTION must not be blank");
    }
    if (dir != null && !Files.isDirectory(dir)) {
      throw Cli.usage(spec, "--dir " + dir + " is not a folder");
    }
    if (aws) {
      if (knowledgeBaseId == null) {
        throw Cli.usage(spec, "--aws needs --kb (the knowledge base id)");
      }
      if (dir != null && dataSourceId == null) {
        throw Cli.usage(spec, "--dir with --aws needs --data-source (where to upload and ingest)");
      }
      return onAws();
    }
    return offline();
  }

  private int offline() throws IOException {
    Path bucket = Files.createTempDirectory("genai-aws-kb-");
    Path source = dir != null ? dir : bundled();
    try (KnowledgeBaseEmulator emulator =
            KnowledgeBaseEmulator.builder()
                .knowledgeBase(OFFLINE_KB, OFFLINE_DS, OFFLINE_BUCKET)
                .bucketFolder(OFFLINE_BUCKET, bucket)
                .start();
        KnowledgeBaseIngestion ingestion =
            KnowledgeBaseIngestion.builder()
                .knowledgeBaseId(OFFLINE_KB)
                .dataSourceId(OFFLINE_DS)
                .documentStore(FileGenerationStore.create(bucket))
                .prefix(prefix)
                .endpointOverride(emulator.endpoint())
                .region(Cli.OFFLINE_REGION)
                .credentialsProvider(Cli.offlineCredentials())
                .awaitPolicy(AwaitPolicy.builder().initialDelay(Duration.ofMillis(10)).build())
                .build();
        KnowledgeBaseClient kb =
            KnowledgeBaseClient.builder()
                .knowledgeBaseId(OFFLINE_KB)
                .defaultModelId(model)
                .endpointOverride(emulator.endpoint())
                .region(Cli.OFFLINE_REGION)
                .credentialsProvider(Cli.offlineCredentials())
                .build()) {
      err.println(
          "Offline: answers come from the local knowledge-base emulator (genai-aws testkit): lexical"
              + " retrieval and extractive answers, not a real model. Use --aws to call Amazon Bedrock.");
      index(ingestion, source);
      ask(kb);
      return 0;
    } finally {
      deleteTree(bucket);
      if (dir == null) {
        deleteTree(source);
      }
    }
  }

  private int onAws() {
    Region r = common.region() == null ? null : Region.of(common.region());
    try (KnowledgeBaseClient kb =
        KnowledgeBaseClient.builder()
            .knowledgeBaseId(knowledgeBaseId)
            .defaultModelId(model)
            .region(r)
            .retryPolicy(RetryPolicy.defaults())
            .build()) {
      if (dir != null) {
        try (KnowledgeBaseIngestion ingestion =
            KnowledgeBaseIngestion.builder()
                .knowledgeBaseId(knowledgeBaseId)
                .dataSourceId(dataSourceId)
                .prefix(prefix)
                .region(r)
                .build()) {
          index(ingestion, dir);
        }
      }
      ask(kb);
      return 0;
    }
  }

  private void index(KnowledgeBaseIngestion ingestion, Path folder) {
    List<String> keys = ingestion.uploadFolder(folder, replace);
    err.println("Uploaded " + keys.size() + " files; ingesting...");
    IngestionJob job = ingestion.start("genai-aws ask sample");
    job.await(
        Duration.ofMinutes(waitMinutes),
        s -> err.println("  " + s.rawStatus() + " " + s.progress()));
    IngestionStatistics s = job.statistics();
    err.println(
        "Ingestion "
            + job.lastSnapshot().rawStatus()
            + ": "
            + s.scanned()
            + " scanned, "
            + s.indexed()
            + " indexed, "
            + s.deleted()
            + " deleted, "
            + s.failed()
            + " failed");
    s.failureReasons().forEach(reason -> err.println("  ! " + reason));
  }

  private void ask(KnowledgeBaseClient kb) {
    Conversation chat = kb.conversation();
    for (String q : questions) {
      Answer a = chat.ask(q.strip());
      out.println("Q: " + q.strip());
      out.println("A: " + a.text());
      List<Citation> cs = a.citations();
      for (int i = 0; i < cs.size(); i++) {
        Citation c = cs.get(i);
        out.println("   [" + (i + 1) + "] \"" + c.text() + "\"");
        for (Passage p : c.passages()) {
          out.println("       " + p.sourceUri());
        }
      }
      out.println();
    }
  }

  /** The embedding sample's bundled texts, copied to a temporary folder. */
  private static Path bundled() throws IOException {
    Path folder = Files.createTempDirectory("genai-aws-kb-docs-");
    for (var d : SemanticSearchSample.bundledTexts()) {
      Files.writeString(folder.resolve(d.getKey()), d.getValue());
    }
    return folder;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
