package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.sagemaker.SageMakerFormats;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * The Hugging Face Text Generation Inference (TGI) request and answer, also spoken by DJL LMI
 * containers (the Hugging Face LLM and LMI deep-learning containers SageMaker JumpStart deploys).
 *
 * <p><b>Request.</b> {@code {"inputs": "<prompt>", "parameters": {...}, "stream": false}} where the
 * prompt is rendered by the codec's {@link ChatTemplate} ({@link ChatTemplate#PLAIN} unless you
 * pick one) and the parameters are:
 *
 * <table>
 *   <caption>neutral parameter to TGI parameter</caption>
 *   <tr><th>neutral</th><th>TGI</th><th>range</th></tr>
 *   <tr><td>maxTokens</td><td>max_new_tokens</td><td>1 – 1,000,000</td></tr>
 *   <tr><td>temperature</td><td>temperature</td><td>0 – 100; 0 means greedy decoding (sent as
 *       {@code do_sample: false} without a temperature, since TGI wants temperature &gt; 0)</td></tr>
 *   <tr><td>topP</td><td>top_p</td><td>(0, 1]; 1 means "no nucleus filtering" and is left out, since TGI
 *       wants top_p &lt; 1</td></tr>
 *   <tr><td>topK</td><td>top_k</td><td>1 – 100,000</td></tr>
 *   <tr><td>stopSequences</td><td>stop</td><td>at most 4 (TGI's default limit)</td></tr>
 *   <tr><td>seed</td><td>seed</td><td>0 – 2<sup>63</sup>-1</td></tr>
 * </table>
 *
 * {@code do_sample} is {@code true} when a sampling parameter is set; {@code return_full_text} is
 * always {@code false} and {@code details} always {@code true} (so the answer says why it stopped
 * and how many tokens it generated). {@code additionalModelFields} are merged last; a map under
 * {@code parameters} is merged into the parameters ({@code Map.of("parameters",
 * Map.of("repetition_penalty", 1.1))}).
 *
 * <p><b>Answer.</b> The list form {@code [{"generated_text": ...}]} and the object form {@code
 * {"generated_text": ..., "details": {"finish_reason", "generated_tokens", "prefill"}}} are both
 * read; a text that starts with the prompt (a container that ignored {@code return_full_text}) has
 * the prompt removed. Output tokens come from {@code details.generated_tokens}, input tokens from
 * {@code details.prefill} when the container sends it (ask with {@code Map.of("parameters",
 * Map.of("decoder_input_details", true))}), else they are 0: TGI does not report prompt tokens
 * otherwise.
 *
 * <p><b>Stream.</b> With {@code "stream": true} (sent by {@link #encodeForStream} for response
 * streams) the container writes server-sent {@code data:} lines, cut into payload parts anywhere;
 * the stream decoder buffers bytes, splits on {@code \n}, skips special tokens and {@code [DONE]},
 * reads LMI JSON lines too, and turns the final event's {@code details} into {@code Completed} (see
 * {@code docs/providers/sagemaker.md}).
 *
 * <p>Immutable and thread-safe; {@code with*} methods return a copy.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TgiCodec implements ModelCodec {
  /** The longest stream line the decoder buffers unless told otherwise: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

  private final ModelFamily family;
  private final ChatTemplate template;
  private final int maxLineBytes;

  private TgiCodec(ModelFamily family, ChatTemplate template) {
    this(family, template, DEFAULT_MAX_LINE_BYTES);
  }

  private TgiCodec(ModelFamily family, ChatTemplate template, int maxLineBytes) {
    this.family = Checks.notNull(family, "family");
    this.template = Checks.notNull(template, "template");
    this.maxLineBytes = maxLineBytes;
  }

  /** A codec for {@link SageMakerFormats#TGI} with the {@link ChatTemplate#PLAIN} template. */
  public static TgiCodec create() {
    return new TgiCodec(SageMakerFormats.TGI, ChatTemplate.PLAIN);
  }

  /** A codec for {@link SageMakerFormats#LMI} (DJL LMI: same request, object answer). */
  public static TgiCodec lmi() {
    return new TgiCodec(SageMakerFormats.LMI, ChatTemplate.PLAIN);
  }

  /** The same codec rendering prompts with another chat template. */
  public TgiCodec withTemplate(ChatTemplate template) {
    return new TgiCodec(family, template, maxLineBytes);
  }

  /** The same codec registered under another family name (e.g. one per template you use). */
  public TgiCodec withFamily(ModelFamily family) {
    return new TgiCodec(family, template, maxLineBytes);
  }

  /**
   * The same codec with another bound on one stream line (one server-sent event or LMI JSON line).
   * The stream decoder buffers a line until its {@code \n}; a longer line fails the stream with a
   * {@link dev.genaiaws.core.exception.CodecException} instead of growing the buffer without end.
   *
   * @param maxLineBytes at least 1 KiB ({@value #DEFAULT_MAX_LINE_BYTES} by default)
   */
  public TgiCodec withMaxLineBytes(int maxLineBytes) {
    if (maxLineBytes < 1024) {
      throw new InvalidRequestException("maxLineBytes must be >= 1024 but was " + maxLineBytes);
    }
    return new TgiCodec(family, template, maxLineBytes);
  }

  /** The longest stream line the decoder buffers. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** The template prompts are rendered with. */
  public ChatTemplate template() {
    return template;
  }

  @Override
  public ModelFamily family() {
    return family;
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(family.name())
        .maxTokens(1, 1_000_000)
        .temperature(0.0, 100.0)
        .topP(0.0, 1.0)
        .topK(1, 100_000)
        .stopSequences(4)
        .seed(0, Long.MAX_VALUE)
        .build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    return encode(request, modelId, false);
  }

  /** The same body with {@code "stream": true}, for InvokeEndpointWithResponseStream. */
  @Override
  public byte[] encodeForStream(GenerationRequest request, String modelId) {
    return encode(request, modelId, true);
  }

  private byte[] encode(GenerationRequest request, String modelId, boolean stream) {
    ObjectNode body = CodecJson.object();
    body.put("inputs", template.render(request));
    body.set("parameters", parameters(request.inferenceConfig(), modelId));
    body.put("stream", stream);
    CodecJson.mergeAdditional(body, request.additionalModelFields());
    return CodecJson.bytes(body);
  }

  private ObjectNode parameters(InferenceConfig c, String modelId) {
    ObjectNode p = CodecJson.object();
    CodecJson.put(p, "max_new_tokens", c.maxTokens());
    boolean greedy = c.temperature() != null && c.temperature() == 0.0;
    boolean sampling = false;
    if (!greedy) {
      if (c.temperature() != null) {
        p.put("temperature", c.temperature());
        sampling = true;
      }
      if (c.topP() != null) {
        if (c.topP() <= 0.0) {
          throw new InvalidRequestException(
              "topP must be in (0.0, 1.0] for "
                  + modelId
                  + " ("
                  + family
                  + ") but was "
                  + c.topP());
        }
        if (c.topP() < 1.0) {
          p.put("top_p", c.topP());
          sampling = true;
        }
      }
      if (c.topK() != null) {
        p.put("top_k", c.topK());
        sampling = true;
      }
    }
    if (!c.stopSequences().isEmpty()) {
      ArrayNode stop = p.putArray("stop");
      c.stopSequences().forEach(stop::add);
    }
    CodecJson.put(p, "seed", c.seed());
    p.put("do_sample", sampling);
    p.put("return_full_text", false);
    p.put("details", true);
    return p;
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    return read(body, null);
  }

  /**
   * Reads the answer; a text starting with the prompt this request renders to has the prompt
   * removed.
   */
  @Override
  public GenerationResponse decode(byte[] body, GenerationRequest request) {
    String prompt;
    try {
      prompt = request == null ? null : template.render(request);
    } catch (RuntimeException e) {
      prompt = null;
    }
    return read(body, prompt);
  }

  private GenerationResponse read(byte[] body, @Nullable String prompt) {
    JsonNode root = CodecJson.readAny(body, family.name());
    JsonNode answer = root.isArray() ? root.path(0) : root;
    JsonNode generated = answer.get("generated_text");
    if (generated == null || !generated.isTextual()) {
      throw new CodecException(
          "the " + family + " answer has no generated_text (fields: " + fieldNames(answer) + ")",
          null);
    }
    String text = stripPrompt(generated.asText(), prompt);
    JsonNode details = answer.get("details");
    String raw = null;
    TokenUsage usage = TokenUsage.none();
    if (details != null && details.isObject()) {
      raw = CodecJson.textOrNull(details, "finish_reason");
      int input = details.path("prefill").isArray() ? details.get("prefill").size() : 0;
      usage = TokenUsage.of(input, CodecJson.count(details, "generated_tokens", 0));
    }
    return GenerationResponse.builder()
        .text(text)
        .stopReason(StopReasons.of(raw), raw)
        .usage(usage)
        .rawBody(CodecJson.string(body))
        .build();
  }

  static String fieldNames(JsonNode node) {
    if (node == null || !node.isObject()) {
      return node == null
          ? "none"
          : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }

  /** Removes the prompt when a container echoed it (return_full_text ignored or overridden). */
  static String stripPrompt(String text, String prompt) {
    if (prompt != null && !prompt.isEmpty() && text.startsWith(prompt)) {
      return text.substring(prompt.length());
    }
    return text;
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new TgiStreamDecoder(family.name(), maxLineBytes);
  }

  @Override
  public String toString() {
    return "TgiCodec[" + family + ", " + template + "]";
  }
}
