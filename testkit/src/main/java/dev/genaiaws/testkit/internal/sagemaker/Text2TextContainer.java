package dev.genaiaws.testkit.internal.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.io.IOException;

/**
 * JumpStart text2text (Flan-T5 style): {@code {"text_inputs", "max_length", ...}} to {@code
 * {"generated_texts"}}.
 */
public final class Text2TextContainer implements ContainerModel {

  private static ContainerError bad(String message) {
    return new ContainerError(
        400,
        Json.string(
            Json.object()
                .put("code", 400)
                .put("type", "InternalServerException")
                .put("message", message)));
  }

  @Override
  public Response invoke(byte[] body) throws ContainerError {
    JsonNode json;
    try {
      json = Json.parse(body);
    } catch (IOException e) {
      throw bad("Unable to parse the request body as JSON");
    }
    JsonNode inputs = json.path("text_inputs");
    if (!inputs.isTextual() && !inputs.isArray()) {
      throw bad("'text_inputs' is required");
    }
    int max = Json.integer(json, "max_length", Json.integer(json, "max_new_tokens", 50));
    if (max < 1) {
      throw bad("'max_length' must be a positive integer");
    }
    int n = Json.integer(json, "num_return_sequences", 1);
    Long seed = Json.longOrNull(json, "seed");
    ObjectNode r = Json.object();
    ArrayNode texts = r.putArray("generated_texts");
    String prompt = inputs.isTextual() ? inputs.asText() : Json.string(inputs);
    for (int i = 0; i < Math.max(1, n); i++) {
      texts.add(
          TextGenerator.generate(
                  prompt, seed == null ? (long) i : seed + i, max, java.util.List.of())
              .text());
    }
    return new Response("application/json", Json.bytes(r));
  }

  @Override
  public Response stream(byte[] body) throws ContainerError {
    return invoke(body);
  }

  @Override
  public boolean streams() {
    return false;
  }
}
