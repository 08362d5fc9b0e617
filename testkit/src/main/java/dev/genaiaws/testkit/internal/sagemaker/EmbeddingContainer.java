package dev.genaiaws.testkit.internal.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Text embeddings: JumpStart {@code {"text_inputs": [...]}} (or a bare list of strings) to {@code
 * {"embedding": [[...]]}} and Hugging Face feature extraction {@code {"inputs": [...]}} to nested
 * lists.
 */
public final class EmbeddingContainer implements ContainerModel {
  private final int dimensions;

  /** A container answering vectors of {@code dimensions} floats (unit length). */
  public EmbeddingContainer(int dimensions) {
    this.dimensions = dimensions;
  }

  private static List<String> texts(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else {
      n.forEach(t -> out.add(t.asText()));
    }
    return out;
  }

  private ArrayNode vectors(List<String> texts) {
    ArrayNode all = Json.array();
    for (String t : texts) {
      ArrayNode v = all.addArray();
      for (float f : TextGenerator.embedding(t, dimensions, true)) {
        v.add(f);
      }
    }
    return all;
  }

  @Override
  public Response invoke(byte[] body) throws ContainerError {
    JsonNode json;
    try {
      json = Json.parse(body);
    } catch (IOException e) {
      throw new ContainerError(400, "{\"error\":\"Body is not valid JSON\"}");
    }
    if (json.isArray()) {
      // A bare JSON list of strings, as AWS's JumpStart sentence-similarity example sends it
      // (aws/amazon-sagemaker-examples text-embedding-sentence-similarity.ipynb): answered like
      // text_inputs.
      return new Response(
          "application/json", Json.bytes(Json.object().set("embedding", vectors(texts(json)))));
    }
    if (json.has("text_inputs")) {
      return new Response(
          "application/json",
          Json.bytes(Json.object().set("embedding", vectors(texts(json.get("text_inputs"))))));
    }
    if (json.has("inputs")) {
      return new Response("application/json", Json.bytes(vectors(texts(json.get("inputs")))));
    }
    throw new ContainerError(400, "{\"error\":\"Expected 'text_inputs' or 'inputs'\"}");
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
