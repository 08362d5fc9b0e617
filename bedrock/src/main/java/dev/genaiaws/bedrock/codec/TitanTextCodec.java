package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * Amazon Titan Text G1 (Lite, Express, Premier, and the legacy {@code amazon.titan-tg1-large}).
 *
 * <p>Titan takes one prompt string, so this codec renders the conversation in Titan's chat
 * convention: the system prompt (if any) on its own paragraph, then {@code User: ...} and {@code
 * Bot: ...} lines, ending with {@code Bot:} so that the model answers:
 *
 * <pre>
 * You are terse.
 *
 * User: Name a fruit.
 * Bot: Apple.
 * User: Another one.
 * Bot:</pre>
 *
 * <p>Parameters: {@code maxTokens} up to 4096 (Lite), 8192 (Express) or 3072 (Premier); {@code
 * temperature} and {@code topP} in [0, 1]; at most one stop sequence, and Bedrock accepts only a
 * run of {@code |} or {@code User:}; no {@code topK}, no {@code seed}. Text only.
 *
 * <p>Stop reasons: {@code FINISH}, {@code STOP_CRITERIA_MET} → STOP; {@code LENGTH} → LENGTH;
 * {@code CONTENT_FILTERED} → CONTENT_FILTER. A guardrail that blocked the input (the answer carries
 * {@code amazon-bedrock-guardrailAction: INTERVENED} and no completion reason) also maps to
 * CONTENT_FILTER, with the raw reason {@code INTERVENED}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TitanTextCodec implements ModelCodec {
  /** The codec; one instance serves every call. */
  public TitanTextCodec() {}

  private static final String FAMILY = BedrockFamilies.AMAZON_TITAN_TEXT.name();
  private static final Pattern STOP_PATTERN = Pattern.compile("^(\\|+|User:)$");
  private static final String GUARDRAIL_ACTION = "amazon-bedrock-guardrailAction";
  static final StopReasonMap STOP_REASONS =
      StopReasonMap.create()
          .map(StopReason.STOP, "FINISH", "STOP_CRITERIA_MET")
          .map(StopReason.LENGTH, "LENGTH")
          .map(StopReason.CONTENT_FILTER, "CONTENT_FILTERED", "INTERVENED");

  @Override
  public ModelFamily family() {
    return BedrockFamilies.AMAZON_TITAN_TEXT;
  }

  /**
   * The largest {@code maxTokenCount} of a Titan model: Lite 4096, Premier 3072, Express (and
   * others) 8192.
   */
  static int maxTokenCount(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains("titan-text-lite")) {
      return 4096;
    }
    if (id.contains("titan-text-premier")) {
      return 3072;
    }
    return 8192;
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(FAMILY)
        .maxTokens(1, maxTokenCount(modelId))
        .temperature(0, 1)
        .topP(0, 1)
        .stopSequences(1)
        .build();
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    Turns.rejectImages(request, modelId, FAMILY);
    InferenceConfig c = request.inferenceConfig();
    for (int i = 0; i < c.stopSequences().size(); i++) {
      String stop = c.stopSequences().get(i);
      if (!STOP_PATTERN.matcher(stop).matches()) {
        throw new InvalidRequestException(
            "stopSequences["
                + i
                + "] must be a run of '|' or exactly 'User:' for "
                + modelId
                + " (Bedrock accepts only ^(\\|+|User:)$ for Titan) but was '"
                + stop
                + "'");
      }
    }
    ObjectNode body = CodecJson.object();
    body.put("inputText", prompt(request));
    ObjectNode config = CodecJson.object();
    CodecJson.put(config, "maxTokenCount", c.maxTokens());
    CodecJson.put(config, "temperature", c.temperature());
    CodecJson.put(config, "topP", c.topP());
    if (!c.stopSequences().isEmpty()) {
      config.set("stopSequences", CodecJson.strings(c.stopSequences()));
    }
    if (!config.isEmpty()) {
      body.set("textGenerationConfig", config);
    }
    return CodecJson.write(body, request);
  }

  /** The rendered {@code User:/Bot:} prompt. */
  static String prompt(GenerationRequest request) {
    StringBuilder sb = new StringBuilder();
    if (request.system() != null && !request.system().isBlank()) {
      sb.append(request.system()).append("\n\n");
    }
    List<Turns.Turn> turns = Turns.merge(request.messages());
    for (int i = 0; i < turns.size(); i++) {
      Turns.Turn t = turns.get(i);
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(t.role() == Role.USER ? "User: " : "Bot: ").append(t.text());
    }
    if (turns.get(turns.size() - 1).role() == Role.USER) {
      sb.append("\nBot:");
    }
    return sb.toString();
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = CodecJson.read(body, FAMILY);
    JsonNode first = root.path("results").path(0);
    String raw = CodecJson.textOrNull(first, "completionReason");
    if (raw == null && "INTERVENED".equals(CodecJson.textOrNull(root, GUARDRAIL_ACTION))) {
      raw = "INTERVENED";
    }
    return GenerationResponse.builder()
        .text(first.path("outputText").asText(""))
        .stopReason(STOP_REASONS.apply(raw), raw)
        .usage(
            new TokenUsage(
                CodecJson.intOr0(root, "inputTextTokenCount"),
                CodecJson.intOr0(first, "tokenCount")))
        .rawBody(new String(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(FAMILY, STOP_REASONS) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        text(CodecJson.textOrNull(chunk, "outputText"), sink);
        inputTokens(CodecJson.intOr0(chunk, "inputTextTokenCount"));
        outputTokens(CodecJson.intOr0(chunk, "totalOutputTextTokenCount"));
        if ("INTERVENED".equals(CodecJson.textOrNull(chunk, GUARDRAIL_ACTION))) {
          stopReason("INTERVENED");
        }
        stopReason(CodecJson.textOrNull(chunk, "completionReason"));
      }
    };
  }

  @Override
  public String toString() {
    return "TitanTextCodec[" + FAMILY + "]";
  }
}
