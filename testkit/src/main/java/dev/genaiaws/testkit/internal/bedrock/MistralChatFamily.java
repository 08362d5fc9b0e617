package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.any;
import static dev.genaiaws.testkit.internal.Schema.anyObject;
import static dev.genaiaws.testkit.internal.Schema.anyOf;
import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
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

/** Mistral chat completion ({@code messages}, Mistral Large 2407 and later). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class MistralChatFamily extends TextFamily {

  @Override
  public String name() {
    return "mistral-chat";
  }

  @Override
  public int maxTokensLimit(String modelId) {
    return 8192;
  }

  @Override
  protected Schema schema(String modelId, boolean streaming) {
    return object()
        .required(
            "messages",
            array(
                    object()
                        .required("role", enumOf("system", "user", "assistant", "tool"))
                        .optional("content", anyOf(string(), array(anyObject())))
                        .optional("tool_calls", array(anyObject()))
                        .optional("tool_call_id", string())
                        .optional("name", string()))
                .minItems(1))
        .optional("tools", array(anyObject()))
        .optional("tool_choice", any())
        .optional("response_format", anyObject())
        .optional("max_tokens", integer(1, 8192))
        .optional("stop", array(string()).maxItems(10))
        .optional("temperature", number(0, 1.0))
        .optional("top_p", number(0, 1.0));
  }

  @Override
  protected Prompt prompt(JsonNode body, String modelId) {
    StringBuilder text = new StringBuilder();
    body.get("messages")
        .forEach(m -> text.append(ClaudeMessagesFamily.contentText(m.get("content"))).append('\n'));
    return new Prompt(
        text.toString(), Json.integer(body, "max_tokens", 8192), Json.strings(body, "stop"), null);
  }

  @Override
  protected ObjectNode response(Generation g, Prompt p, JsonNode body, String modelId) {
    ObjectNode r = Json.object();
    ObjectNode c = r.putArray("choices").addObject().put("index", 0);
    c.putObject("message").put("role", "assistant").put("content", g.text());
    c.put("stop_reason", MistralTextFamily.reason(g));
    return r;
  }

  @Override
  protected List<ObjectNode> chunks(Generation g, Prompt p, JsonNode body, String modelId) {
    List<ObjectNode> out = new ArrayList<>();
    List<String> parts = g.chunks(TOKENS_PER_CHUNK);
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode r = Json.object();
      ObjectNode c = r.putArray("choices").addObject().put("index", 0);
      c.putObject("message").put("role", "assistant").put("content", parts.get(i));
      if (i == parts.size() - 1) {
        c.put("stop_reason", MistralTextFamily.reason(g));
      } else {
        c.putNull("stop_reason");
      }
      out.add(r);
    }
    return out;
  }
}
