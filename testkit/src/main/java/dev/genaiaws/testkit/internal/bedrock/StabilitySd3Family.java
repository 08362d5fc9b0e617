package dev.genaiaws.testkit.internal.bedrock;

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
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Stability SD3 / SD3.5 Large / Stable Image Core / Ultra ({@code prompt} + {@code aspect_ratio}).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class StabilitySd3Family implements ModelFamily {
  /** Aspect ratio to output size (about one megapixel, as the service renders). */
  static final Map<String, int[]> SIZES =
      Map.of(
          "1:1",
          new int[] {1024, 1024},
          "16:9",
          new int[] {1344, 768},
          "21:9",
          new int[] {1536, 640},
          "2:3",
          new int[] {832, 1216},
          "3:2",
          new int[] {1216, 832},
          "4:5",
          new int[] {896, 1088},
          "5:4",
          new int[] {1088, 896},
          "9:16",
          new int[] {768, 1344},
          "9:21",
          new int[] {640, 1536});

  @Override
  public String name() {
    return "stability-sd3";
  }

  @Override
  public boolean streams() {
    return false;
  }

  private static Schema schema() {
    return object()
        .required("prompt", string().minLength(1).maxLength(10_000))
        .optional("mode", enumOf("text-to-image", "image-to-image"))
        .optional("aspect_ratio", enumOf(SIZES.keySet().stream().sorted().toArray(String[]::new)))
        .optional("seed", integer(0, 4294967294L))
        .optional("negative_prompt", string().maxLength(10_000))
        .optional("output_format", enumOf("jpeg", "png", "webp"))
        .optional("image", string())
        .optional("strength", number(0, 1.0));
  }

  @Override
  public @Nullable String validate(JsonNode body, String modelId, boolean streaming) {
    List<String> v = schema().validate(body);
    if (!v.isEmpty()) {
      return TextFamily.malformed(v);
    }
    if ("image-to-image".equals(Json.text(body, "mode", "text-to-image"))) {
      if (!body.has("image") || !body.has("strength")) {
        return "image-to-image requires both image and strength";
      }
      if (body.has("aspect_ratio")) {
        return "aspect_ratio is not supported with image-to-image";
      }
    }
    return null;
  }

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    String prompt = body.get("prompt").asText();
    long seed = ImageSupport.effectiveSeed(prompt, body.path("seed").asLong(0), 4294967294L);
    int[] size = SIZES.get(Json.text(body, "aspect_ratio", "1:1"));
    ObjectNode r = Json.object();
    r.putArray("seeds").add(seed);
    r.putArray("finish_reasons").addNull();
    r.putArray("images")
        .add(
            ImageSupport.base64Image(
                size[0], size[1], seed, 0, Json.text(body, "output_format", "png")));
    return new Invocation(r, null, null);
  }
}
