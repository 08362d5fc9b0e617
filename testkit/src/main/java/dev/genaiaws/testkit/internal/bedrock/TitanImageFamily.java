package dev.genaiaws.testkit.internal.bedrock;

import static dev.genaiaws.testkit.internal.Schema.anyObject;
import static dev.genaiaws.testkit.internal.Schema.enumOf;
import static dev.genaiaws.testkit.internal.Schema.integer;
import static dev.genaiaws.testkit.internal.Schema.number;
import static dev.genaiaws.testkit.internal.Schema.object;
import static dev.genaiaws.testkit.internal.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import dev.genaiaws.testkit.internal.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/** Amazon Titan Image Generator v1/v2 and Amazon Nova Canvas (same request shape). */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class TitanImageFamily implements ModelFamily {
  private static final Map<String, String> TASK_PARAMS =
      Map.of(
          "TEXT_IMAGE", "textToImageParams",
          "INPAINTING", "inPaintingParams",
          "OUTPAINTING", "outPaintingParams",
          "IMAGE_VARIATION", "imageVariationParams",
          "COLOR_GUIDED_GENERATION", "colorGuidedGenerationParams",
          "BACKGROUND_REMOVAL", "backgroundRemovalParams",
          "VIRTUAL_TRY_ON", "virtualTryOnParams");
  private final String name;

  TitanImageFamily(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean streams() {
    return false;
  }

  private static Schema schema() {
    Schema.ObjectSchema s =
        object()
            .required(
                "taskType", enumOf(TASK_PARAMS.keySet().stream().sorted().toArray(String[]::new)))
            .optional(
                "imageGenerationConfig",
                object()
                    .optional("numberOfImages", integer(1, 5))
                    .optional("quality", enumOf("standard", "premium"))
                    .optional("height", integer(320, 4096))
                    .optional("width", integer(320, 4096))
                    .optional("cfgScale", number(1.1, 10.0))
                    .optional("seed", integer(0, 2147483646)));
    s.optional(
        "textToImageParams",
        object()
            .required("text", string().minLength(1).maxLength(1024))
            .optional("negativeText", string().minLength(1).maxLength(1024))
            .optional("conditionImage", string())
            .optional("controlMode", enumOf("CANNY_EDGE", "SEGMENTATION"))
            .optional("controlStrength", number(0, 1.0))
            .optional("style", string()));
    TASK_PARAMS.values().stream()
        .filter(p -> !p.equals("textToImageParams"))
        .forEach(p -> s.optional(p, anyObject()));
    return s;
  }

  @Override
  public @Nullable String validate(JsonNode body, String modelId, boolean streaming) {
    List<String> v = schema().validate(body);
    if (!v.isEmpty()) {
      return TextFamily.malformed(v);
    }
    String params = TASK_PARAMS.get(body.get("taskType").asText());
    if (!body.has(params)) {
      return TextFamily.malformed(List.of("#: required key [" + params + "] not found"));
    }
    JsonNode cfg = body.path("imageGenerationConfig");
    int w = Json.integer(cfg, "width", 1024);
    int h = Json.integer(cfg, "height", 1024);
    if (modelId.contains("nova-canvas")) {
      // Nova Canvas takes any size on a 16-pixel grid within its limits
      if (w % 16 != 0
          || h % 16 != 0
          || w < 320
          || h < 320
          || w > 4096
          || h > 4096
          || (long) w * h > 4_194_304L) {
        return "The provided image size "
            + w
            + "x"
            + h
            + " is not supported: width and height must be "
            + "divisible by 16, between 320 and 4096 pixels, and at most 4,194,304 pixels in total.";
      }
    } else if (!TITAN_SIZES.contains(w + "x" + h)) {
      // Titan Image Generator takes only its documented list of sizes
      return "The provided image size "
          + w
          + "x"
          + h
          + " is not supported. Supported sizes: "
          + String.join(", ", TITAN_SIZES)
          + ".";
    }
    return null;
  }

  /** The sizes the Titan Image Generator documentation lists, as width x height. */
  private static final List<String> TITAN_SIZES =
      List.of(
          "1024x1024",
          "768x768",
          "512x512",
          "768x1152",
          "384x576",
          "1152x768",
          "576x384",
          "768x1280",
          "384x640",
          "1280x768",
          "640x384",
          "896x1152",
          "448x576",
          "1152x896",
          "576x448",
          "768x1408",
          "384x704",
          "1408x768",
          "704x384",
          "640x1408",
          "320x704",
          "1408x640",
          "704x320",
          "1152x640",
          "1173x640");

  @Override
  public Invocation invoke(JsonNode body, String modelId) {
    JsonNode cfg = body.path("imageGenerationConfig");
    String task = body.get("taskType").asText();
    String prompt = body.path(TASK_PARAMS.get(task)).path("text").asText(task);
    int w = Json.integer(cfg, "width", 1024);
    int h = Json.integer(cfg, "height", 1024);
    int n = Json.integer(cfg, "numberOfImages", 1);
    long seed = cfg.has("seed") ? cfg.get("seed").asLong() : 42;
    ObjectNode r = Json.object();
    ArrayNode images = r.putArray("images");
    for (int i = 0; i < n; i++) {
      images.add(ImageSupport.base64Image(w, h, seed ^ prompt.hashCode(), i, "png"));
    }
    return new Invocation(r, null, null);
  }
}
