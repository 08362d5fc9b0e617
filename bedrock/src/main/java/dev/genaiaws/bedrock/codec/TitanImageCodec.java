package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Amazon Titan Image Generator G1 v1 ({@code amazon.titan-image-generator-v1}) and v2 ({@code
 * amazon.titan-image-generator-v2:0}) and Amazon Nova Canvas ({@code amazon.nova-canvas-v1:0}),
 * which share one request shape: {@code taskType: TEXT_IMAGE}, {@code textToImageParams} and {@code
 * imageGenerationConfig}.
 *
 * <table>
 *   <caption>ImageConfig on Titan Image and Nova Canvas</caption>
 *   <tr><th>field</th><th>body</th><th>allowed</th></tr>
 *   <tr><td>width, height</td><td>width, height</td><td>Titan: one of {@link #TITAN_SIZES}; Nova Canvas:
 *       320 to 4096, divisible by 16, ratio between 1:4 and 4:1, at most 4,194,304 pixels (default
 *       1024x1024)</td></tr>
 *   <tr><td>count</td><td>numberOfImages</td><td>1 to 5 (default 1)</td></tr>
 *   <tr><td>quality</td><td>quality</td><td>standard (default) or premium</td></tr>
 *   <tr><td>cfgScale</td><td>cfgScale</td><td>1.1 to 10 (default 8)</td></tr>
 *   <tr><td>seed</td><td>seed</td><td>Titan 0 to 2,147,483,646; Nova Canvas 0 to 858,993,459</td></tr>
 *   <tr><td>negativePrompt</td><td>negativeText</td><td>up to 512 characters (Nova Canvas 1,024)</td></tr>
 *   <tr><td>outputFormat</td><td>-</td><td>png (the only format these models return)</td></tr>
 * </table>
 *
 * <p>The prompt may be up to 512 characters (Nova Canvas 1,024). aspectRatio, steps and stylePreset
 * are refused. The answer's {@code images[]} become PNG {@link ImageBlock}s. The answer carries no
 * seeds, so each image gets the request's seed when one was set (all images of one call share it;
 * the same request gives the same images again), else none. A non-null {@code error} mentioning
 * content, filters or policy fails the call with a {@link
 * dev.genaiaws.core.exception.ContentBlockedException}; any other with a {@link
 * dev.genaiaws.core.exception.ModelErrorException}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TitanImageCodec extends ImageCodecSupport {
  /** The sizes Titan Image Generator v1 and v2 render, as {@code WIDTHxHEIGHT}. */
  public static final List<String> TITAN_SIZES =
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

  /** The qualities these models take. */
  public static final List<String> QUALITIES = List.of("standard", "premium");

  /** The longest Titan prompt (and negative prompt), in characters. */
  public static final int TITAN_MAX_PROMPT_CHARS = 512;

  /** The longest Nova Canvas prompt (and negative prompt), in characters. */
  public static final int NOVA_CANVAS_MAX_PROMPT_CHARS = 1024;

  /** The greatest Titan seed. */
  public static final long TITAN_MAX_SEED = 2_147_483_646L;

  /** The greatest Nova Canvas seed. */
  public static final long NOVA_CANVAS_MAX_SEED = 858_993_459L;

  /** The most pixels a Nova Canvas image may have. */
  public static final long NOVA_CANVAS_MAX_PIXELS = 4_194_304L;

  public TitanImageCodec() {
    super(BedrockFamilies.AMAZON_TITAN_IMAGE);
  }

  static boolean isNovaCanvas(String modelId) {
    return modelId != null && modelId.toLowerCase(Locale.ROOT).startsWith("amazon.nova-canvas");
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    boolean nova = isNovaCanvas(modelId);
    int maxChars = nova ? NOVA_CANVAS_MAX_PROMPT_CHARS : TITAN_MAX_PROMPT_CHARS;
    String prompt = prompt(request, modelId, maxChars);
    ImageConfig c = config(request);
    unsupported("aspectRatio", c.aspectRatio(), modelId, "set width and height instead");
    unsupported("steps", c.steps(), modelId, null);
    unsupported("stylePreset", c.stylePreset(), modelId, null);
    if (c.outputFormat() != null && !c.outputFormat().equalsIgnoreCase("png")) {
      throw new InvalidRequestException(
          "imageConfig.outputFormat must be png for "
              + modelId
              + " (it returns PNG only) but was "
              + c.outputFormat());
    }
    bothOrNeither(c, modelId);
    if (c.width() != null) {
      if (nova) {
        checkNovaSize(c.width(), c.height(), modelId);
      } else {
        oneOf("width x height", c.width() + "x" + c.height(), TITAN_SIZES, modelId);
      }
    }
    range("count", c.count(), 1, 5, modelId);
    String quality = c.quality() == null ? null : c.quality().toLowerCase(Locale.ROOT);
    oneOf("quality", quality, QUALITIES, modelId);
    range("cfgScale", c.cfgScale(), 1.1, 10.0, modelId);
    range("seed", c.seed(), 0, nova ? NOVA_CANVAS_MAX_SEED : TITAN_MAX_SEED, modelId);
    checkLength("imageConfig.negativePrompt", c.negativePrompt(), modelId, maxChars);

    ObjectNode body = CodecJson.object().put("taskType", "TEXT_IMAGE");
    ObjectNode params = body.putObject("textToImageParams").put("text", prompt);
    if (c.negativePrompt() != null && !c.negativePrompt().isBlank()) {
      params.put("negativeText", c.negativePrompt());
    }
    ObjectNode config = body.putObject("imageGenerationConfig");
    CodecJson.put(config, "numberOfImages", c.count());
    CodecJson.put(config, "quality", quality);
    CodecJson.put(config, "width", c.width());
    CodecJson.put(config, "height", c.height());
    CodecJson.put(config, "cfgScale", c.cfgScale());
    CodecJson.put(config, "seed", c.seed());
    if (config.isEmpty()) {
      body.remove("imageGenerationConfig");
    }
    return CodecJson.write(body, request);
  }

  private static void checkNovaSize(int w, int h, String modelId) {
    String problem = null;
    if (w < 320 || w > 4096 || h < 320 || h > 4096) {
      problem = "each side between 320 and 4096";
    } else if (w % 16 != 0 || h % 16 != 0) {
      problem = "each side divisible by 16";
    } else if (w > 4L * h || h > 4L * w) {
      problem = "an aspect ratio between 1:4 and 4:1";
    } else if ((long) w * h > NOVA_CANVAS_MAX_PIXELS) {
      problem = "at most " + NOVA_CANVAS_MAX_PIXELS + " pixels";
    }
    if (problem != null) {
      throw new InvalidRequestException(
          "imageConfig.width x height must have "
              + problem
              + " for "
              + modelId
              + " but was "
              + w
              + "x"
              + h);
    }
  }

  /** Reads the answer without knowing the request: images carry no seed. */
  @Override
  public GenerationResponse decode(byte[] body) {
    return decode(body, (Long) null);
  }

  /** Reads the answer and gives each image the request's seed (the answer reports none). */
  @Override
  public GenerationResponse decode(byte[] body, GenerationRequest request) {
    return decode(body, request == null ? null : config(request).seed());
  }

  private GenerationResponse decode(byte[] body, @Nullable Long seed) {
    JsonNode root = CodecJson.read(body, family().name());
    String error = CodecJson.textOrNull(root, "error");
    if (error != null && !error.isBlank()) {
      if (isFilterMessage(error)) {
        throw blocked(error);
      }
      throw failed(error);
    }
    JsonNode images = root.get("images");
    if (images == null || !images.isArray() || images.isEmpty()) {
      throw new CodecException(
          "the "
              + family()
              + " answer has no images: is the model id matched to the"
              + " right family?",
          null);
    }
    List<ContentBlock> blocks = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      byte[] bytes = imageBytes(images.get(i), "images[" + i + "]");
      blocks.add(new ImageBlock(bytes, mediaType(bytes), seed));
    }
    return GenerationResponse.builder()
        .content(blocks)
        .stopReason(StopReason.STOP, null)
        .rawBody(utf8(body))
        .build();
  }

  static boolean isFilterMessage(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    return e.contains("content")
        || e.contains("filter")
        || e.contains("blocked")
        || e.contains("policy")
        || e.contains("responsible ai");
  }

  @Override
  public String toString() {
    return "TitanImageCodec[" + family() + "]";
  }
}
