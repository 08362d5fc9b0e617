package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * The emulated model's answer to a valid Converse request: which content blocks it produces
 * (reasoning, text, tool calls, citations, structured JSON), why it stops, and how many output
 * tokens that took. Deterministic: the same request always gets the same answer.
 *
 * <p>Tool-call rule (documented in docs/testkit.md):
 *
 * <ul>
 *   <li>{@code toolChoice.tool} forces that tool, on every turn;
 *   <li>{@code toolChoice.any} calls the offered tools named in the latest user message, or the
 *       first offered tool when none is named, on every turn;
 *   <li>{@code toolChoice.auto} (or none) calls, in the order they are offered, every tool whose
 *       name appears as a word in the latest user message (its text and its tool results'
 *       text/JSON), except tools already called since the user's last question. So a question
 *       naming two tools gives two parallel calls, a tool result naming another tool chains to it,
 *       and once nothing new is named the model answers in text.
 * </ul>
 *
 * Tool input is generated from the tool's JSON Schema ({@link SchemaInstances}), steered by {@code
 * name=value} pairs in the user's text.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class ConverseTurn {
  private static final int TEXT_TOKENS_PER_DELTA = 3;

  private ConverseTurn() {}

  /**
   * One content block of the answer, as the Converse response and the ConverseStream events show
   * it.
   *
   * @param wire the block in {@code output.message.content}
   * @param start the {@code contentBlockStart.start} payload, or {@code null} for none
   * @param deltas the {@code contentBlockDelta.delta} payloads, in order
   */
  record Block(ObjectNode wire, ObjectNode start, List<ObjectNode> deltas) {}

  /**
   * The answer.
   *
   * @param blocks the content blocks in order
   * @param stopReason the Converse stop reason
   * @param outputTokens output tokens spent (reasoning, text and tool input)
   */
  record Answer(List<Block> blocks, String stopReason, int outputTokens) {}

  static Answer answer(JsonNode body, String modelId, Prompt prompt) {
    JsonNode messages = body.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    boolean lastIsUser = "user".equals(last.path("role").asText());
    List<Block> blocks = new ArrayList<>();
    int outputTokens = 0;
    int budgetLeft = prompt.maxTokens();

    if (lastIsUser
        && !ConverseRules.hasToolResult(last)
        && ConverseReasoning.enabled(body, modelId)) {
      Generation thought =
          new Prompt(
                  prompt.text() + "\n[thinking]",
                  Math.min(ConverseReasoning.budget(body), Math.max(1, budgetLeft - 1)),
                  List.of(),
                  prompt.seed())
              .generate();
      if (prompt.text().contains(ConverseReasoning.REDACT_TRIGGER)) {
        blocks.add(redacted(thought.text()));
      } else {
        blocks.add(reasoning(thought, !ConverseModels.unsignedReasoning(modelId)));
      }
      outputTokens += thought.outputTokens();
      budgetLeft = Math.max(1, budgetLeft - thought.outputTokens());
    }

    List<JsonNode> calls = lastIsUser ? toolCalls(body) : List.of();
    if (!calls.isEmpty()) {
      boolean forced =
          body.path("toolConfig").path("toolChoice").has("any")
              || body.path("toolConfig").path("toolChoice").has("tool");
      if (ConverseModels.claude(modelId) && !forced) {
        // Claude usually says what it is about to do before a tool call: one sentence.
        Generation g = new Prompt(prompt.text(), budgetLeft, List.of(), prompt.seed()).generate();
        List<String> sentence = firstSentence(g.pieces());
        blocks.add(text(sentence));
        outputTokens += sentence.size();
      }
      String hints = latestUserText(messages);
      for (int i = 0; i < calls.size(); i++) {
        JsonNode spec = calls.get(i);
        JsonNode input = SchemaInstances.instance(spec.path("inputSchema").path("json"), hints);
        String id = toolUseId(prompt.text(), i);
        blocks.add(toolUse(id, spec.path("name").asText(), input));
        outputTokens += TextGenerator.countTokens(Json.string(input));
      }
      return new Answer(blocks, "tool_use", outputTokens);
    }

    JsonNode schema = structuredOutputSchema(body);
    if (schema != null) {
      String json = Json.string(SchemaInstances.instance(schema, latestUserText(messages)));
      List<ObjectNode> deltas = new ArrayList<>();
      fragments(json, json.hashCode()).forEach(f -> deltas.add(Json.object().put("text", f)));
      blocks.add(new Block(Json.object().put("text", json), null, deltas));
      return new Answer(blocks, "end_turn", outputTokens + TextGenerator.countTokens(json));
    }

    Generation g =
        new Prompt(prompt.text(), budgetLeft, prompt.stopSequences(), prompt.seed()).generate();
    Optional<ConverseDocuments.Span> cited =
        lastIsUser && ConverseModels.citations(modelId)
            ? ConverseDocuments.citation(messages)
            : Optional.empty();
    if (cited.isPresent()) {
      List<String> intro = firstSentence(g.pieces());
      List<String> rest = g.pieces().subList(intro.size(), g.pieces().size());
      blocks.add(text(intro));
      blocks.add(
          citations(
              rest.isEmpty() ? cited.get().text() : String.join("", rest).strip(), cited.get()));
    } else {
      blocks.add(text(g.pieces()));
    }
    outputTokens += g.outputTokens();
    return new Answer(blocks, NovaFamily.reason(g), outputTokens);
  }

  /**
   * The JSON Schema of {@code outputConfig.textFormat} (type {@code json_schema}), or {@code null}.
   */
  static JsonNode structuredOutputSchema(JsonNode body) {
    JsonNode format = body.path("outputConfig").path("textFormat");
    if (!"json_schema".equals(format.path("type").asText())) {
      return null;
    }
    try {
      JsonNode schema =
          Json.parse(
              format
                  .path("structure")
                  .path("jsonSchema")
                  .path("schema")
                  .asText("")
                  .getBytes(StandardCharsets.UTF_8));
      return schema.isObject() ? schema : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** A citationsContent block: the claim as {@code content}, the document span as its citation. */
  private static Block citations(String claim, ConverseDocuments.Span span) {
    ObjectNode citation = Json.object().put("title", span.title());
    citation.putArray("sourceContent").addObject().put("text", span.text());
    citation.set("location", span.location());
    ObjectNode wire = Json.object();
    ObjectNode inner = wire.putObject("citationsContent");
    inner.putArray("content").addObject().put("text", claim);
    inner.putArray("citations").add(citation);
    List<ObjectNode> deltas = new ArrayList<>(text(List.of(claim.split("(?<= )"))).deltas());
    ObjectNode d = Json.object();
    d.set("citation", citation.deepCopy());
    deltas.add(d);
    return new Block(wire, null, deltas);
  }

  /** The tool specs the model calls on this turn (see the class comment for the rule). */
  static List<JsonNode> toolCalls(JsonNode body) {
    JsonNode config = body.path("toolConfig");
    List<JsonNode> specs = new ArrayList<>();
    config
        .path("tools")
        .forEach(
            t -> {
              if (t.has("toolSpec")) {
                specs.add(t.get("toolSpec"));
              }
            });
    if (specs.isEmpty()) {
      return List.of();
    }
    JsonNode choice = config.path("toolChoice");
    if (choice.has("tool")) {
      String name = choice.path("tool").path("name").asText();
      return specs.stream().filter(s -> s.path("name").asText().equals(name)).limit(1).toList();
    }
    JsonNode messages = body.path("messages");
    String said = lastUserMessageText(messages.get(messages.size() - 1));
    List<JsonNode> named =
        specs.stream().filter(s -> mentions(said, s.path("name").asText())).toList();
    if (choice.has("any")) {
      return named.isEmpty() ? List.of(specs.get(0)) : named;
    }
    Set<String> called = calledSinceQuestion(messages);
    return named.stream().filter(s -> !called.contains(s.path("name").asText())).toList();
  }

  private static boolean mentions(String text, String name) {
    return Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-])")
        .matcher(text)
        .find();
  }

  /** Text of a user message: its text blocks and its tool results' text and JSON. */
  private static String lastUserMessageText(JsonNode message) {
    StringBuilder b = new StringBuilder();
    for (JsonNode block : message.path("content")) {
      if (block.has("text")) {
        b.append(block.get("text").asText()).append('\n');
      }
      for (JsonNode c : block.path("toolResult").path("content")) {
        b.append(c.has("json") ? Json.string(c.get("json")) : c.path("text").asText(""))
            .append('\n');
      }
    }
    return b.toString();
  }

  /** The text of the latest user message that has text (the question), for tool input hints. */
  private static String latestUserText(JsonNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (!"user".equals(m.path("role").asText())) {
        continue;
      }
      StringBuilder b = new StringBuilder();
      m.path("content").forEach(c -> b.append(c.path("text").asText("")).append('\n'));
      if (!b.toString().isBlank()) {
        return b.toString();
      }
    }
    return "";
  }

  /** Tools called by the assistant since the last user message that was not (only) tool results. */
  private static Set<String> calledSinceQuestion(JsonNode messages) {
    Set<String> called = new LinkedHashSet<>();
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asText()) && !ConverseRules.hasToolResult(m)) {
        break;
      }
      m.path("content")
          .forEach(
              b -> {
                if (b.has("toolUse")) {
                  called.add(b.get("toolUse").path("name").asText());
                }
              });
    }
    return called;
  }

  private static List<String> firstSentence(List<String> pieces) {
    List<String> out = new ArrayList<>();
    for (String p : pieces) {
      out.add(p);
      if (p.endsWith(".") || p.endsWith("!") || p.endsWith("?")) {
        break;
      }
    }
    return out;
  }

  static Block text(List<String> pieces) {
    ObjectNode wire = Json.object().put("text", String.join("", pieces));
    List<ObjectNode> deltas = new ArrayList<>();
    for (String chunk :
        new Generation(pieces, Generation.Finish.NATURAL, null).chunks(TEXT_TOKENS_PER_DELTA)) {
      deltas.add(Json.object().put("text", chunk));
    }
    return new Block(wire, null, deltas);
  }

  private static Block reasoning(Generation thought, boolean signed) {
    String signature = ReasoningSeals.sign(thought.text());
    ObjectNode wire = Json.object();
    ObjectNode text =
        wire.putObject("reasoningContent").putObject("reasoningText").put("text", thought.text());
    if (signed) {
      text.put("signature", signature);
    }
    List<ObjectNode> deltas = new ArrayList<>();
    for (String chunk : thought.chunks(TEXT_TOKENS_PER_DELTA)) {
      ObjectNode d = Json.object();
      d.putObject("reasoningContent").put("text", chunk);
      deltas.add(d);
    }
    if (signed) {
      // The signature arrives in a delta of its own (ReasoningContentBlockDelta.signature).
      ObjectNode sig = Json.object();
      sig.putObject("reasoningContent").put("signature", signature);
      deltas.add(sig);
    }
    return new Block(wire, null, deltas);
  }

  private static Block redacted(String hidden) {
    String data = Base64.getEncoder().encodeToString(ReasoningSeals.redact(hidden));
    ObjectNode wire = Json.object();
    wire.putObject("reasoningContent").put("redactedContent", data);
    ObjectNode d = Json.object();
    d.putObject("reasoningContent").put("redactedContent", data);
    return new Block(wire, null, List.of(d));
  }

  private static Block toolUse(String id, String name, JsonNode input) {
    ObjectNode wire = Json.object();
    wire.putObject("toolUse").put("toolUseId", id).put("name", name).set("input", input);
    ObjectNode start = Json.object();
    start.putObject("toolUse").put("toolUseId", id).put("name", name);
    List<ObjectNode> deltas = new ArrayList<>();
    for (String fragment : fragments(Json.string(input), id.hashCode())) {
      ObjectNode d = Json.object();
      d.putObject("toolUse").put("input", fragment);
      deltas.add(d);
    }
    return new Block(wire, start, deltas);
  }

  /**
   * Splits a JSON text at arbitrary (seeded) code-point boundaries into fragments of 1 to 9 code
   * points.
   */
  static List<String> fragments(String json, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < json.length()) {
      int n = 1 + r.nextInt(9);
      int end = i;
      for (int k = 0; k < n && end < json.length(); k++) {
        end = json.offsetByCodePoints(end, 1);
      }
      out.add(json.substring(i, end));
      i = end;
    }
    if (out.isEmpty()) {
      out.add(json);
    }
    return out;
  }

  /**
   * A Bedrock-looking tool use id ({@code tooluse_} + 22 URL-safe base64 characters), stable per
   * turn.
   */
  static String toolUseId(String promptText, int index) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((index + "\0" + promptText).getBytes(StandardCharsets.UTF_8));
      return "tooluse_"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
