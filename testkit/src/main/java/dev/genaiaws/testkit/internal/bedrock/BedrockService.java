package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.RecordedRequest;
import dev.genaiaws.testkit.internal.EmulatorState;
import dev.genaiaws.testkit.internal.EventStreams;
import dev.genaiaws.testkit.internal.Exchange;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Paths;
import dev.genaiaws.testkit.internal.Script;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NullUnmarked;

/**
 * Routes and answers Bedrock Runtime requests: InvokeModel(+Stream), Converse(+Stream), CountTokens
 * and ApplyGuardrail.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class BedrockService {
  private static final Set<String> OPERATIONS =
      Set.of(
          "invoke", "invoke-with-response-stream", "converse", "converse-stream", "count-tokens");
  private static final String ERROR_TYPE_SUFFIX =
      ":http://internal.amazon.com/coral/com.amazon.bedrock/";

  /**
   * InvokeModel's limit on the request body, in bytes (API reference: `body` length at most
   * 25,000,000).
   */
  private static final int MAX_INVOKE_BODY_BYTES = 25_000_000;

  private static final String PADDING =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final EmulatorState state;
  private final ModelCatalog catalog;
  private final PromptCache cache = new PromptCache(Clock.systemUTC());

  /** A service over the given recording/scripting state and model catalog. */
  public BedrockService(EmulatorState state, ModelCatalog catalog) {
    this.state = state;
    this.catalog = catalog;
  }

  /** Forgets the prompt cache (recordings and scripts live in the shared state). */
  public void reset() {
    cache.clear();
  }

  /** The key under which per-model scripts of {@code identifier} are queued. */
  public String scriptKey(String identifier) {
    return catalog.resolve(identifier).orElse(identifier);
  }

  /** Handles one exchange, generating text in the emulator's {@link EmulatorState#textStyle()}. */
  @SuppressWarnings(
      "try") // the scope only sets this thread's text style; the body need not name it
  public void handle(Exchange ex) throws IOException {
    try (TextGenerator.Scope ignored = TextGenerator.use(state.textStyle())) {
      route(ex);
    }
  }

  private void route(Exchange ex) throws IOException {
    String[] seg = ex.rawPath().split("/", -1);
    if (seg.length == 6
        && seg[1].equals("guardrail")
        && seg[3].equals("version")
        && seg[5].equals("apply")) {
      state.record(
          new RecordedRequest(
              ex.method(), ex.rawPath(), "apply", null, ex.headers(), ex.body(), Instant.now()));
      applyGuardrail(ex, Paths.decode(seg[2]), Paths.decode(seg[4]));
      return;
    }
    String op = seg.length == 4 ? seg[3] : "";
    String requested = seg.length == 4 ? Paths.decode(seg[2]) : null;
    state.record(
        new RecordedRequest(
            ex.method(), ex.rawPath(), op, requested, ex.headers(), ex.body(), Instant.now()));
    if (seg.length != 4 || !seg[1].equals("model") || !OPERATIONS.contains(op)) {
      error(
          ex,
          404,
          "UnknownOperationException",
          "Unknown operation " + ex.method() + " " + ex.rawPath());
      return;
    }
    boolean streaming = op.endsWith("stream");
    Optional<String> modelId = catalog.resolve(requested);
    Fault inStream = null;
    Script script = state.next(modelId.orElse(requested));
    if (script != null && script.cannedBody() != null) {
      canned(ex, streaming, op, script.cannedBody());
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
          error(ex, f, requested);
          return;
        }
        case IN_STREAM -> {
          if (!streaming) {
            error(ex, f, requested);
            return;
          }
          inStream = f;
        }
        default -> throw new IllegalStateException(f.toString());
      }
    }
    if (!"POST".equals(ex.method())) {
      error(
          ex,
          404,
          "UnknownOperationException",
          "Unknown operation " + ex.method() + " " + ex.rawPath());
      return;
    }
    if (modelId.isEmpty()) {
      validation(ex, "The provided model identifier is invalid.");
      return;
    }
    if (!op.startsWith("converse") && ex.body().length > MAX_INVOKE_BODY_BYTES) {
      // the InvokeModel API's own limit on `body`, worded as the service does (captured)
      validation(
          ex,
          "1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have"
              + " length less than or equal to "
              + MAX_INVOKE_BODY_BYTES);
      return;
    }
    JsonNode body;
    try {
      body = Json.parse(ex.body());
    } catch (IOException e) {
      validation(
          ex,
          "Malformed input request: #: expected type: JSONObject, found: "
              + (ex.body().length == 0 ? "Null" : "invalid JSON")
              + ", please reformat your input and try again.");
      return;
    }
    String id = modelId.get();
    ModelFamily family = catalog.family(id, body);
    if (op.startsWith("converse")) {
      converse(ex, family, id, body, streaming, inStream);
      return;
    }
    if (op.equals("count-tokens")) {
      countTokens(ex, id, body);
      return;
    }
    if (streaming && !family.streams()) {
      validation(ex, "The model is unsupported for streaming.");
      return;
    }
    String problem = family.validate(body, id, streaming);
    if (problem == null) {
      problem = contextWindowProblem(family.promptOf(body, id), id);
    }
    if (problem != null) {
      validation(ex, problem);
      return;
    }
    if (!streaming) {
      ModelFamily.Invocation r = family.invoke(body, id);
      if (r.inputTokens() != null) {
        ex.header("X-Amzn-Bedrock-Input-Token-Count", String.valueOf(r.inputTokens()));
      }
      if (r.outputTokens() != null) {
        ex.header("X-Amzn-Bedrock-Output-Token-Count", String.valueOf(r.outputTokens()));
      }
      ex.header("X-Amzn-Bedrock-Invocation-Latency", String.valueOf(ex.elapsedMillis()));
      ex.respondJson(200, r.body());
      return;
    }
    ModelFamily.Streamed s = family.stream(body, id);
    List<ObjectNode> chunks = s.chunks();
    long firstByte = ex.elapsedMillis();
    chunks
        .get(chunks.size() - 1)
        .putObject("amazon-bedrock-invocationMetrics")
        .put("inputTokenCount", s.inputTokens())
        .put("outputTokenCount", s.outputTokens())
        .put("invocationLatency", ex.elapsedMillis())
        .put("firstByteLatency", firstByte);
    ex.header("X-Amzn-Bedrock-Content-Type", "application/json");
    ex.startStream();
    for (int i = 0; i < chunks.size(); i++) {
      if (inStream != null && i == inStream.afterEvents()) {
        break;
      }
      ex.writeEvent(chunkEvent(Json.bytes(chunks.get(i)), i));
    }
    if (inStream != null) {
      ex.writeEvent(streamException(inStream));
    }
    ex.finish();
  }

  private void converse(
      Exchange ex, ModelFamily family, String id, JsonNode body, boolean streaming, Fault inStream)
      throws IOException {
    String problem = ConverseApi.validate(body, family, id, streaming);
    if (problem != null) {
      validation(ex, problem);
      return;
    }
    problem = contextWindowProblem(ConverseApi.prompt(body, family, id), id);
    if (problem != null) {
      validation(ex, problem);
      return;
    }
    ConverseApi.Rendered answer = ConverseApi.answer(body, family, id, cache, streaming);
    if (!streaming) {
      ex.respondJson(200, ConverseApi.response(answer, ex.elapsedMillis()));
      return;
    }
    List<Map.Entry<String, ObjectNode>> events = ConverseApi.events(answer, ex.elapsedMillis());
    ex.startStream();
    for (int i = 0; i < events.size(); i++) {
      if (inStream != null && i == inStream.afterEvents()) {
        break;
      }
      ex.writeEvent(
          EventStreams.event(
              events.get(i).getKey(), "application/json", Json.bytes(events.get(i).getValue())));
    }
    if (inStream != null) {
      ex.writeEvent(streamException(inStream));
    }
    ex.finish();
  }

  /**
   * The service's answer when the input plus the max output tokens exceed the model's context
   * window ({@code null} when they fit). Bedrock words it the same for every family (captured).
   */
  private static String contextWindowProblem(Prompt p, String modelId) {
    if (p == null) {
      return null;
    }
    var window = ModelCatalog.contextWindow(modelId);
    long needed = (long) p.inputTokens() + p.maxTokens();
    return window.isPresent() && needed > window.getAsInt()
        ? "Input is too long for requested model."
        : null;
  }

  /**
   * CountTokens ({@code POST /model/{modelId}/count-tokens}): {@code input.converse} is checked
   * like a Converse request and counted like one (the same number as that request's Converse {@code
   * usage.inputTokens} without caching); {@code input.invokeModel.body} (base64 of the model's own
   * body) is checked like InvokeModel and counted like it. Only the Claude models Bedrock lists for
   * CountTokens (3.5 Haiku, 3.5 Sonnet v2, 3.7 Sonnet, Claude 4) count; others get a
   * ValidationException.
   */
  private void countTokens(Exchange ex, String id, JsonNode body) throws IOException {
    if (!id.matches(
        "anthropic\\.claude-(3-5-haiku|3-5-sonnet-20241022|3-7-sonnet|(sonnet|opus|haiku)-4).*")) {
      validation(ex, "The provided model doesn't support counting tokens.");
      return;
    }
    JsonNode input = body.path("input");
    int tokens;
    if (input.has("converse") && input.size() == 1) {
      JsonNode converse = input.get("converse");
      ModelFamily family = catalog.family(id, converse);
      String problem = ConverseApi.validate(converse, family, id, false);
      if (problem != null) {
        validation(ex, problem);
        return;
      }
      tokens = ConverseApi.prompt(converse, family, id).inputTokens();
    } else if (input.has("invokeModel") && input.size() == 1) {
      JsonNode model;
      try {
        model =
            Json.parse(
                Base64.getDecoder().decode(input.get("invokeModel").path("body").asText("")));
      } catch (IOException | IllegalArgumentException e) {
        validation(
            ex,
            "Malformed input request: #: expected type: JSONObject, found: invalid JSON, please reformat "
                + "your input and try again.");
        return;
      }
      ModelFamily family = catalog.family(id, model);
      String problem = family.validate(model, id, false);
      if (problem != null) {
        validation(ex, problem);
        return;
      }
      Integer counted = family.invoke(model, id).inputTokens();
      tokens = counted == null ? 0 : counted;
    } else {
      validation(
          ex,
          "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must set "
              + "exactly one of [converse, invokeModel]");
      return;
    }
    ex.respondJson(200, Json.object().put("inputTokens", tokens));
  }

  /**
   * ApplyGuardrail ({@code POST /guardrail/{id}/version/{version}/apply}) with the emulator's
   * guardrail ({@link Guardrails}): a blocked word answers {@code GUARDRAIL_INTERVENED} with the
   * blocked message as output; e-mail addresses answer {@code GUARDRAIL_INTERVENED} with the text
   * anonymised; otherwise {@code NONE} and no outputs. {@code outputScope: FULL} returns the
   * outputs also when nothing happened.
   */
  private void applyGuardrail(Exchange ex, String id, String version) throws IOException {
    if (!"POST".equals(ex.method())) {
      error(
          ex,
          404,
          "UnknownOperationException",
          "Unknown operation " + ex.method() + " " + ex.rawPath());
      return;
    }
    if (!Guardrails.ID.matcher(id).matches()) {
      validation(
          ex,
          "1 validation error detected: Value '"
              + id
              + "' at 'guardrailIdentifier' failed to satisfy "
              + "constraint: Member must satisfy regular expression pattern: "
              + Guardrails.ID.pattern());
      return;
    }
    if (!Guardrails.VERSION.matcher(version).matches()) {
      validation(
          ex,
          "1 validation error detected: Value '"
              + version
              + "' at 'guardrailVersion' failed to satisfy "
              + "constraint: Member must satisfy regular expression pattern: "
              + Guardrails.VERSION.pattern());
      return;
    }
    JsonNode body;
    try {
      body = Json.parse(ex.body());
    } catch (IOException e) {
      validation(ex, "The request body is not valid JSON.");
      return;
    }
    String source = body.path("source").asText("");
    if (!source.equals("INPUT") && !source.equals("OUTPUT")) {
      validation(
          ex,
          "1 validation error detected: Value '"
              + source
              + "' at 'source' failed to satisfy constraint: "
              + "Member must satisfy enum value set: [INPUT, OUTPUT]");
      return;
    }
    JsonNode content = body.path("content");
    if (!content.isArray() || content.isEmpty()) {
      validation(
          ex,
          "1 validation error detected: Value at 'content' failed to satisfy constraint: Member must not "
              + "be null");
      return;
    }
    StringBuilder text = new StringBuilder();
    content.forEach(c -> text.append(c.path("text").path("text").asText("")).append('\n'));
    Guardrails.Assessment a = Guardrails.assess(text.toString().strip());
    ObjectNode r = Json.object();
    r.set("usage", Guardrails.usage(Math.max(1, (text.length() + 999) / 1000)));
    r.put("action", a.intervened() ? "GUARDRAIL_INTERVENED" : "NONE");
    var outputs = r.putArray("outputs");
    if (a.blocked()) {
      outputs.addObject().put("text", Guardrails.BLOCKED_MESSAGE);
    } else if (a.intervened() || "FULL".equals(body.path("outputScope").asText())) {
      outputs.addObject().put("text", Guardrails.anonymise(text.toString().strip()));
    }
    r.putArray("assessments").add(a.json());
    r.set(
        "guardrailCoverage",
        a.json().path("invocationMetrics").path("guardrailCoverage").deepCopy());
    ex.respondJson(200, r);
  }

  private static byte[] chunkEvent(byte[] chunkJson, int index) {
    ObjectNode payload =
        Json.object()
            .put("bytes", Base64.getEncoder().encodeToString(chunkJson))
            .put("p", PADDING.substring(0, 10 + (index * 7) % (PADDING.length() - 10)));
    return EventStreams.event("chunk", "application/json", Json.bytes(payload));
  }

  private static byte[] streamException(Fault f) {
    ObjectNode payload = Json.object().put("message", f.message());
    if (f.originalStatusCode() != null) {
      payload.put("originalStatusCode", f.originalStatusCode());
      payload.put("originalMessage", f.originalMessage());
    }
    return EventStreams.exception(f.streamError().memberName(), Json.bytes(payload));
  }

  /**
   * A canned answer. On InvokeModelWithResponseStream a JSON array is sent as one chunk per element
   * (anything else as a single chunk); on ConverseStream a JSON array of single-key objects, or one
   * object, is sent as one event per key ({@code {"messageStart": {...}}}).
   */
  private void canned(Exchange ex, boolean streaming, String op, byte[] body) throws IOException {
    if (!streaming) {
      ex.respond(200, "application/json", body);
      return;
    }
    JsonNode json = null;
    try {
      json = Json.parse(body);
    } catch (IOException e) {
      // not JSON: sent as one opaque chunk below
    }
    if (op.startsWith("converse")) {
      if (json == null || !(json.isArray() || json.isObject())) {
        error(
            ex,
            500,
            "InternalServerException",
            "The canned ConverseStream response is not a JSON object or array.");
        return;
      }
      ex.startStream();
      for (JsonNode item : json.isArray() ? json : Json.array().add(json)) {
        var fields = item.properties().iterator();
        while (fields.hasNext()) {
          var e = fields.next();
          ex.writeEvent(
              EventStreams.event(e.getKey(), "application/json", Json.bytes(e.getValue())));
        }
      }
      ex.finish();
      return;
    }
    ex.header("X-Amzn-Bedrock-Content-Type", "application/json");
    ex.startStream();
    if (json != null && json.isArray()) {
      for (int i = 0; i < json.size(); i++) {
        ex.writeEvent(chunkEvent(Json.bytes(json.get(i)), i));
      }
    } else {
      ex.writeEvent(chunkEvent(body, 0));
    }
    ex.finish();
  }

  private static void pause(Fault f) {
    try {
      Thread.sleep(f.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void validation(Exchange ex, String message) throws IOException {
    error(ex, 400, "ValidationException", message);
  }

  private static void error(Exchange ex, Fault f, String resource) throws IOException {
    ObjectNode body = Json.object().put("message", f.message());
    if (f.originalStatusCode() != null) {
      body.put("originalStatusCode", f.originalStatusCode());
      body.put(
          "resourceName",
          resource.startsWith("arn:")
              ? resource
              : "arn:aws:bedrock:us-east-1::foundation-model/" + resource);
    }
    ex.header("x-amzn-ErrorType", f.errorCode() + ERROR_TYPE_SUFFIX);
    ex.respond(f.status(), "application/json", Json.bytes(body));
  }

  private static void error(Exchange ex, int status, String code, String message)
      throws IOException {
    ex.header("x-amzn-ErrorType", code + ERROR_TYPE_SUFFIX);
    ex.respond(status, "application/json", Json.bytes(Json.object().put("message", message)));
  }
}
