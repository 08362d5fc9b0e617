package dev.genaiaws.testkit.internal.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.EventStreams;
import dev.genaiaws.testkit.internal.Exchange;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Paths;
import dev.genaiaws.testkit.internal.Script;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * Knowledge bases, their S3 data sources, ingestion jobs and sessions, and the HTTP operations of
 * both {@code bedrock-agent-runtime} (Retrieve, RetrieveAndGenerate, RetrieveAndGenerateStream) and
 * {@code bedrock-agent} (GetKnowledgeBase, GetDataSource, StartIngestionJob, GetIngestionJob,
 * ListIngestionJobs) on one port. Errors have the services' shape: status, {@code x-amzn-ErrorType}
 * and {@code {"message"}}. Thread-safe.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class KnowledgeBaseService {
  private static final String ERROR_TYPE_SUFFIX =
      ":http://internal.amazon.com/coral/com.amazon.bedrock/";
  private static final Pattern KB_ID = Pattern.compile("[0-9a-zA-Z]{1,10}");
  private static final Pattern MODEL_ARN =
      Pattern.compile(
          "(arn:aws(-[^:]+)?:(bedrock|sagemaker):[a-z0-9-]{1,20}:"
              + "([0-9]{12})?:([a-z-]+/)?)?([a-zA-Z0-9.-]{1,63}){0,2}(([:][a-z0-9-]{1,63}){0,2})?(/[a-z0-9]{1,12})?");
  private static final Set<String> TEXT_TYPES =
      Set.of("txt", "md", "markdown", "html", "htm", "csv", "json");
  private static final String META_SUFFIX = ".metadata.json";
  private static final int DEFAULT_RESULTS = 5;

  /** One data source: an S3 bucket with optional inclusion prefixes and its chunking. */
  public record DataSource(
      String id, String name, String bucket, List<String> prefixes, Chunker chunker) {}

  private static final class KnowledgeBase {
    final String id;
    final Map<String, DataSource> sources = new LinkedHashMap<>();
    final Index index = new Index();
    final Map<String, String> hashes = new ConcurrentHashMap<>();
    final Instant createdAt = Instant.now();

    KnowledgeBase(String id) {
      this.id = id;
    }
  }

  private static final class Job {
    final String id;
    final String kbId;
    final String dsId;
    final String description;
    final Instant startedAt = Instant.now();
    volatile Instant updatedAt = startedAt;
    volatile String status = "STARTING";
    volatile int polls;
    final Map<String, Long> stats = new LinkedHashMap<>();
    final List<String> failureReasons = new ArrayList<>();

    Job(String id, String kbId, String dsId, String description) {
      this.id = id;
      this.kbId = kbId;
      this.dsId = dsId;
      this.description = description;
    }

    boolean running() {
      return status.equals("STARTING") || status.equals("IN_PROGRESS");
    }
  }

  private record Turn(String question, String answer) {}

  private final EmulatorState state;
  private final DocumentSource documents;
  private final Map<String, KnowledgeBase> kbs = new ConcurrentHashMap<>();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, List<Turn>> sessions = new ConcurrentHashMap<>();
  private final Map<String, List<Index.Hit>> pages = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1);
  private final int pollsToComplete;
  private final Set<String> guardrailDeniedWords;

  /**
   * @param pollsToComplete how many GetIngestionJob calls a job takes to finish (it moves STARTING,
   *     IN_PROGRESS and then indexes and completes on the last one)
   * @param guardrailDeniedWords words a guardrail blocks in questions (lower case)
   */
  public KnowledgeBaseService(
      EmulatorState state,
      DocumentSource documents,
      int pollsToComplete,
      Set<String> guardrailDeniedWords) {
    this.state = state;
    this.documents = documents;
    this.pollsToComplete = pollsToComplete;
    this.guardrailDeniedWords = guardrailDeniedWords;
  }

  /** Registers a knowledge base with its data sources (replacing one with the same id). */
  public void register(String kbId, List<DataSource> sources) {
    KnowledgeBase kb = new KnowledgeBase(kbId);
    sources.forEach(s -> kb.sources.put(s.id(), s));
    kbs.put(kbId, kb);
  }

  /** Number of chunks indexed in a knowledge base. */
  public int chunkCount(String kbId) {
    KnowledgeBase kb = kbs.get(kbId);
    return kb == null ? 0 : kb.index.chunks().size();
  }

  /** Forgets sessions, pages and jobs (indexes stay). */
  public void reset() {
    sessions.clear();
    pages.clear();
    jobs.clear();
  }

  // ---------------------------------------------------------------- routing

  /** Handles one exchange. */
  public void handle(Exchange ex) throws IOException {
    String[] seg = ex.rawPath().split("/", -1);
    String method = ex.method();
    String op;
    String kbId = null;
    if (seg.length == 2
        && (seg[1].equals("retrieveAndGenerate") || seg[1].equals("retrieveAndGenerateStream"))
        && method.equals("POST")) {
      op = seg[1];
    } else if (seg.length >= 3 && seg[1].equals("knowledgebases")) {
      kbId = Paths.decode(seg[2]);
      if (seg.length == 3 && method.equals("GET")) {
        op = "getKnowledgeBase";
      } else if (seg.length == 4 && seg[3].equals("retrieve") && method.equals("POST")) {
        op = "retrieve";
      } else if (seg.length == 5 && seg[3].equals("datasources") && method.equals("GET")) {
        op = "getDataSource";
      } else if (seg.length == 7 && seg[5].equals("ingestionjobs") && seg[6].isEmpty()) {
        op =
            method.equals("PUT")
                ? "startIngestionJob"
                : method.equals("POST") ? "listIngestionJobs" : "";
      } else if (seg.length == 7 && seg[5].equals("ingestionjobs") && method.equals("GET")) {
        op = "getIngestionJob";
      } else if (seg.length == 8
          && seg[5].equals("ingestionjobs")
          && seg[7].equals("stop")
          && method.equals("POST")) {
        op = "stopIngestionJob";
      } else {
        op = "";
      }
    } else {
      op = "";
    }
    JsonNode body = null;
    if (ex.body().length > 0) {
      try {
        body = Json.parse(ex.body());
      } catch (IOException e) {
        record(ex, op, kbId);
        error(ex, 400, "ValidationException", "Malformed request body: it is not valid JSON");
        return;
      }
    }
    if (kbId == null && body != null) {
      kbId =
          Json.text(
              body.path("retrieveAndGenerateConfiguration").path("knowledgeBaseConfiguration"),
              "knowledgeBaseId",
              null);
    }
    record(ex, op, kbId);
    if (op.isEmpty()) {
      error(
          ex, 404, "UnknownOperationException", "Unknown operation " + method + " " + ex.rawPath());
      return;
    }
    Fault inStream = null;
    Script script = state.next(kbId);
    if (script != null && script.cannedBody() != null) {
      ex.respond(200, "application/json", script.cannedBody());
      return;
    }
    if (script != null) {
      Fault f = script.fault();
      switch (f.kind()) {
        case DROP_CONNECTION -> {
          ex.drop();
          return;
        }
        case DELAY -> pause(f);
        case ERROR -> {
          error(ex, f.status(), f.errorCode(), f.message());
          return;
        }
        case IN_STREAM -> {
          if (!op.equals("retrieveAndGenerateStream")) {
            error(ex, f.status(), f.errorCode(), f.message());
            return;
          }
          inStream = f;
        }
        default -> throw new IllegalStateException(f.toString());
      }
    }
    JsonNode b = body == null ? Json.object() : body;
    switch (op) {
      case "retrieve" -> retrieve(ex, kbId, b);
      case "retrieveAndGenerate", "retrieveAndGenerateStream" ->
          retrieveAndGenerate(ex, b, op.endsWith("Stream"), inStream);
      case "getKnowledgeBase" -> getKnowledgeBase(ex, kbId);
      case "getDataSource" -> getDataSource(ex, kbId, Paths.decode(seg[4]));
      case "startIngestionJob" -> startJob(ex, kbId, Paths.decode(seg[4]), b);
      case "listIngestionJobs" -> listJobs(ex, kbId, Paths.decode(seg[4]));
      case "getIngestionJob" -> getJob(ex, kbId, Paths.decode(seg[4]), Paths.decode(seg[6]));
      case "stopIngestionJob" -> stopJob(ex, kbId, Paths.decode(seg[4]), Paths.decode(seg[6]));
      default -> error(ex, 404, "UnknownOperationException", "Unknown operation");
    }
  }

  private void record(Exchange ex, String op, String target) {
    state.record(
        new RecordedRequest(
            ex.method(), ex.rawPath(), op, target, ex.headers(), ex.body(), Instant.now()));
  }

  // ---------------------------------------------------------------- Retrieve

  private record Retrieval(List<Index.Hit> hits, String problem, int status, String code) {
    static Retrieval fail(int status, String code, String problem) {
      return new Retrieval(null, problem, status, code);
    }
  }

  private KnowledgeBase knowledgeBase(Exchange ex, String kbId) throws IOException {
    if (kbId == null || !KB_ID.matcher(kbId).matches()) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + kbId
              + "' at 'knowledgeBaseId' failed to satisfy constraint: Member must satisfy regular expression "
              + "pattern: [0-9a-zA-Z]+");
      return null;
    }
    KnowledgeBase kb = kbs.get(kbId);
    if (kb == null) {
      error(ex, 404, "ResourceNotFoundException", "Knowledge base " + kbId + " does not exist.");
    }
    return kb;
  }

  /**
   * Ranks chunks for a query under a {@code retrievalConfiguration}; the problem when it is
   * invalid.
   */
  private Retrieval rank(KnowledgeBase kb, String query, JsonNode retrievalConfiguration) {
    JsonNode vector = retrievalConfiguration.path("vectorSearchConfiguration");
    if (!vector.isMissingNode() && !vector.isObject()) {
      return Retrieval.fail(
          400, "ValidationException", "vectorSearchConfiguration must be an object");
    }
    JsonNode n = vector.get("numberOfResults");
    if (n != null && (!n.isInt() || n.asInt() < 1 || n.asInt() > 100)) {
      return Retrieval.fail(
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + n
              + "' at 'retrievalConfiguration.vectorSearchConfiguration.numberOfResults' failed to satisfy "
              + "constraint: Member must have value less than or equal to 100 and greater than or equal to 1");
    }
    String type = Json.text(vector, "overrideSearchType", null);
    if (type != null && !type.equals("HYBRID") && !type.equals("SEMANTIC")) {
      return Retrieval.fail(
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + type
              + "' at 'retrievalConfiguration.vectorSearchConfiguration.overrideSearchType' failed to satisfy "
              + "constraint: Member must satisfy enum value set: [HYBRID, SEMANTIC]");
    }
    JsonNode filter = vector.get("filter");
    if (filter != null) {
      String p =
          Filters.validate(filter, "retrievalConfiguration.vectorSearchConfiguration.filter");
      if (p != null) {
        return Retrieval.fail(400, "ValidationException", p);
      }
    }
    Predicate<Index.Chunk> accept = Filters.predicate(filter);
    List<Index.Hit> hits = kb.index.search(query, accept);
    JsonNode rerank = vector.get("rerankingConfiguration");
    if (rerank != null) {
      if (!"BEDROCK_RERANKING_MODEL".equals(Json.text(rerank, "type", null))) {
        return Retrieval.fail(
            400,
            "ValidationException",
            "rerankingConfiguration.type must be BEDROCK_RERANKING_MODEL");
      }
      JsonNode brc = rerank.path("bedrockRerankingConfiguration");
      String arn = Json.text(brc.path("modelConfiguration"), "modelArn", null);
      if (arn == null || arn.isEmpty()) {
        return Retrieval.fail(
            400,
            "ValidationException",
            "1 validation error detected: Value null at "
                + "'retrievalConfiguration.vectorSearchConfiguration.rerankingConfiguration."
                + "bedrockRerankingConfiguration.modelConfiguration.modelArn' failed to satisfy constraint: "
                + "Member must not be null");
      }
      JsonNode rn = brc.get("numberOfRerankedResults");
      if (rn != null && (!rn.isInt() || rn.asInt() < 1 || rn.asInt() > 100)) {
        return Retrieval.fail(
            400, "ValidationException", "numberOfRerankedResults must be between 1 and 100");
      }
      hits = Index.rerank(query, hits);
      if (rn != null) {
        hits = hits.subList(0, Math.min(hits.size(), rn.asInt()));
      }
    }
    return new Retrieval(hits, null, 0, null);
  }

  private void retrieve(Exchange ex, String kbId, JsonNode body) throws IOException {
    KnowledgeBase kb = knowledgeBase(ex, kbId);
    if (kb == null) {
      return;
    }
    String query = Json.text(body.path("retrievalQuery"), "text", null);
    if (query == null) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value null at 'retrievalQuery.text' "
              + "failed to satisfy constraint: Member must not be null");
      return;
    }
    if (query.isBlank() || query.length() > 20000) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value at 'retrievalQuery.text' failed "
              + "to satisfy constraint: Member must have length between 1 and 20000 and must not be blank");
      return;
    }
    int size =
        body.path("retrievalConfiguration")
            .path("vectorSearchConfiguration")
            .path("numberOfResults")
            .asInt(DEFAULT_RESULTS);
    List<Index.Hit> all;
    int offset = 0;
    String token = Json.text(body, "nextToken", null);
    if (token != null) {
      all = pages.get(token.split("\\.", 2)[0]);
      try {
        offset = token.contains(".") ? Integer.parseInt(token.split("\\.", 2)[1]) : -1;
      } catch (NumberFormatException e) {
        offset = -1;
      }
      if (all == null || offset < 0 || offset > all.size()) {
        error(ex, 400, "ValidationException", "The provided nextToken is not valid.");
        return;
      }
    } else {
      Retrieval r = rank(kb, query, body.path("retrievalConfiguration"));
      if (r.problem() != null) {
        error(ex, r.status(), r.code(), r.problem());
        return;
      }
      all = r.hits();
    }
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("retrievalResults");
    int end = Math.min(all.size(), offset + size);
    for (Index.Hit h : all.subList(offset, end)) {
      ObjectNode r = reference(h.chunk());
      r.put("score", h.score());
      results.add(r);
    }
    if (end < all.size()) {
      String pageId = UUID.randomUUID().toString().replace("-", "");
      pages.put(pageId, all);
      out.put("nextToken", pageId + "." + end);
    }
    ex.respondJson(200, out);
  }

  private static ObjectNode reference(Index.Chunk c) {
    ObjectNode r = Json.object();
    r.putObject("content").put("type", "TEXT").put("text", c.text());
    ObjectNode loc = r.putObject("location").put("type", "S3");
    loc.putObject("s3Location").put("uri", c.documentUri());
    ObjectNode meta =
        c.metadata() != null && c.metadata().isObject()
            ? ((ObjectNode) c.metadata()).deepCopy()
            : Json.object();
    meta.put("x-amz-bedrock-kb-source-uri", c.documentUri());
    meta.put("x-amz-bedrock-kb-chunk-id", c.id());
    meta.put("x-amz-bedrock-kb-data-source-id", c.dataSourceId());
    r.set("metadata", meta);
    return r;
  }

  // ---------------------------------------------------------------- RetrieveAndGenerate

  private void retrieveAndGenerate(Exchange ex, JsonNode body, boolean streaming, Fault inStream)
      throws IOException {
    String question = Json.text(body.path("input"), "text", null);
    if (question == null || question.isBlank() || question.length() > 1000) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value at 'input.text' failed to "
              + "satisfy constraint: Member must have length between 1 and 1000 and must not be blank");
      return;
    }
    JsonNode config = body.path("retrieveAndGenerateConfiguration");
    String type = Json.text(config, "type", null);
    if (!"KNOWLEDGE_BASE".equals(type)) {
      error(
          ex,
          400,
          "ValidationException",
          "retrieveAndGenerateConfiguration.type must be KNOWLEDGE_BASE "
              + "(EXTERNAL_SOURCES is not emulated) but was "
              + type);
      return;
    }
    JsonNode kbc = config.path("knowledgeBaseConfiguration");
    String modelArn = Json.text(kbc, "modelArn", null);
    if (modelArn == null
        || modelArn.isEmpty()
        || modelArn.length() > 2048
        || !MODEL_ARN.matcher(modelArn).matches()) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + modelArn
              + "' at "
              + "'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.modelArn' failed to satisfy "
              + "constraint: Member must satisfy regular expression pattern");
      return;
    }
    JsonNode gen = kbc.path("generationConfiguration");
    String template = Json.text(gen.path("promptTemplate"), "textPromptTemplate", null);
    if (template != null && (template.length() > 4000 || !template.contains("$search_results$"))) {
      error(
          ex,
          400,
          "ValidationException",
          "The prompt template must contain the $search_results$ "
              + "placeholder and be at most 4000 characters.");
      return;
    }
    JsonNode text = gen.path("inferenceConfig").path("textInferenceConfig");
    Integer maxTokens = text.has("maxTokens") ? text.get("maxTokens").asInt() : null;
    List<String> stops = Json.strings(text, "stopSequences");
    String problem = inferenceProblem(text, maxTokens, stops);
    if (problem != null) {
      error(ex, 400, "ValidationException", problem);
      return;
    }
    JsonNode guardrail = gen.path("guardrailConfiguration");
    if (!guardrail.isMissingNode()
        && (Json.text(guardrail, "guardrailId", null) == null
            || Json.text(guardrail, "guardrailVersion", null) == null)) {
      error(
          ex,
          400,
          "ValidationException",
          "guardrailConfiguration needs guardrailId and guardrailVersion");
      return;
    }
    String sessionId = Json.text(body, "sessionId", null);
    if (sessionId != null && (sessionId.length() < 2 || sessionId.length() > 100)) {
      error(
          ex,
          400,
          "ValidationException",
          "1 validation error detected: Value at 'sessionId' failed to "
              + "satisfy constraint: Member must have length between 2 and 100");
      return;
    }
    if (sessionId != null && !sessions.containsKey(sessionId)) {
      error(
          ex,
          404,
          "ResourceNotFoundException",
          "Session " + sessionId + " does not exist or has expired.");
      return;
    }
    KnowledgeBase kb = knowledgeBase(ex, Json.text(kbc, "knowledgeBaseId", null));
    if (kb == null) {
      return;
    }
    List<Turn> history = sessionId == null ? List.of() : sessions.get(sessionId);
    // conversation context: a follow-up is retrieved together with the question before it
    String retrievalQuery =
        history.isEmpty() ? question : question + " " + history.get(history.size() - 1).question();
    Answers.Answer answer;
    boolean intervened = !guardrail.isMissingNode() && denied(question);
    if (intervened) {
      answer = new Answers.Answer("Sorry, the model cannot answer this question.", List.of());
    } else {
      Retrieval r = rank(kb, retrievalQuery, kbc.path("retrievalConfiguration"));
      if (r.problem() != null) {
        error(ex, r.status(), r.code(), r.problem());
        return;
      }
      int n =
          kbc.path("retrievalConfiguration")
              .path("vectorSearchConfiguration")
              .path("numberOfResults")
              .asInt(DEFAULT_RESULTS);
      List<Index.Hit> top = r.hits().subList(0, Math.min(n, r.hits().size()));
      answer = Answers.compose(question, top, 4, maxTokens, stops);
    }
    String sid = sessionId != null ? sessionId : UUID.randomUUID().toString();
    sessions
        .computeIfAbsent(sid, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(new Turn(question, answer.text()));
    if (!streaming) {
      ObjectNode out = Json.object();
      out.putObject("output").put("text", answer.text());
      out.put("sessionId", sid);
      ArrayNode citations = out.putArray("citations");
      for (Answers.Part p : answer.parts()) {
        citations.add(citation(p));
      }
      if (!guardrail.isMissingNode()) {
        out.put("guardrailAction", intervened ? "INTERVENED" : "NONE");
      }
      ex.respondJson(200, out);
      return;
    }
    List<byte[]> events = new ArrayList<>();
    if (answer.parts().isEmpty()) {
      events.add(event("output", Json.object().put("text", answer.text())));
    } else {
      int at = 0;
      for (Answers.Part p : answer.parts()) {
        String piece = answer.text().substring(at, p.end());
        // text arrives in small pieces, the citation after the text it backs
        for (String s : pieces(piece)) {
          events.add(event("output", Json.object().put("text", s)));
        }
        ObjectNode c = citation(p);
        ObjectNode ev = Json.object();
        ev.set("citation", c.deepCopy());
        ev.set("generatedResponsePart", c.get("generatedResponsePart"));
        ev.set("retrievedReferences", c.get("retrievedReferences"));
        events.add(event("citation", ev));
        at = p.end();
      }
      if (at < answer.text().length()) {
        events.add(event("output", Json.object().put("text", answer.text().substring(at))));
      }
    }
    if (intervened) {
      events.add(event("guardrail", Json.object().put("action", "INTERVENED")));
    }
    ex.header("x-amzn-bedrock-knowledge-base-session-id", sid);
    ex.startStream();
    for (int i = 0; i < events.size(); i++) {
      if (inStream != null && i == inStream.afterEvents()) {
        break;
      }
      ex.writeEvent(events.get(i));
    }
    if (inStream != null) {
      ex.writeEvent(
          EventStreams.exception(
              inStream.streamError().memberName(),
              Json.bytes(Json.object().put("message", inStream.message()))));
    }
    ex.finish();
  }

  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int step = 24;
    for (int i = 0; i < text.length(); i += step) {
      int end = Math.min(text.length(), i + step);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      out.add(text.substring(i, end));
      i = end - step;
    }
    return out;
  }

  private static byte[] event(String type, ObjectNode payload) {
    return EventStreams.event(type, "application/json", Json.bytes(payload));
  }

  private static ObjectNode citation(Answers.Part p) {
    ObjectNode c = Json.object();
    ObjectNode part = c.putObject("generatedResponsePart").putObject("textResponsePart");
    part.put("text", p.text());
    // the service's span end is inclusive: the index of the part's last character
    part.putObject("span").put("start", p.start()).put("end", p.end() - 1);
    c.putArray("retrievedReferences").add(reference(p.chunk()));
    return c;
  }

  private static String inferenceProblem(JsonNode text, Integer maxTokens, List<String> stops) {
    if (maxTokens != null && (maxTokens < 0 || maxTokens > 65536)) {
      return "1 validation error detected: Value '"
          + maxTokens
          + "' at 'textInferenceConfig.maxTokens' failed "
          + "to satisfy constraint: Member must have value less than or equal to 65536";
    }
    for (String f : List.of("temperature", "topP")) {
      JsonNode v = text.get(f);
      if (v != null && (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1)) {
        return "1 validation error detected: Value '"
            + v
            + "' at 'textInferenceConfig."
            + f
            + "' failed to "
            + "satisfy constraint: Member must have value less than or equal to 1.0";
      }
    }
    if (stops.size() > 4) {
      return "1 validation error detected: Value at 'textInferenceConfig.stopSequences' failed to satisfy "
          + "constraint: Member must have length less than or equal to 4";
    }
    return null;
  }

  private boolean denied(String question) {
    String q = question.toLowerCase(Locale.ROOT);
    return guardrailDeniedWords.stream().anyMatch(q::contains);
  }

  // ---------------------------------------------------------------- control plane

  private void getKnowledgeBase(Exchange ex, String kbId) throws IOException {
    KnowledgeBase kb = knowledgeBase(ex, kbId);
    if (kb == null) {
      return;
    }
    ObjectNode out = Json.object();
    ObjectNode k = out.putObject("knowledgeBase");
    k.put("knowledgeBaseId", kb.id)
        .put("name", "kb-" + kb.id)
        .put("knowledgeBaseArn", "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/" + kb.id)
        .put("roleArn", "arn:aws:iam::123456789012:role/emulator")
        .put("status", "ACTIVE")
        .put("createdAt", kb.createdAt.toString())
        .put("updatedAt", kb.createdAt.toString());
    k.putObject("knowledgeBaseConfiguration").put("type", "VECTOR");
    ex.respondJson(200, out);
  }

  private DataSource dataSource(Exchange ex, KnowledgeBase kb, String dsId) throws IOException {
    DataSource ds = kb.sources.get(dsId);
    if (ds == null) {
      error(
          ex,
          404,
          "ResourceNotFoundException",
          "Data source " + dsId + " does not exist in knowledge base " + kb.id + ".");
    }
    return ds;
  }

  private void getDataSource(Exchange ex, String kbId, String dsId) throws IOException {
    KnowledgeBase kb = knowledgeBase(ex, kbId);
    DataSource ds = kb == null ? null : dataSource(ex, kb, dsId);
    if (ds == null) {
      return;
    }
    ObjectNode out = Json.object();
    ObjectNode d = out.putObject("dataSource");
    d.put("knowledgeBaseId", kb.id)
        .put("dataSourceId", ds.id())
        .put("name", ds.name())
        .put("status", "AVAILABLE")
        .put("createdAt", kb.createdAt.toString())
        .put("updatedAt", kb.createdAt.toString());
    ObjectNode cfg = d.putObject("dataSourceConfiguration").put("type", "S3");
    ObjectNode s3 =
        cfg.putObject("s3Configuration").put("bucketArn", "arn:aws:s3:::" + ds.bucket());
    if (!ds.prefixes().isEmpty()) {
      s3.set("inclusionPrefixes", Json.stringArray(ds.prefixes()));
    }
    ObjectNode chunking =
        d.putObject("vectorIngestionConfiguration")
            .putObject("chunkingConfiguration")
            .put("chunkingStrategy", ds.chunker().strategy());
    if (ds.chunker().maxTokens() > 0) {
      chunking
          .putObject("fixedSizeChunkingConfiguration")
          .put("maxTokens", ds.chunker().maxTokens())
          .put("overlapPercentage", ds.chunker().overlapPercentage());
    }
    ex.respondJson(200, out);
  }

  private void startJob(Exchange ex, String kbId, String dsId, JsonNode body) throws IOException {
    KnowledgeBase kb = knowledgeBase(ex, kbId);
    DataSource ds = kb == null ? null : dataSource(ex, kb, dsId);
    if (ds == null) {
      return;
    }
    synchronized (this) {
      for (Job j : jobs.values()) {
        if (j.kbId.equals(kbId) && j.dsId.equals(dsId) && j.running()) {
          error(
              ex,
              409,
              "ConflictException",
              "There is an ongoing ingestion job "
                  + j.id
                  + " for data source "
                  + dsId
                  + ". Wait for it to finish before starting another.");
          return;
        }
      }
      String id = String.format(Locale.ROOT, "J%09d", ids.getAndIncrement());
      Job job = new Job(id, kbId, dsId, Json.text(body, "description", null));
      jobs.put(id, job);
      ex.respondJson(202, Json.object().set("ingestionJob", job(job)));
    }
  }

  private void getJob(Exchange ex, String kbId, String dsId, String jobId) throws IOException {
    KnowledgeBase kb = knowledgeBase(ex, kbId);
    DataSource ds = kb == null ? null : dataSource(ex, kb, dsId);
    if (ds == null) {
      return;
    }
    Job job = jobs.get(jobId);
    if (job == null || !job.kbId.equals(kbId) || !job.dsId.equals(dsId)) {
      error(ex, 404, "ResourceNotFoundException", "Ingestion job " + jobId + " does not exist.");
      return;
    }
    synchronized (job) {
      if (job.running()) {
        job.polls++;
        if (job.polls >= pollsToComplete) {
          ingest(kb, ds, job);
        } else {
          job.status = "IN_PROGRESS";
        }
        job.updatedAt = Instant.now();
      }
    }
    ex.respondJson(200, Json.object().set("ingestionJob", job(job)));
  }

  private void stopJob(Exchange ex, String kbId, String dsId, String jobId) throws IOException {
    KnowledgeBase kb = knowledgeBase(ex, kbId);
    DataSource ds = kb == null ? null : dataSource(ex, kb, dsId);
    if (ds == null) {
      return;
    }
    Job job = jobs.get(jobId);
    if (job == null || !job.kbId.equals(kbId) || !job.dsId.equals(dsId)) {
      error(ex, 404, "ResourceNotFoundException", "Ingestion job " + jobId + " does not exist.");
      return;
    }
    synchronized (job) {
      if (!job.running()) {
        error(
            ex,
            409,
            "ConflictException",
            "Ingestion job " + jobId + " is " + job.status + " and cannot be stopped.");
        return;
      }
      job.status = "STOPPED";
      job.updatedAt = Instant.now();
    }
    ex.respondJson(202, Json.object().set("ingestionJob", job(job)));
  }

  private void listJobs(Exchange ex, String kbId, String dsId) throws IOException {
    KnowledgeBase kb = knowledgeBase(ex, kbId);
    DataSource ds = kb == null ? null : dataSource(ex, kb, dsId);
    if (ds == null) {
      return;
    }
    ArrayNode list = Json.array();
    jobs.values().stream()
        .filter(j -> j.kbId.equals(kbId) && j.dsId.equals(dsId))
        .sorted((a, b) -> b.startedAt.compareTo(a.startedAt))
        .forEach(
            j -> {
              ObjectNode s = job(j);
              s.remove("failureReasons");
              list.add(s);
            });
    ObjectNode out = Json.object();
    out.set("ingestionJobSummaries", list);
    ex.respondJson(200, out);
  }

  private static ObjectNode job(Job j) {
    ObjectNode o =
        Json.object()
            .put("knowledgeBaseId", j.kbId)
            .put("dataSourceId", j.dsId)
            .put("ingestionJobId", j.id)
            .put("status", j.status)
            .put("startedAt", j.startedAt.toString())
            .put("updatedAt", j.updatedAt.toString());
    if (j.description != null) {
      o.put("description", j.description);
    }
    if (!j.stats.isEmpty()) {
      ObjectNode s = o.putObject("statistics");
      j.stats.forEach(s::put);
    }
    if (!j.failureReasons.isEmpty()) {
      o.set("failureReasons", Json.stringArray(j.failureReasons));
    }
    return o;
  }

  // ---------------------------------------------------------------- ingestion

  private void ingest(KnowledgeBase kb, DataSource ds, Job job) {
    List<String> keys;
    try {
      keys = new ArrayList<>();
      for (String prefix : ds.prefixes().isEmpty() ? List.of("") : ds.prefixes()) {
        keys.addAll(documents.keys(ds.bucket(), prefix));
      }
    } catch (RuntimeException e) {
      job.status = "FAILED";
      job.failureReasons.add(
          "Unable to list the objects of bucket " + ds.bucket() + ": " + e.getMessage());
      return;
    }
    long scanned = 0;
    long metaScanned = 0;
    long added = 0;
    long modified = 0;
    long failed = 0;
    Map<String, List<Index.Chunk>> next = new LinkedHashMap<>(kb.index.documents());
    Set<String> seen = new java.util.HashSet<>();
    String uriPrefix = "s3://" + ds.bucket() + "/";
    for (String key : keys) {
      if (key.endsWith(META_SUFFIX)) {
        metaScanned++;
        continue;
      }
      if (key.endsWith("/")) {
        continue;
      }
      scanned++;
      String uri = uriPrefix + key;
      seen.add(uri);
      String ext =
          key.contains(".") ? key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
      try {
        if (!TEXT_TYPES.contains(ext)) {
          throw new IllegalArgumentException("The file format ." + ext + " is not supported.");
        }
        byte[] bytes = documents.read(ds.bucket(), key);
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        if (ext.startsWith("htm")) {
          text = text.replaceAll("(?s)<(script|style).*?</\\1>", " ").replaceAll("<[^>]+>", " ");
        }
        JsonNode meta = Json.object();
        byte[] sidecar = null;
        if (keys.contains(key + META_SUFFIX)) {
          sidecar = documents.read(ds.bucket(), key + META_SUFFIX);
          meta = metadata(sidecar);
        }
        String hash = hash(bytes, sidecar);
        boolean known = kb.hashes.containsKey(uri);
        if (known && hash.equals(kb.hashes.get(uri))) {
          continue;
        }
        List<Index.Chunk> chunks = new ArrayList<>();
        int i = 0;
        for (Chunker.Piece p : ds.chunker().chunk(text)) {
          String chunkId = ds.id() + "-" + hash.substring(0, 12) + "-" + i++;
          chunks.add(
              new Index.Chunk(
                  chunkId, uri, ds.id(), p.text(), p.start(), p.end(), meta, Terms.of(p.text())));
        }
        if (chunks.isEmpty()) {
          throw new IllegalArgumentException("The document is empty.");
        }
        next.put(uri, chunks);
        kb.hashes.put(uri, hash);
        if (known) {
          modified++;
        } else {
          added++;
        }
      } catch (CharacterCodingException e) {
        failed++;
        job.failureReasons.add(
            "Encountered error: The file "
                + uri
                + " is not valid UTF-8 text. [Files: "
                + uri
                + "]");
      } catch (RuntimeException | IOException e) {
        failed++;
        job.failureReasons.add("Encountered error: " + e.getMessage() + " [Files: " + uri + "]");
      }
    }
    long deleted = 0;
    for (String uri : List.copyOf(next.keySet())) {
      List<Index.Chunk> chunks = next.get(uri);
      if (uri.startsWith(uriPrefix)
          && !chunks.isEmpty()
          && chunks.get(0).dataSourceId().equals(ds.id())
          && !seen.contains(uri)) {
        next.remove(uri);
        kb.hashes.remove(uri);
        deleted++;
      }
    }
    kb.index.replace(next);
    job.stats.put("numberOfDocumentsScanned", scanned);
    job.stats.put("numberOfMetadataDocumentsScanned", metaScanned);
    job.stats.put("numberOfNewDocumentsIndexed", added);
    job.stats.put("numberOfModifiedDocumentsIndexed", modified);
    job.stats.put("numberOfMetadataDocumentsModified", 0L);
    job.stats.put("numberOfDocumentsDeleted", deleted);
    job.stats.put("numberOfDocumentsFailed", failed);
    job.status = "COMPLETE";
  }

  /**
   * The attributes of a {@code .metadata.json} sidecar: plain values or the typed {@code {value:
   * {type}}} form.
   */
  private static JsonNode metadata(byte[] sidecar) throws IOException {
    JsonNode root;
    try {
      root = Json.parse(sidecar);
    } catch (IOException e) {
      throw new IOException("The metadata file is not valid JSON.", e);
    }
    JsonNode attrs = root.get("metadataAttributes");
    if (attrs == null || !attrs.isObject()) {
      throw new IOException("The metadata file has no metadataAttributes object.");
    }
    ObjectNode out = Json.object();
    var fields = attrs.properties().iterator();
    while (fields.hasNext()) {
      var e = fields.next();
      JsonNode v = e.getValue();
      if (v.isObject() && v.has("value")) {
        JsonNode typed = v.get("value");
        String type = Json.text(typed, "type", "");
        v =
            switch (type) {
              case "STRING" -> typed.get("stringValue");
              case "NUMBER" -> typed.get("numberValue");
              case "BOOLEAN" -> typed.get("booleanValue");
              case "STRING_LIST" -> typed.get("stringListValue");
              default ->
                  throw new IOException(
                      "Unknown metadata value type '" + type + "' for " + e.getKey());
            };
      }
      if (v == null || v.isObject() || v.isNull()) {
        throw new IOException(
            "The metadata attribute "
                + e.getKey()
                + " must be a string, number, boolean or "
                + "list of strings.");
      }
      out.set(e.getKey(), v);
    }
    return out;
  }

  private static String hash(byte[] bytes, byte[] sidecar) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes);
      if (sidecar != null) {
        md.update(sidecar);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void pause(Fault f) {
    try {
      Thread.sleep(f.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void error(Exchange ex, int status, String code, String message)
      throws IOException {
    ex.header("x-amzn-ErrorType", code + ERROR_TYPE_SUFFIX);
    ex.respond(status, "application/json", Json.bytes(Json.object().put("message", message)));
  }
}
