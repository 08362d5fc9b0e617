package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.integer;
import static dev.genaiaws.testkit.internal.Schema.number;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/** Anthropic Claude legacy Text Completions ({@code \n\nHuman: ... \n\nAssistant:}). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class ClaudeTextFamily extends TextFamily {
  static final String HUMAN = "\n\nHuman:";
  static final String ASSISTANT = "\n\nAssistant:";

  @Override
  public String name() {
    return "claude-text";
  }

  @Override
  public int defaultMaxTokens(String modelId) {
    return 200;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required("prompt", string())
        .required("max_tokens_to_sample", integer(0, 4096))
        .optional("temperature", number(0, 1.0))
        .optional("top_p", number(0, 1.0))
        .optional("top_k", integer(0, 500))
        .optional("stop_sequences", array(string()))
        .optional("anthropic_version", string());
  }

  @Override
  protected @Nullable String rules(JsonNode body, String modelId, boolean streaming) {
    String prompt = body.get("prompt").asText();
    // Real captures the service answered with 200 are looser than the documented format: Claude 2.1
    // took
    // "Human: ... Assistant:" without the blank lines (traceloop/openllmetry
    // test_anthropic_2_completion),
    // and Claude Instant took text after the last "Assistant:" (a prefill; DataDog/dd-trace-py
    // anthropic_invoke_stream). What stays refused: no Human turn, or a Human turn after the last
    // Assistant.
    int human = Math.max(prompt.lastIndexOf(HUMAN), prompt.startsWith(HUMAN.strip()) ? 0 : -1);
    if (human < 0) {
      return "prompt must start with \"\\n\\nHuman:\" turn after an optional system prompt";
    }
    if (prompt.lastIndexOf(ASSISTANT.strip()) < human) {
      return "prompt must end with \"\\n\\nAssistant:\" turn";
    }
    return null;
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    return new Prompt(
        body.get("prompt").asText(),
        body.get("max_tokens_to_sample").asInt(),
        Json.strings(body, "stop_sequences"),
        null);
  }

  private static String reason(Generation g) {
    return g.finish() == Generation.Finish.LENGTH ? "max_tokens" : "stop_sequence";
  }

  private static @Nullable String stop(Generation g) {
    return switch (g.finish()) {
      case NATURAL -> HUMAN;
      case LENGTH -> null;
      case STOP_SEQUENCE -> g.stopSequence();
    };
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    return Json.object()
        .put("type", "completion")
        .put("completion", " " + g.text())
        .put("stop_reason", reason(g))
        .put("stop", stop(g));
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    boolean first = true;
    for (String part : g.chunks(TOKENS_PER_CHUNK)) {
      ObjectNode c = Json.object().put("completion", first ? " " + part : part);
      c.putNull("stop_reason");
      c.putNull("stop");
      out.add(c);
      first = false;
    }
    out.add(Json.object().put("completion", "").put("stop_reason", reason(g)).put("stop", stop(g)));
    return out;
  }
}
