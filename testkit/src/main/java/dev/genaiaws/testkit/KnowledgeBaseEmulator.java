package dev.genaiaws.testkit;

import dev.genaiaws.testkit.internal.EmulatorHttp;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.Script;
import dev.genaiaws.testkit.internal.kb.Chunker;
import dev.genaiaws.testkit.internal.kb.DocumentSource;
import dev.genaiaws.testkit.internal.kb.KnowledgeBaseService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local Amazon Bedrock Knowledge Bases: real HTTP on 127.0.0.1 speaking both {@code
 * bedrock-agent-runtime} ({@code Retrieve}, {@code RetrieveAndGenerate}, {@code
 * RetrieveAndGenerateStream}) and the ingestion part of {@code bedrock-agent} ({@code
 * GetKnowledgeBase}, {@code GetDataSource}, {@code StartIngestionJob}, {@code GetIngestionJob},
 * {@code ListIngestionJobs}, {@code StopIngestionJob}) on one port, so both SDK clients take the
 * same {@code endpointOverride}.
 *
 * <pre>{@code
 * try (KnowledgeBaseEmulator kb = KnowledgeBaseEmulator.builder()
 *         .knowledgeBase("KB12345678", "DS12345678", "docs-bucket")   // id, data source id, its S3 bucket
 *         .s3Client(s3)                                                // e.g. on S3Mock
 *         .start()) {
 *   // put documents (and <name>.metadata.json sidecars) in docs-bucket, then StartIngestionJob and poll
 *   // GetIngestionJob until COMPLETE; Retrieve and RetrieveAndGenerate now answer from them
 * }
 * }</pre>
 *
 * <p><b>Index.</b> An ingestion job reads the data source's bucket (through the S3 client, or a
 * local folder mapped with {@link Builder#bucketFolder(String, Path)}), decodes text documents
 * ({@code .txt .md .html .csv .json}; other formats and non-UTF-8 bytes fail that document, with a
 * failure reason), applies the {@code .metadata.json} sidecars, cuts chunks ({@link
 * Builder#fixedSizeChunking(int, int)}, default 300 tokens with 20 % overlap, or {@link
 * Builder#noChunking()}) and ranks them with BM25 (lexical: a question that uses a document's words
 * finds it first). Re-ingesting counts new, modified, unchanged and deleted documents as the
 * service does. A job advances on each {@code GetIngestionJob}: {@code STARTING}, {@code
 * IN_PROGRESS}, and on poll {@link Builder#pollsToComplete(int)} (default 2) it indexes and is
 * {@code COMPLETE}; a second job on a data source while one runs is a 409 {@code
 * ConflictException}.
 *
 * <p><b>Answers.</b> RetrieveAndGenerate answers extractively: the best-matching sentence of each
 * of the top chunks, each cited with the chunk it came from and its span in the answer; {@code
 * maxTokens} and stop sequences cut it. The first call creates a session id; a follow-up with it is
 * retrieved together with the previous question, as the service uses conversation context. A
 * guardrail (any id and version) intervenes when the question contains one of {@link
 * Builder#guardrailDeniedWords(String...)}. The stream sends {@code output} text pieces, a {@code
 * citation} event after the text it backs, and {@code guardrail}, with the session id in {@code
 * x-amzn-bedrock-knowledge-base-session-id}.
 *
 * <p><b>Validation and errors</b> follow the API reference: unknown knowledge bases, data sources,
 * jobs and sessions are 404 {@code ResourceNotFoundException}; an empty query, more than 100
 * results, a bad filter, a model ARN off the documented pattern, a prompt template without {@code
 * $search_results$}, more than 4 stop sequences are 400 {@code ValidationException}. {@link Fault}s
 * queue per knowledge base id (or for any); {@code Fault.error(424, "DependencyFailedException",
 * ...)} and the like render any of the service's errors; {@link Fault#inStream} sends its exception
 * event on the stream.
 *
 * <p>Thread-safe; {@link #close()} stops the server and the S3 client the emulator built.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class KnowledgeBaseEmulator implements AutoCloseable {
  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

  private final EmulatorState state = new EmulatorState();
  private final KnowledgeBaseService service;
  private final S3Client ownedS3;
  private final EmulatorHttp http;

  private KnowledgeBaseEmulator(Builder b) {
    S3Client s3 = b.s3Client;
    S3Client owned = null;
    if (s3 == null && b.s3Endpoint != null) {
      owned =
          S3Client.builder()
              .endpointOverride(b.s3Endpoint)
              .forcePathStyle(true)
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create("emulator", "emulator")))
              .httpClient(UrlConnectionHttpClient.create())
              .build();
      s3 = owned;
    }
    this.ownedS3 = owned;
    S3Client client = s3;
    DocumentSource documents = new DocumentSource(() -> client);
    b.folders.forEach(documents::mapFolder);
    this.service =
        new KnowledgeBaseService(state, documents, b.pollsToComplete, Set.copyOf(b.deniedWords));
    Chunker chunker = b.chunker;
    Map<String, List<KnowledgeBaseService.DataSource>> byKb = new LinkedHashMap<>();
    b.sources.forEach(
        s ->
            byKb.computeIfAbsent(s.kbId, k -> new ArrayList<>())
                .add(
                    new KnowledgeBaseService.DataSource(
                        s.dsId, "data-source-" + s.dsId, s.bucket, s.prefixes, chunker)));
    byKb.forEach(service::register);
    this.http = EmulatorHttp.start("knowledge-base-emulator", b.port, service::handle);
  }

  /** A builder for an emulator with knowledge bases and where their documents live. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>}, for both SDK clients' {@code endpointOverride}. */
  public URI endpoint() {
    return http.endpoint();
  }

  /** The bound port. */
  public int port() {
    return http.port();
  }

  /** How many chunks knowledge base {@code knowledgeBaseId} holds now. */
  public int chunkCount(String knowledgeBaseId) {
    return service.chunkCount(knowledgeBaseId);
  }

  /** Queues a fault for the next request to any knowledge base. */
  public KnowledgeBaseEmulator enqueue(Fault fault) {
    state.enqueue(null, Script.of(fault));
    return this;
  }

  /** Queues a fault for the next request to knowledge base {@code knowledgeBaseId}. */
  public KnowledgeBaseEmulator enqueue(String knowledgeBaseId, Fault fault) {
    state.enqueue(Objects.requireNonNull(knowledgeBaseId, "knowledgeBaseId"), Script.of(fault));
    return this;
  }

  /** Answers the next request to {@code knowledgeBaseId} with {@code json} as-is (status 200). */
  public KnowledgeBaseEmulator enqueueResponse(String knowledgeBaseId, String json) {
    state.enqueue(knowledgeBaseId, Script.canned(json.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /**
   * All requests received so far, oldest first ({@link RecordedRequest#operation()} is e.g. {@code
   * retrieve}).
   */
  public List<RecordedRequest> requests() {
    return state.requests();
  }

  /**
   * The oldest request not yet taken, waiting up to 10 seconds.
   *
   * @throws IllegalStateException when none arrives in time
   */
  public RecordedRequest takeRequest() {
    return takeRequest(TAKE_TIMEOUT)
        .orElseThrow(() -> new IllegalStateException("no request arrived within " + TAKE_TIMEOUT));
  }

  /** The oldest request not yet taken, waiting up to {@code timeout}. */
  public Optional<RecordedRequest> takeRequest(Duration timeout) {
    return state.take(timeout);
  }

  /** Forgets recorded requests, queued faults, sessions and jobs; indexed documents stay. */
  public void reset() {
    state.reset();
    service.reset();
  }

  /** Stops the server and the S3 client the emulator built (not one you gave it). */
  @Override
  public void close() {
    http.close();
    if (ownedS3 != null) {
      ownedS3.close();
    }
  }

  @Override
  public String toString() {
    return "KnowledgeBaseEmulator[" + endpoint() + "]";
  }

  private record Source(String kbId, String dsId, String bucket, List<String> prefixes) {}

  /** Settings for a {@link KnowledgeBaseEmulator}; {@link #start()} builds and starts it. */
  public static final class Builder {
    private final List<Source> sources = new ArrayList<>();
    private final Map<String, Path> folders = new LinkedHashMap<>();
    private final Set<String> deniedWords = new HashSet<>();
    private int port;
    private URI s3Endpoint;
    private S3Client s3Client;
    private Chunker chunker = Chunker.defaults();
    private int pollsToComplete = 2;

    private Builder() {}

    /** The port on 127.0.0.1 (default 0: any free port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * A knowledge base with one S3 data source reading all of {@code bucket}; call again with the
     * same knowledge base id to add data sources.
     */
    public Builder knowledgeBase(String knowledgeBaseId, String dataSourceId, String bucket) {
      return knowledgeBase(knowledgeBaseId, dataSourceId, bucket, List.of());
    }

    /** A knowledge base data source reading only the keys under {@code inclusionPrefixes}. */
    public Builder knowledgeBase(
        String knowledgeBaseId,
        String dataSourceId,
        String bucket,
        List<String> inclusionPrefixes) {
      if (knowledgeBaseId == null || !knowledgeBaseId.matches("[0-9a-zA-Z]{1,10}")) {
        throw new IllegalArgumentException(
            "knowledgeBaseId must be 1 to 10 letters or digits but was " + knowledgeBaseId);
      }
      if (dataSourceId == null || !dataSourceId.matches("[0-9a-zA-Z]{1,10}")) {
        throw new IllegalArgumentException(
            "dataSourceId must be 1 to 10 letters or digits but was " + dataSourceId);
      }
      sources.add(
          new Source(
              knowledgeBaseId,
              dataSourceId,
              Objects.requireNonNull(bucket, "bucket"),
              List.copyOf(inclusionPrefixes)));
      return this;
    }

    /** The S3 endpoint data sources are read from (path-style, fake credentials), e.g. S3Mock's. */
    public Builder s3Endpoint(URI endpoint) {
      this.s3Endpoint = endpoint;
      return this;
    }

    /**
     * An S3 client to read data sources with instead of {@link #s3Endpoint(URI)}; never closed
     * here.
     */
    public Builder s3Client(S3Client client) {
      this.s3Client = client;
      return this;
    }

    /** Reads {@code bucket} from a local folder instead of S3 (keys are relative paths). */
    public Builder bucketFolder(String bucket, Path folder) {
      folders.put(
          Objects.requireNonNull(bucket, "bucket"), Objects.requireNonNull(folder, "folder"));
      return this;
    }

    /**
     * FIXED_SIZE chunking: {@code maxTokens} words per chunk, {@code overlapPercentage} (1..99)
     * overlap.
     */
    public Builder fixedSizeChunking(int maxTokens, int overlapPercentage) {
      if (maxTokens < 20 || maxTokens > 8192) {
        throw new IllegalArgumentException("maxTokens must be in [20, 8192] but was " + maxTokens);
      }
      if (overlapPercentage < 1 || overlapPercentage > 99) {
        throw new IllegalArgumentException(
            "overlapPercentage must be in [1, 99] but was " + overlapPercentage);
      }
      this.chunker = new Chunker(maxTokens, overlapPercentage);
      return this;
    }

    /** NONE chunking: each document is one chunk. */
    public Builder noChunking() {
      this.chunker = Chunker.none();
      return this;
    }

    /** How many GetIngestionJob calls a job takes to complete (default 2; at least 1). */
    public Builder pollsToComplete(int polls) {
      if (polls < 1) {
        throw new IllegalArgumentException("polls must be >= 1 but was " + polls);
      }
      this.pollsToComplete = polls;
      return this;
    }

    /** Words that make a configured guardrail intervene when a question contains them. */
    public Builder guardrailDeniedWords(String... words) {
      for (String w : words) {
        deniedWords.add(w.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Builds and starts the emulator. */
    public KnowledgeBaseEmulator start() {
      return new KnowledgeBaseEmulator(this);
    }
  }
}
