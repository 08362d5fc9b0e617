package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.jspecify.annotations.NullUnmarked;

/**
 * Stability AI SDXL 1.0 ({@code stability.stable-diffusion-xl-v1}), the {@code text_prompts} API.
 * The user prompt is sent with weight 1.0 and {@link ImageConfig#negativePrompt()} with weight
 * -1.0.
 *
 * <table>
 *   <caption>ImageConfig on SDXL</caption>
 *   <tr><th>field</th><th>body</th><th>allowed</th></tr>
 *   <tr><td>width, height</td><td>width, height</td><td>one of {@link #SIZES} (default 1024x1024)</td></tr>
 *   <tr><td>count</td><td>samples</td><td>1</td></tr>
 *   <tr><td>steps</td><td>steps</td><td>10 to 150 (default 30)</td></tr>
 *   <tr><td>cfgScale</td><td>cfg_scale</td><td>0 to 35 (default 7)</td></tr>
 *   <tr><td>seed</td><td>seed</td><td>0 to 4,294,967,295 (0 = random)</td></tr>
 *   <tr><td>stylePreset</td><td>style_preset</td><td>one of {@link #STYLE_PRESETS}</td></tr>
 *   <tr><td>outputFormat</td><td>-</td><td>png (the only format SDXL returns)</td></tr>
 * </table>
 *
 * <p>aspectRatio and quality are refused (pick a size instead). The answer's {@code artifacts[]}
 * become PNG {@link ImageBlock}s with their seeds; an artifact with {@code finishReason:
 * CONTENT_FILTERED} fails the call with a {@link
 * dev.genaiaws.core.exception.ContentBlockedException}, one with {@code ERROR} with a {@link
 * dev.genaiaws.core.exception.ModelErrorException}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class StabilitySdxlCodec extends ImageCodecSupport {
  /** The sizes SDXL renders, as {@code WIDTHxHEIGHT}. */
  public static final List<String> SIZES =
      List.of(
          "1024x1024",
          "1152x896",
          "896x1152",
          "1216x832",
          "832x1216",
          "1344x768",
          "768x1344",
          "1536x640",
          "640x1536");

  /** The style presets SDXL knows. */
  public static final List<String> STYLE_PRESETS =
      List.of(
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
          "tile-texture");

  /** The longest prompt (and negative prompt) SDXL takes, in characters. */
  public static final int MAX_PROMPT_CHARS = 2000;

  /** The greatest seed. */
  public static final long MAX_SEED = 4_294_967_295L;

  public StabilitySdxlCodec() {
    super(BedrockFamilies.STABILITY_SDXL);
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    String prompt = prompt(request, modelId, MAX_PROMPT_CHARS);
    ImageConfig c = config(request);
    unsupported("aspectRatio", c.aspectRatio(), modelId, "set width and height to one of " + SIZES);
    unsupported("quality", c.quality(), modelId, null);
    if (c.outputFormat() != null && !c.outputFormat().equalsIgnoreCase("png")) {
      throw new InvalidRequestException(
          "imageConfig.outputFormat must be png for "
              + modelId
              + " (SDXL returns PNG only) but was "
              + c.outputFormat());
    }
    bothOrNeither(c, modelId);
    if (c.width() != null) {
      oneOf("width x height", c.width() + "x" + c.height(), SIZES, modelId);
    }
    range("count", c.count(), 1, 1, modelId);
    range("steps", c.steps(), 10, 150, modelId);
    range("cfgScale", c.cfgScale(), 0.0, 35.0, modelId);
    range("seed", c.seed(), 0, MAX_SEED, modelId);
    oneOf("stylePreset", c.stylePreset(), STYLE_PRESETS, modelId);
    checkLength("imageConfig.negativePrompt", c.negativePrompt(), modelId, MAX_PROMPT_CHARS);

    ObjectNode body = CodecJson.object();
    ArrayNode prompts = body.putArray("text_prompts");
    prompts.addObject().put("text", prompt).put("weight", 1.0);
    if (c.negativePrompt() != null && !c.negativePrompt().isBlank()) {
      prompts.addObject().put("text", c.negativePrompt()).put("weight", -1.0);
    }
    CodecJson.put(body, "width", c.width());
    CodecJson.put(body, "height", c.height());
    CodecJson.put(body, "cfg_scale", c.cfgScale());
    CodecJson.put(body, "steps", c.steps());
    CodecJson.put(body, "seed", c.seed());
    CodecJson.put(body, "samples", c.count());
    CodecJson.put(body, "style_preset", c.stylePreset());
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = CodecJson.read(body, family().name());
    JsonNode artifacts = root.get("artifacts");
    if (artifacts == null || !artifacts.isArray() || artifacts.isEmpty()) {
      throw new CodecException(
          "the "
              + family()
              + " answer has no artifacts: is the model id matched to the"
              + " right family?",
          null);
    }
    List<ContentBlock> images = new ArrayList<>();
    String raw = null;
    for (int i = 0; i < artifacts.size(); i++) {
      JsonNode a = artifacts.get(i);
      raw = CodecJson.textOrNull(a, "finishReason");
      if ("CONTENT_FILTERED".equals(raw)) {
        throw blocked(raw);
      }
      if ("ERROR".equals(raw)) {
        throw failed(raw);
      }
      byte[] bytes = imageBytes(a.get("base64"), "artifacts[" + i + "].base64");
      JsonNode seed = a.get("seed");
      images.add(new ImageBlock(bytes, mediaType(bytes), seedOf(seed)));
    }
    return GenerationResponse.builder()
        .content(images)
        .stopReason(StopReason.STOP, raw)
        .rawBody(utf8(body))
        .build();
  }

  @Override
  public String toString() {
    return "StabilitySdxlCodec[" + family() + "]";
  }
}
