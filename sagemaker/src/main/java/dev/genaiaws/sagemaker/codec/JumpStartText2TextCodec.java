package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.sagemaker.SageMakerFormats;
import org.jspecify.annotations.NullUnmarked;

/**
 * The SageMaker JumpStart text2text format (Flan-T5 and similar encoder-decoder models): {@code
 * {"text_inputs": "<prompt>", "max_length": N, "top_k", "top_p", "temperature", "do_sample",
 * "seed"}} answered by {@code {"generated_texts": ["..."]}}. The prompt is rendered with {@link
 * ChatTemplate#PLAIN}.
 *
 * <p>Parameters: {@code maxTokens} → {@code max_length} (1 – 100,000), {@code temperature} (0 –
 * 100, 0 = greedy), {@code topP} (0 – 1), {@code topK} (1 – 100,000), {@code seed}; no stop
 * sequences. These containers report neither tokens nor a stop reason ({@code OTHER}), and do not
 * stream. {@code additionalModelFields} are merged last (e.g. {@code num_beams}).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class JumpStartText2TextCodec implements ModelCodec {
  private final ModelFamily family;

  private JumpStartText2TextCodec(ModelFamily family) {
    this.family = family;
  }

  /** A codec for {@link SageMakerFormats#JUMPSTART_TEXT2TEXT}. */
  public static JumpStartText2TextCodec create() {
    return new JumpStartText2TextCodec(SageMakerFormats.JUMPSTART_TEXT2TEXT);
  }

  @Override
  public ModelFamily family() {
    return family;
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(family.name())
        .maxTokens(1, 100_000)
        .temperature(0.0, 100.0)
        .topP(0.0, 1.0)
        .topK(1, 100_000)
        .seed(0, Long.MAX_VALUE)
        .build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    InferenceConfig c = request.inferenceConfig();
    ObjectNode body = CodecJson.object();
    body.put("text_inputs", ChatTemplate.PLAIN.render(request));
    CodecJson.put(body, "max_length", c.maxTokens());
    boolean sampling = false;
    if (c.temperature() != null && c.temperature() > 0) {
      body.put("temperature", c.temperature());
      sampling = true;
    }
    if (c.topP() != null) {
      if (c.topP() <= 0.0) {
        throw new InvalidRequestException(
            "topP must be in (0.0, 1.0] for " + modelId + " (" + family + ") but was " + c.topP());
      }
      body.put("top_p", c.topP());
      sampling = true;
    }
    if (c.topK() != null) {
      body.put("top_k", c.topK());
      sampling = true;
    }
    CodecJson.put(body, "seed", c.seed());
    if (sampling) {
      body.put("do_sample", true);
    }
    CodecJson.mergeAdditional(body, request.additionalModelFields());
    return CodecJson.bytes(body);
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = CodecJson.readAny(body, family.name());
    JsonNode texts = root.get("generated_texts");
    String text;
    if (texts != null && texts.isArray() && texts.size() > 0) {
      text = texts.get(0).asText();
    } else if (root.hasNonNull("generated_text")) {
      text = root.get("generated_text").asText();
    } else {
      throw new CodecException(
          "the "
              + family
              + " answer has no generated_texts (fields: "
              + TgiCodec.fieldNames(root)
              + ")",
          null);
    }
    return GenerationResponse.builder()
        .text(text)
        .stopReason(null, null)
        .rawBody(CodecJson.string(body))
        .build();
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    throw new UnsupportedOperationException(family + " does not stream");
  }

  @Override
  public boolean supportsStreaming() {
    return false;
  }

  @Override
  public String toString() {
    return "JumpStartText2TextCodec[" + family + "]";
  }
}
