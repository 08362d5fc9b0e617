package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Schema;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * Base of the text-generation families: validate with a declarative {@link Schema} plus a few
 * family rules, extract a {@link Prompt}, generate, then shape the response and stream chunks.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
abstract class TextFamily implements ModelFamily {
  /** Output tokens per stream chunk. */
  protected static final int TOKENS_PER_CHUNK = 3;

  /** The body schema for a model of this family. */
  protected abstract Schema schema(String modelId, boolean streaming);

  /** Family rules beyond the schema; {@code null} when fine, else the whole message. */
  protected String rules(JsonNode body, String modelId, boolean streaming) {
    return null;
  }

  /** The prompt and generation settings of a valid body. */
  protected abstract Prompt prompt(JsonNode body, String modelId);

  /** The InvokeModel response body. */
  protected abstract ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId);

  /** The stream chunks for the same generation. */
  protected abstract List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId);

  @Override
  public boolean streams() {
    return true;
  }

  @Override
  public boolean conversational() {
    return true;
  }

  @Override
  public String validate(JsonNode body, String modelId, boolean streaming) {
    List<String> violations = schema(modelId, streaming).validate(body);
    if (!violations.isEmpty()) {
      return malformed(violations);
    }
    return rules(body, modelId, streaming);
  }

  /** The service's wording for schema violations. */
  public static String malformed(List<String> violations) {
    return "Malformed input request: "
        + String.join("", violations)
        + ", please reformat your input and try again.";
  }

  @Override
  public Prompt promptOf(JsonNode body, String modelId) {
    return prompt(body, modelId);
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    Prompt p = prompt(body, modelId);
    Generation g = p.generate();
    return new Invocation(response(g, p, body, modelId), p.inputTokens(), g.outputTokens());
  }

  @Override
  public Streamed stream(JsonNode body, String modelId) {
    Prompt p = prompt(body, modelId);
    Generation g = p.generate();
    return new Streamed(chunks(g, p, body, modelId), p.inputTokens(), g.outputTokens());
  }

  /** Generation for the Converse API, from its neutral fields. */
  public Generation converse(Prompt p) {
    return p.generate();
  }
}
