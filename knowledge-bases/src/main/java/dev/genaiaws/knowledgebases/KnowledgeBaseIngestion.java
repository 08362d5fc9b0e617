package dev.genaiaws.knowledgebases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.EndpointClientBuilderBase;
import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.aws.internal.LazyClient;
import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.RetryExecutor;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.knowledgebases.internal.KnowledgeBaseErrors;
import dev.genaiaws.storage.GenerationStore;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.storage.StorageNotFoundException;
import dev.genaiaws.storage.StoredObject;
import dev.genaiaws.storage.internal.MediaTypes;
import dev.genaiaws.storage.internal.StorageKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.NullUnmarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.bedrockagent.model.DataSource;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobStatistics;

/**
 * Puts documents into a knowledge base: uploads them with their metadata sidecars to the data
 * source's S3 bucket through the storage module (nothing is overwritten unless you ask), then runs
 * an ingestion job and reports what it did.
 *
 * <pre>{@code
 * try (KnowledgeBaseIngestion ingestion = KnowledgeBaseIngestion.builder()
 *         .knowledgeBaseId("ABCDE12345").dataSourceId("FGHIJ67890")
 *         .documentStore(S3GenerationStore.builder().bucket("my-kb-docs").build())   // the data source's bucket
 *         .prefix("manuals/")
 *         .build()) {
 *   ingestion.upload(SourceDocument.text("atlas.txt", text).withMetadata(Map.of("category", "pump")));
 *   ingestion.uploadFolder(Path.of("docs"));                 // files and their .metadata.json sidecars
 *   IngestionJob job = ingestion.start();
 *   job.await(Duration.ofMinutes(30));
 *   System.out.println(job.statistics());                    // scanned, new, modified, deleted, failed
 * }
 * }</pre>
 *
 * <p>Without a {@link Builder#documentStore}, the data source's bucket is looked up ({@code
 * GetDataSource}) and an {@link S3GenerationStore} is built for it with the same region and
 * credentials. A local {@code FileGenerationStore} works too, for the testkit's {@code
 * KnowledgeBaseEmulator} reading a folder.
 *
 * <p>Errors are the SDK's unchecked exceptions: storage failures as the storage module's ({@code
 * StorageConflictException} when a key exists and {@code replace} was not asked), service failures
 * as {@link KnowledgeBaseClient} maps them (a second job while one runs is a non-retryable {@code
 * GenAiServiceException} with error code {@code ConflictException}). Calls to the service go
 * through the retry policy. Thread-safe; {@link #close()} closes what it built.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class KnowledgeBaseIngestion implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseIngestion.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The suffix of a document's metadata sidecar. */
  public static final String METADATA_SUFFIX = ".metadata.json";

  private final String knowledgeBaseId;
  private final String dataSourceId;
  private final String prefix;
  private final LazyClient<BedrockAgentClient> agent;
  private final RetryExecutor retries;
  private final AwaitPolicy awaitPolicy;
  private final GenerationStore givenStore;
  private final AwsClientConfig config;
  private volatile GenerationStore builtStore;

  private KnowledgeBaseIngestion(Builder b, AwsClientConfig config) {
    this.knowledgeBaseId = KnowledgeBaseIds.check(b.knowledgeBaseId);
    this.dataSourceId = KnowledgeBaseIds.check(b.dataSourceId, "dataSourceId");
    this.prefix = b.prefix == null ? "" : StorageKeys.normalizePrefix(b.prefix);
    this.agent =
        LazyClient.of(
            "knowledge base ingestion",
            b.agentClient,
            () -> config.sync(BedrockAgentClient.builder()).build());
    this.retries = new RetryExecutor("knowledge-base-ingestion", b.retryPolicy);
    this.awaitPolicy = b.awaitPolicy;
    this.givenStore = b.store;
    this.config = config;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- documents

  /**
   * Uploads a document and, when it has metadata, its {@code <key>.metadata.json} sidecar. Fails
   * with a {@code StorageConflictException} when either key exists: nothing is overwritten.
   *
   * @return the document's full key in the bucket
   */
  public String upload(SourceDocument document) {
    return upload(document, false);
  }

  /**
   * Uploads a document (and its sidecar); with {@code replace} an existing object under its key
   * (and its old sidecar) is deleted first. The next ingestion job re-indexes a replaced document.
   */
  public String upload(SourceDocument document, boolean replace) {
    Checks.notNull(document, "document");
    String key = StorageKeys.join(prefix, document.key());
    StorageKeys.validate(key);
    GenerationStore store = store();
    if (replace) {
      deleteQuietly(store, key);
      deleteQuietly(store, key + METADATA_SUFFIX);
    }
    String type = document.contentType() != null ? document.contentType() : MediaTypes.fromKey(key);
    if (!document.metadata().isEmpty()) {
      store.putBytes(
          key + METADATA_SUFFIX, sidecar(document.metadata()), MediaTypes.JSON, Map.of());
    }
    try {
      store.putBytes(key, document.content(), type, Map.of());
    } catch (RuntimeException e) {
      if (!document.metadata().isEmpty() && !replace) {
        deleteQuietly(store, key + METADATA_SUFFIX); // do not leave a sidecar without its document
      }
      throw e;
    }
    LOG.debug(
        "uploaded {} ({} bytes) to knowledge base {} data source {}",
        key,
        document.content().length,
        knowledgeBaseId,
        dataSourceId);
    return key;
  }

  /** Uploads one file under {@code key} with these metadata attributes. */
  public String upload(Path file, String key, Map<String, Object> metadata) {
    try {
      return upload(new SourceDocument(key, Files.readAllBytes(file), null, metadata));
    } catch (IOException e) {
      throw new GenAiClientException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Uploads every regular file under {@code folder}, keyed by its relative path (with {@code /});
   * files named {@code <name>.metadata.json} go up as they are, as the sidecars of {@code <name>}.
   * Nothing is overwritten.
   *
   * @return the full keys written, in path order
   */
  public List<String> uploadFolder(Path folder) {
    return uploadFolder(folder, false);
  }

  /** As {@link #uploadFolder(Path)}; with {@code replace} existing objects are replaced. */
  public List<String> uploadFolder(Path folder, boolean replace) {
    if (!Files.isDirectory(folder)) {
      throw new InvalidRequestException("not a folder: " + folder);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    GenerationStore store = store();
    List<String> keys = new ArrayList<>();
    for (Path f : files) {
      String rel = folder.relativize(f).toString().replace('\\', '/');
      String key = StorageKeys.join(prefix, rel);
      StorageKeys.validate(key);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new GenAiClientException("cannot read " + f + ": " + e.getMessage(), e);
      }
      if (replace) {
        deleteQuietly(store, key);
      }
      store.putBytes(key, bytes, MediaTypes.fromKey(key), Map.of());
      keys.add(key);
    }
    return keys;
  }

  /** The documents (not the sidecars) under the ingestion's prefix. */
  public List<StoredObject> listDocuments() {
    try (Stream<StoredObject> all = store().list(prefix)) {
      return all.filter(o -> !o.key().endsWith(METADATA_SUFFIX)).toList();
    }
  }

  /**
   * Deletes a document and its sidecar from the bucket (a key relative to the prefix); the next
   * ingestion job removes it from the index.
   */
  public void deleteDocument(String key) {
    String full = StorageKeys.join(prefix, key);
    GenerationStore store = store();
    store.delete(full);
    deleteQuietly(store, full + METADATA_SUFFIX);
  }

  private static void deleteQuietly(GenerationStore store, String key) {
    try {
      if (store.head(key).isPresent()) {
        store.delete(key);
      }
    } catch (StorageNotFoundException e) {
      // already gone
    }
  }

  static byte[] sidecar(Map<String, Object> metadata) {
    ObjectNode root = JSON.createObjectNode();
    root.set("metadataAttributes", JSON.valueToTree(metadata));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data source's bucket as {@code GetDataSource} reports it. */
  public String dataSourceBucket() {
    DataSource ds =
        call(
            "GetDataSource " + dataSourceId,
            () ->
                agent
                    .get()
                    .getDataSource(
                        r -> r.knowledgeBaseId(knowledgeBaseId).dataSourceId(dataSourceId)),
            r -> r.dataSource());
    if (ds.dataSourceConfiguration() == null
        || ds.dataSourceConfiguration().s3Configuration() == null) {
      throw new InvalidRequestException(
          "data source "
              + dataSourceId
              + " is not an S3 data source: upload to it"
              + " with its own tools, and use start() to ingest");
    }
    String arn = ds.dataSourceConfiguration().s3Configuration().bucketArn();
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  private GenerationStore store() {
    if (givenStore != null) {
      return givenStore;
    }
    GenerationStore s = builtStore;
    if (s == null) {
      synchronized (this) {
        s = builtStore;
        if (s == null) {
          S3GenerationStore.Builder b = S3GenerationStore.builder().bucket(dataSourceBucket());
          if (config.region() != null) {
            b.region(config.region());
          }
          if (config.credentials() != null) {
            b.credentialsProvider(config.credentials());
          }
          s = b.build();
          builtStore = s;
        }
      }
    }
    return s;
  }

  // ---------------------------------------------------------------- jobs

  /** Starts an ingestion job of the data source. */
  public IngestionJob start() {
    return start(null);
  }

  /** Starts an ingestion job with a description (at most 200 characters). */
  public IngestionJob start(String description) {
    if (description != null && description.length() > 200) {
      throw new InvalidRequestException(
          "description must be at most 200 characters but was " + description.length());
    }
    IngestionJob.Polled started =
        call(
            "StartIngestionJob on data source " + dataSourceId,
            () ->
                agent
                    .get()
                    .startIngestionJob(
                        r ->
                            r.knowledgeBaseId(knowledgeBaseId)
                                .dataSourceId(dataSourceId)
                                .description(description)),
            r -> polled(r.ingestionJob()));
    LOG.debug(
        "started ingestion job {} of knowledge base {}",
        started.snapshot().jobId(),
        knowledgeBaseId);
    return handle(started.snapshot().jobId(), started);
  }

  /** A handle on an existing job (from another process), read once now. */
  public IngestionJob attach(String ingestionJobId) {
    Checks.notBlank(ingestionJobId, "ingestionJobId");
    return handle(ingestionJobId, get(ingestionJobId));
  }

  /**
   * The data source's jobs, newest first, as the service lists them (statistics included, reasons
   * not).
   */
  public List<IngestionJob> jobs() {
    return call(
        "ListIngestionJobs on data source " + dataSourceId,
        () ->
            agent
                .get()
                .listIngestionJobs(
                    r -> r.knowledgeBaseId(knowledgeBaseId).dataSourceId(dataSourceId)),
        r ->
            r.ingestionJobSummaries().stream()
                .map(
                    s ->
                        handle(
                            s.ingestionJobId(),
                            IngestionJob.polled(
                                s.ingestionJobId(),
                                s.statusAsString(),
                                statistics(s.statistics(), List.of()))))
                .toList());
  }

  private IngestionJob handle(String id, IngestionJob.Polled initial) {
    Supplier<IngestionJob.Polled> poll = () -> get(id);
    Function<String, IngestionJob.Polled> stopper =
        jobId ->
            call(
                "StopIngestionJob " + jobId,
                () ->
                    agent
                        .get()
                        .stopIngestionJob(
                            r ->
                                r.knowledgeBaseId(knowledgeBaseId)
                                    .dataSourceId(dataSourceId)
                                    .ingestionJobId(jobId)),
                r -> polled(r.ingestionJob()));
    return new IngestionJob(id, initial, poll, stopper, awaitPolicy);
  }

  private IngestionJob.Polled get(String id) {
    return call(
        "GetIngestionJob " + id,
        () ->
            agent
                .get()
                .getIngestionJob(
                    r ->
                        r.knowledgeBaseId(knowledgeBaseId)
                            .dataSourceId(dataSourceId)
                            .ingestionJobId(id)),
        r -> polled(r.ingestionJob()));
  }

  private static IngestionJob.Polled polled(
      software.amazon.awssdk.services.bedrockagent.model.IngestionJob j) {
    return IngestionJob.polled(
        j.ingestionJobId(), j.statusAsString(), statistics(j.statistics(), j.failureReasons()));
  }

  private static IngestionStatistics statistics(IngestionJobStatistics s, List<String> reasons) {
    if (s == null) {
      return new IngestionStatistics(0, 0, 0, 0, 0, 0, reasons == null ? List.of() : reasons);
    }
    return new IngestionStatistics(
        n(s.numberOfDocumentsScanned()),
        n(s.numberOfMetadataDocumentsScanned()),
        n(s.numberOfNewDocumentsIndexed()),
        n(s.numberOfModifiedDocumentsIndexed()),
        n(s.numberOfDocumentsDeleted()),
        n(s.numberOfDocumentsFailed()),
        reasons == null ? List.of() : reasons);
  }

  private static long n(Long v) {
    return v == null ? 0 : v;
  }

  private <R, T> T call(String what, Supplier<R> call, Function<R, T> convert) {
    return retries.execute(
        n -> SdkCalls.sync(call, convert, e -> KnowledgeBaseErrors.map(e, what, false)),
        Long.MAX_VALUE,
        (n, e, wait) ->
            LOG.debug(
                "{}: attempt {} failed ({}), retrying in {} ms",
                what,
                n,
                e.getClass().getSimpleName(),
                wait.toMillis()));
  }

  /** Closes the agent client and the store this built; injected ones stay open. */
  @Override
  public void close() {
    agent.close();
    GenerationStore s = builtStore;
    if (s != null) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.debug("closing the document store failed: {}", e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "KnowledgeBaseIngestion[knowledgeBaseId="
        + knowledgeBaseId
        + ", dataSourceId="
        + dataSourceId
        + ", prefix="
        + prefix
        + "]";
  }

  /** Settings for a {@link KnowledgeBaseIngestion}. */
  public static final class Builder extends EndpointClientBuilderBase<Builder> {
    private String knowledgeBaseId;
    private String dataSourceId;
    private String prefix;
    private GenerationStore store;
    private BedrockAgentClient agentClient;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private AwaitPolicy awaitPolicy = AwaitPolicy.defaults();

    private Builder() {}

    /** The knowledge base (10 letters or digits). */
    public Builder knowledgeBaseId(String knowledgeBaseId) {
      this.knowledgeBaseId = knowledgeBaseId;
      return this;
    }

    /** Its S3 data source (10 letters or digits). */
    public Builder dataSourceId(String dataSourceId) {
      this.dataSourceId = dataSourceId;
      return this;
    }

    /** A key prefix for uploads (inside the data source's inclusion prefixes, if it has any). */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * The store over the data source's bucket (default: an {@link S3GenerationStore} on the
     * looked-up bucket).
     */
    public Builder documentStore(GenerationStore store) {
      this.store = store;
      return this;
    }

    /**
     * Your own {@code bedrock-agent} client (never closed here; it keeps its own retry settings).
     */
    public Builder agentClient(BedrockAgentClient client) {
      this.agentClient = client;
      return this;
    }

    /** The retry policy of the service calls (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Checks.notNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** How jobs' {@code await} paces its polls (default 5 s doubling to 60 s). */
    public Builder awaitPolicy(AwaitPolicy awaitPolicy) {
      this.awaitPolicy = Checks.notNull(awaitPolicy, "awaitPolicy");
      return this;
    }

    /** The ingestion; throws {@code InvalidRequestException} when an id is missing or malformed. */
    public KnowledgeBaseIngestion build() {
      return new KnowledgeBaseIngestion(this, awsConfig(null));
    }
  }
}
