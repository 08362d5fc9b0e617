package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.bool;
import static dev.genaiaws.testkit.internal.Schema.integer;
import static dev.genaiaws.testkit.internal.Schema.number;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/** AI21 Jurassic-2 (Mid / Ultra). Not streamable. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class Ai21J2Family extends TextFamily {

  @Override
  public String name() {
    return "ai21-j2";
  }

  @Override
  public boolean streams() {
    return false;
  }

  @Override
  public int maxTokensLimit(String modelId) {
    return 8191;
  }

  @Override
  public int defaultMaxTokens(String modelId) {
    return 200;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    Schema penalty =
        object()
            .required("scale", number(0, 500))
            .optional("applyToWhitespaces", bool())
            .optional("applyToPunctuations", bool())
            .optional("applyToNumbers", bool())
            .optional("applyToStopwords", bool())
            .optional("applyToEmojis", bool());
    return object()
        .required("prompt", string())
        .optional("temperature", number(0, 1.0))
        .optional("topP", number(0, 1.0))
        .optional("maxTokens", integer(0, 8191))
        .optional("minTokens", integer(0, 8191))
        .optional("numResults", integer(1, 16))
        .optional("stopSequences", array(string()))
        .optional("countPenalty", penalty)
        .optional("presencePenalty", penalty)
        .optional("frequencyPenalty", penalty);
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    return new Prompt(
        body.get("prompt").asText(),
        Json.integer(body, "maxTokens", 200),
        Json.strings(body, "stopSequences"),
        null);
  }

  private static ArrayNode tokens(List<String> pieces) {
    ArrayNode a = Json.array();
    int pos = 0;
    for (String piece : pieces) {
      ObjectNode t = a.addObject();
      t.putObject("generatedToken")
          .put("token", piece.replace(' ', '\u2581'))
          .put("logprob", -0.5)
          .put("raw_logprob", -0.5);
      t.putNull("topTokens");
      t.putObject("textRange").put("start", pos).put("end", pos + piece.length());
      pos += piece.length();
    }
    return a;
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    ObjectNode r = Json.object().put("id", 1234);
    ObjectNode prompt = r.putObject("prompt").put("text", p.text());
    String[] words = p.text().strip().split("\\s+");
    List<String> promptPieces = new java.util.ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      promptPieces.add(i == 0 ? words[i] : " " + words[i]);
    }
    prompt.set("tokens", tokens(promptPieces));
    ObjectNode c = r.putArray("completions").addObject();
    c.putObject("data").put("text", g.text()).set("tokens", tokens(g.pieces()));
    ObjectNode fr = c.putObject("finishReason");
    switch (g.finish()) {
      case NATURAL -> fr.put("reason", "endoftext");
      case LENGTH -> fr.put("reason", "length").put("length", p.maxTokens());
      case STOP_SEQUENCE -> fr.put("reason", "stop").put("sequence", g.stopSequence());
    }
    return r;
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    throw new UnsupportedOperationException("ai21-j2 does not stream");
  }
}
