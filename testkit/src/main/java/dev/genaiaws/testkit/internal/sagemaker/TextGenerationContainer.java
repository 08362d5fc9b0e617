package dev.genaiaws.testkit.internal.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Generation;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Hugging Face TGI and DJL LMI text generation: {@code {"inputs", "parameters", "stream"}}. TGI
 * answers {@code [{"generated_text"}]} (echoing the prompt unless {@code return_full_text} is
 * false) or, with {@code details: true}, an object with {@code details}; LMI answers a {@code
 * {"generated_text"}} object. Both stream TGI server-sent-event lines. Invalid parameters are
 * rejected by the container with 422 (TGI's wording).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TextGenerationContainer implements ContainerModel {
  private final boolean lmi;

  /** A TGI ({@code lmi == false}) or LMI container. */
  public TextGenerationContainer(boolean lmi) {
    this.lmi = lmi;
  }

  private record Parsed(
      String inputs, JsonNode params, Generation generation, boolean stream, Long seed) {}

  private static ContainerError invalid(String message) {
    ObjectNode e = Json.object().put("error", message).put("error_type", "validation");
    return new ContainerError(422, Json.string(e));
  }

  private static Parsed parse(byte[] body) throws ContainerError {
    JsonNode json;
    try {
      json = Json.parse(body);
    } catch (IOException e) {
      throw invalid(
          "Failed to deserialize the JSON body into the target type: expected value at line 1 column 1");
    }
    if (!json.isObject() || !json.path("inputs").isTextual()) {
      throw invalid(
          "Failed to deserialize the JSON body into the target type: missing field `inputs`");
    }
    JsonNode p = json.path("parameters");
    if (p.has("temperature") && !(p.get("temperature").asDouble() > 0)) {
      throw invalid("Input validation error: `temperature` must be strictly positive");
    }
    if (p.has("top_p") && !(p.get("top_p").asDouble() > 0 && p.get("top_p").asDouble() < 1)) {
      throw invalid("Input validation error: `top_p` must be > 0.0 and < 1.0");
    }
    if (p.has("top_k") && p.get("top_k").asInt() <= 0) {
      throw invalid("Input validation error: `top_k` must be strictly positive");
    }
    if (p.has("repetition_penalty") && !(p.get("repetition_penalty").asDouble() > 0)) {
      throw invalid("Input validation error: `repetition_penalty` must be strictly positive");
    }
    if (p.has("max_new_tokens") && p.get("max_new_tokens").asInt() <= 0) {
      throw invalid("Input validation error: `max_new_tokens` must be strictly positive");
    }
    if (Json.strings(p, "stop").size() > 4) {
      throw invalid(
          "Input validation error: `stop` supports up to 4 stop sequences. Given: "
              + Json.strings(p, "stop").size());
    }
    String inputs = json.get("inputs").asText();
    Long seed = Json.longOrNull(p, "seed");
    Generation g =
        TextGenerator.generate(
            inputs, seed, Json.integer(p, "max_new_tokens", 100), Json.strings(p, "stop"));
    return new Parsed(inputs, p, g, json.path("stream").asBoolean(false), seed);
  }

  private static String finishReason(Generation g) {
    return switch (g.finish()) {
      case NATURAL -> "eos_token";
      case LENGTH -> "length";
      case STOP_SEQUENCE -> "stop_sequence";
    };
  }

  private ObjectNode details(Parsed p) {
    ObjectNode d =
        Json.object()
            .put("finish_reason", finishReason(p.generation()))
            .put(
                "generated_tokens",
                p.generation().outputTokens()
                    + (p.generation().finish() == Generation.Finish.NATURAL ? 1 : 0));
    if (p.seed() == null) {
      d.putNull("seed");
    } else {
      d.put("seed", p.seed());
    }
    return d;
  }

  @Override
  public Response invoke(byte[] body) throws ContainerError {
    Parsed p = parse(body);
    if (p.stream()) {
      return sse(p);
    }
    boolean fullText = p.params().path("return_full_text").asBoolean(!lmi);
    String text = (fullText ? p.inputs() : "") + p.generation().text();
    ObjectNode answer = Json.object().put("generated_text", text);
    if (lmi) {
      if (p.params().path("details").asBoolean(false)) {
        answer.set("details", details(p));
      }
      return new Response("application/json", Json.bytes(answer));
    }
    if (p.params().path("details").asBoolean(false)) {
      answer.set("details", details(p));
      return new Response("application/json", Json.bytes(answer));
    }
    return new Response("application/json", Json.bytes(Json.array().add(answer)));
  }

  @Override
  public Response stream(byte[] body) throws ContainerError {
    Parsed p = parse(body);
    return p.stream() ? sse(p) : invoke(body);
  }

  private Response sse(Parsed p) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Generation g = p.generation();
    int n = g.pieces().size();
    boolean eos = g.finish() == Generation.Finish.NATURAL || n == 0;
    for (int i = 0; i < n; i++) {
      boolean last = i == n - 1 && !eos;
      line(
          out,
          event(i + 1, g.pieces().get(i), false, last ? g.text() : null, last ? details(p) : null));
    }
    if (eos) {
      line(out, event(n + 1, "</s>", true, g.text(), details(p)));
    }
    return new Response("text/event-stream", out.toByteArray());
  }

  private static ObjectNode event(
      int index,
      String text,
      boolean special,
      @Nullable String generated,
      @Nullable ObjectNode details) {
    ObjectNode e = Json.object().put("index", index);
    e.putObject("token")
        .put("id", special ? 2 : Math.floorMod(text.hashCode(), 32000) + 3)
        .put("text", text)
        .put("logprob", special ? -0.01 : -0.42)
        .put("special", special);
    if (generated == null) {
      e.putNull("generated_text");
    } else {
      e.put("generated_text", generated);
    }
    if (details == null) {
      e.putNull("details");
    } else {
      e.set("details", details);
    }
    return e;
  }

  private static void line(ByteArrayOutputStream out, ObjectNode event) {
    out.writeBytes(("data:" + Json.string(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
