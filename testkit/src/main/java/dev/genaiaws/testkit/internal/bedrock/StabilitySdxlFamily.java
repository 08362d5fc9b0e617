package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.anyObject;
import static dev.genaiaws.testkit.internal.Schema.array;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
import static dev.genaiaws.testkit.internal.Schema.integer;
import static dev.genaiaws.testkit.internal.Schema.number;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/** Stability AI SDXL 1.0 ({@code text_prompts} API). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class StabilitySdxlFamily implements ModelFamily {

  @Override
  public String name() {
    return "stability-sdxl";
  }

  @Override
  public boolean streams() {
    return false;
  }

  private static Schema schema() {
    return object()
        .required(
            "text_prompts",
            array(
                    object()
                        .required("text", string().maxLength(2000))
                        .optional("weight", number(null, null)))
                .minItems(1))
        .optional("height", integer(320, 1536))
        .optional("width", integer(320, 1536))
        .optional("cfg_scale", number(0, 35))
        .optional(
            "clip_guidance_preset",
            enumOf("FAST_BLUE", "FAST_GREEN", "NONE", "SIMPLE", "SLOW", "SLOWER", "SLOWEST"))
        .optional(
            "sampler",
            enumOf(
                "DDIM",
                "DDPM",
                "K_DPMPP_2M",
                "K_DPMPP_2S_ANCESTRAL",
                "K_DPM_2",
                "K_DPM_2_ANCESTRAL",
                "K_EULER",
                "K_EULER_ANCESTRAL",
                "K_HEUN",
                "K_LMS"))
        .optional("samples", integer(1, 1))
        .optional("seed", integer(0, 4294967295L))
        .optional("steps", integer(10, 150))
        .optional(
            "style_preset",
            enumOf(
                "3d-model",
                "analog-film",
                "anime",
                "cinematic",
                "comic-book",
                "digital-art",
                "enhance",
                "fantasy-art",
                "isometric",
                "line-art",
                "low-poly",
                "modeling-compound",
                "neon-punk",
                "origami",
                "photographic",
                "pixel-art",
                "tile-texture"))
        .optional("extras", anyObject());
  }

  @Override
  public @Nullable String validate(JsonNode body, String modelId, boolean streaming) {
    List<String> v = schema().validate(body);
    if (!v.isEmpty()) {
      return TextFamily.malformed(v);
    }
    int w = Json.integer(body, "width", 1024);
    int h = Json.integer(body, "height", 1024);
    if (w % 64 != 0 || h % 64 != 0) {
      return "height and width must be multiples of 64 (got " + w + "x" + h + ")";
    }
    return null;
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    StringBuilder prompt = new StringBuilder();
    body.get("text_prompts").forEach(p -> prompt.append(p.path("text").asText()).append('\n'));
    long seed =
        ImageSupport.effectiveSeed(prompt.toString(), body.path("seed").asLong(0), 4294967295L);
    ObjectNode r = Json.object().put("result", "success");
    r.putArray("artifacts")
        .addObject()
        .put("seed", seed)
        .put(
            "base64",
            ImageSupport.base64Image(
                Json.integer(body, "width", 1024),
                Json.integer(body, "height", 1024),
                seed,
                0,
                "png"))
        .put("finishReason", "SUCCESS");
    return new Invocation(r, null, null);
  }
}
