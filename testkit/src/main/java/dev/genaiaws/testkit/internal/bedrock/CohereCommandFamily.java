package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.anyObject;
import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.bool;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Cohere Command / Command Light (legacy generate). On the streaming operation a body without
 * {@code "stream": true} is answered as one chunk holding the whole response (as the service does);
 * {@code "stream": true} on InvokeModel is rejected. With {@code return_likelihoods} {@code
 * GENERATION} or {@code ALL} each generation carries {@code likelihood} (the mean) and {@code
 * token_likelihoods}: deterministic negative log-likelihoods per output piece, for {@code ALL}
 * preceded by the prompt's words, the first of which has no likelihood (as Cohere documents).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class CohereCommandFamily extends TextFamily {
  private static final Pattern WORD = Pattern.compile("\\s*\\S+");

  @Override
  public String name() {
    return "cohere-command";
  }

  @Override
  public int defaultMaxTokens(String modelId) {
    return 20;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required("prompt", string())
        .optional("temperature", number(0, 5))
        .optional("p", number(0, 1.0))
        .optional("k", integer(0, 500))
        .optional("max_tokens", integer(1, 4096))
        .optional("stop_sequences", array(string()).maxItems(4))
        .optional("return_likelihoods", enumOf("GENERATION", "ALL", "NONE"))
        .optional("stream", bool())
        .optional("num_generations", integer(1, 5))
        .optional("logit_bias", anyObject())
        .optional("truncate", enumOf("NONE", "START", "END"));
  }

  @Override
  protected @Nullable String rules(JsonNode body, String modelId, boolean streaming) {
    if (!streaming && body.path("stream").asBoolean(false)) {
      return "The stream parameter is only supported on InvokeModelWithResponseStream. Set stream "
          + "to false or call InvokeModelWithResponseStream.";
    }
    return null;
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    return new Prompt(
        body.get("prompt").asText(),
        Json.integer(body, "max_tokens", 20),
        Json.strings(body, "stop_sequences"),
        null);
  }

  private static String reason(Generation g) {
    return g.finish() == Generation.Finish.LENGTH ? "MAX_TOKENS" : "COMPLETE";
  }

  private static int count(JsonNode body) {
    return Json.integer(body, "num_generations", 1);
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    Prompt p = prompt(body, modelId);
    ObjectNode r = build(p, body);
    int out = 0;
    for (int i = 0; i < count(body); i++) {
      out += p.generate(i).outputTokens();
    }
    return new Invocation(r, p.inputTokens(), out);
  }

  private ObjectNode build(Prompt p, JsonNode body) {
    ObjectNode r =
        Json.object()
            .put(
                "id",
                UUID.nameUUIDFromBytes(p.text().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString())
            .put("prompt", p.text());
    ArrayNode gens = r.putArray("generations");
    for (int i = 0; i < count(body); i++) {
      Generation g = p.generate(i);
      ObjectNode o =
          gens.addObject()
              .put(
                  "id",
                  UUID.nameUUIDFromBytes(
                          ("g" + i + p.text()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                      .toString())
              .put("text", g.text())
              .put("finish_reason", reason(g));
      if (count(body) > 1) {
        o.put("index", i);
      }
      String likelihoods = body.path("return_likelihoods").asText("NONE");
      if (!likelihoods.equals("NONE")) {
        likelihoods(o, likelihoods.equals("ALL") ? promptPieces(p.text()) : List.of(), g.pieces());
      }
    }
    return r;
  }

  private static List<String> promptPieces(String prompt) {
    List<String> pieces = new ArrayList<>();
    Matcher m = WORD.matcher(prompt);
    while (m.find()) {
      pieces.add(m.group());
    }
    return pieces;
  }

  /**
   * Writes {@code token_likelihoods} for the prompt pieces then the output pieces, and their mean.
   */
  private static void likelihoods(ObjectNode generation, List<String> prompt, List<String> output) {
    ArrayNode tokens = generation.putArray("token_likelihoods");
    double sum = 0;
    int n = 0;
    boolean first = true;
    List<String> all = new ArrayList<>(prompt);
    all.addAll(output);
    for (String piece : all) {
      ObjectNode t = tokens.addObject().put("token", piece);
      if (first && !prompt.isEmpty()) {
        first = false;
        continue;
      }
      double l = -((piece.hashCode() & 0x7fff) % 800) / 100.0 - 0.01;
      t.put("likelihood", l);
      sum += l;
      n++;
    }
    generation.put("likelihood", n == 0 ? 0.0 : sum / n);
  }

  @Override
  public Streamed stream(JsonNode body, String modelId) {
    Prompt p = prompt(body, modelId);
    int out = 0;
    for (int i = 0; i < count(body); i++) {
      out += p.generate(i).outputTokens();
    }
    if (!body.path("stream").asBoolean(false)) {
      return new Streamed(List.of(build(p, body)), p.inputTokens(), out);
    }
    List<ObjectNode> chunks = new ArrayList<>();
    Generation first = p.generate(0);
    for (int i = 0; i < count(body); i++) {
      for (String part : p.generate(i).chunks(TOKENS_PER_CHUNK)) {
        ObjectNode c = Json.object().put("is_finished", false).put("text", part);
        if (count(body) > 1) {
          c.put("index", i);
        }
        chunks.add(c);
      }
    }
    chunks.add(Json.object().put("finish_reason", reason(first)).put("is_finished", true));
    return new Streamed(chunks, p.inputTokens(), out);
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    return build(p, body);
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    return stream(body, modelId).chunks();
  }
}
