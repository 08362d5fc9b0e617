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

/**
 * Stability AI SD3 Large ({@code stability.sd3-large-v1:0}), SD3.5 Large ({@code
 * stability.sd3-5-large-v1:0}), Stable Image Core ({@code stability.stable-image-core-v1:0|v1:1})
 * and Ultra ({@code stability.stable-image-ultra-v1:0|v1:1}): a {@code prompt} and an aspect ratio,
 * one image per call.
 *
 * <table>
 *   <caption>ImageConfig on SD3-style models</caption>
 *   <tr><th>field</th><th>body</th><th>allowed</th></tr>
 *   <tr><td>aspectRatio</td><td>aspect_ratio</td><td>one of {@link #ASPECT_RATIOS} (default 1:1)</td></tr>
 *   <tr><td>negativePrompt</td><td>negative_prompt</td><td>up to 10,000 characters</td></tr>
 *   <tr><td>outputFormat</td><td>output_format</td><td>png (default), jpeg or webp</td></tr>
 *   <tr><td>seed</td><td>seed</td><td>0 to 4,294,967,294 (0 = random)</td></tr>
 *   <tr><td>count</td><td>-</td><td>1</td></tr>
 * </table>
 *
 * <p>Width and height are refused with a hint to use aspectRatio (these models pick the pixel size
 * from the ratio); steps, cfgScale, stylePreset and quality are refused too. SD3 and SD3.5 also get
 * {@code mode: text-to-image}. The answer's {@code images[]} become {@link ImageBlock}s with the
 * media type of their bytes and the seed from {@code seeds[]}; a {@code finish_reasons[i]} of
 * {@code "Filter reason: ..."} fails the call with a {@link
 * dev.genaiaws.core.exception.ContentBlockedException} holding that reason, any other non-null one
 * (e.g. {@code "Inference error"}) with a {@link dev.genaiaws.core.exception.ModelErrorException}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class StabilitySd3Codec extends ImageCodecSupport {
  /** The aspect ratios these models take. */
  public static final List<String> ASPECT_RATIOS =
      List.of("16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21");

  /** The output formats these models write. */
  public static final List<String> OUTPUT_FORMATS = List.of("jpeg", "png", "webp");

  /** The longest prompt and negative prompt, in characters. */
  public static final int MAX_PROMPT_CHARS = 10_000;

  /** The greatest seed. */
  public static final long MAX_SEED = 4_294_967_294L;

  public StabilitySd3Codec() {
    super(BedrockFamilies.STABILITY_SD3);
  }

  /** SD3 and SD3.5 take a {@code mode}; Stable Image Core and Ultra do not document one. */
  static boolean takesMode(String modelId) {
    return modelId != null && modelId.toLowerCase(Locale.ROOT).startsWith("stability.sd3");
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    String prompt = prompt(request, modelId, MAX_PROMPT_CHARS);
    ImageConfig c = config(request);
    if (c.width() != null || c.height() != null) {
      throw new InvalidRequestException(
          "imageConfig.width and height are not supported by "
              + modelId
              + " (it picks the size from the aspect ratio) but were "
              + c.width()
              + "x"
              + c.height()
              + "; set aspectRatio to one of "
              + ASPECT_RATIOS
              + " instead");
    }
    unsupported("steps", c.steps(), modelId, null);
    unsupported("cfgScale", c.cfgScale(), modelId, null);
    unsupported("stylePreset", c.stylePreset(), modelId, null);
    unsupported("quality", c.quality(), modelId, null);
    range("count", c.count(), 1, 1, modelId);
    oneOf("aspectRatio", c.aspectRatio(), ASPECT_RATIOS, modelId);
    String format = c.outputFormat() == null ? null : c.outputFormat().toLowerCase(Locale.ROOT);
    if ("jpg".equals(format)) {
      format = "jpeg";
    }
    oneOf("outputFormat", format, OUTPUT_FORMATS, modelId);
    range("seed", c.seed(), 0, MAX_SEED, modelId);
    checkLength("imageConfig.negativePrompt", c.negativePrompt(), modelId, MAX_PROMPT_CHARS);

    ObjectNode body = CodecJson.object().put("prompt", prompt);
    if (takesMode(modelId)) {
      body.put("mode", "text-to-image");
    }
    CodecJson.put(body, "aspect_ratio", c.aspectRatio());
    if (c.negativePrompt() != null && !c.negativePrompt().isBlank()) {
      body.put("negative_prompt", c.negativePrompt());
    }
    CodecJson.put(body, "output_format", format);
    CodecJson.put(body, "seed", c.seed());
    return CodecJson.write(body, request);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = CodecJson.read(body, family().name());
    JsonNode reasons = root.path("finish_reasons");
    for (JsonNode r : reasons) {
      if (!r.isNull()) {
        String reason = r.asText();
        if (reason.toLowerCase(Locale.ROOT).startsWith("filter reason")) {
          throw blocked(reason);
        }
        throw failed(reason);
      }
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
    JsonNode seeds = root.path("seeds");
    List<ContentBlock> blocks = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      byte[] bytes = imageBytes(images.get(i), "images[" + i + "]");
      JsonNode seed = seeds.get(i);
      blocks.add(new ImageBlock(bytes, mediaType(bytes), seedOf(seed)));
    }
    return GenerationResponse.builder()
        .content(blocks)
        .stopReason(StopReason.STOP, null)
        .rawBody(utf8(body))
        .build();
  }

  @Override
  public String toString() {
    return "StabilitySd3Codec[" + family() + "]";
  }
}
