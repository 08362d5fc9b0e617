package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Amazon Nova understanding models (Micro, Lite, Pro, Premier) through their native {@code
 * messages-v1} body on InvokeModel and InvokeModelWithResponseStream.
 *
 * <p>The request carries the system prompt as {@code system: [{"text": ...}]}, each message as
 * {@code {"role": "user"|"assistant", "content": [{"text": ...}, {"image": ...}]}} and the
 * parameters in {@code inferenceConfig} ({@code maxTokens}, {@code temperature}, {@code topP},
 * {@code topK}, {@code stopSequences}). Images are sent inline as base64 with their format ({@code
 * png}, {@code jpeg}, {@code gif}, {@code webp}); Nova Micro reads text only and refuses them.
 * Consecutive messages of one role are merged into one turn. The conversation must start with a
 * user turn; it may end with an assistant turn, which Nova continues (prefill).
 *
 * <p>The answer's text blocks are joined; usage comes from the body's {@code usage} (and, in a
 * stream, from the final metrics). Stop reasons: {@code end_turn}/{@code stop_sequence} are STOP,
 * {@code max_tokens} LENGTH, {@code content_filtered}/{@code guardrail_intervened} CONTENT_FILTER,
 * {@code tool_use} TOOL_USE.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class NovaCodec extends TextFamilyCodec {

  /** A Nova codec; stateless and thread-safe. */
  public NovaCodec() {
    super(
        BedrockFamilies.AMAZON_NOVA,
        StopReasonMap.create()
            .map(StopReason.STOP, "end_turn", "stop_sequence")
            .map(StopReason.LENGTH, "max_tokens")
            .map(StopReason.CONTENT_FILTER, "content_filtered", "guardrail_intervened")
            .map(StopReason.TOOL_USE, "tool_use"));
  }

  /**
   * maxTokens up to 5,000 for Micro, Lite and Pro (Nova user guide), 32,000 for Premier and 65,535
   * for later models; temperature and topP in [0, 1]; topK in [0, 128]; up to 4 stop sequences
   * (Nova documents no limit; 4 is unverified); no seed.
   */
  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(name())
        .maxTokens(1, maxTokens(modelId))
        .temperature(0.0, 1.0)
        .topP(0.0, 1.0)
        .topK(0, 128)
        .stopSequences(4)
        .build();
  }

  private static int maxTokens(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains("nova-micro") || id.contains("nova-lite-v1") || id.contains("nova-pro")) {
      return 5000;
    }
    if (id.contains("nova-premier")) {
      return 32000;
    }
    return 65535;
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    InferenceConfig config = config(request, modelId);
    if (modelId.toLowerCase(Locale.ROOT).contains("nova-micro")) {
      Turns.rejectImages(request, modelId, name());
    }
    List<Turns.Turn> turns = Conversations.turns(request, modelId, name());
    ObjectNode body = CodecJson.object();
    body.put("schemaVersion", "messages-v1");
    String system = Conversations.system(request);
    if (system != null) {
      body.putArray("system").addObject().put("text", system);
    }
    ArrayNode messages = body.putArray("messages");
    for (Turns.Turn turn : turns) {
      ObjectNode message = messages.addObject();
      message.put("role", turn.role() == Role.USER ? "user" : "assistant");
      ArrayNode content = message.putArray("content");
      for (ContentBlock block : turn.blocks()) {
        if (block instanceof TextBlock t) {
          content.addObject().put("text", t.text());
        } else if (block instanceof ImageBlock img) {
          ObjectNode image = content.addObject().putObject("image");
          image.put("format", imageFormat(img, modelId));
          image.putObject("source").put("bytes", Base64.getEncoder().encodeToString(img.bytes()));
        }
      }
    }
    ObjectNode inference = CodecJson.object();
    CodecJson.put(inference, "maxTokens", config.maxTokens());
    CodecJson.put(inference, "temperature", config.temperature());
    CodecJson.put(inference, "topP", config.topP());
    CodecJson.put(inference, "topK", config.topK());
    if (!config.stopSequences().isEmpty()) {
      inference.set("stopSequences", CodecJson.strings(config.stopSequences()));
    }
    if (!inference.isEmpty()) {
      body.set("inferenceConfig", inference);
    }
    return CodecJson.write(body, request);
  }

  private static String imageFormat(ImageBlock image, String modelId) {
    String format = image.format().toLowerCase(Locale.ROOT);
    switch (format) {
      case "png":
      case "jpeg":
      case "gif":
      case "webp":
        return format;
      case "jpg":
        return "jpeg";
      default:
        throw new InvalidRequestException(
            modelId
                + " reads png, jpeg, gif and webp images, but the request"
                + " has an image of type "
                + image.mediaType()
                + ": convert it to one of those");
    }
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = read(body);
    JsonNode content = CodecJson.require(root, "/output/message/content", name());
    if (!content.isArray()) {
      throw CodecJson.missing("/output/message/content[]", name());
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      JsonNode t = block.get("text");
      if (t != null && t.isTextual()) {
        text.append(t.asText());
      }
    }
    JsonNode usage = root.get("usage");
    return response(
        text.toString(),
        CodecJson.textOrNull(root, "stopReason"),
        new TokenUsage(
            CodecJson.intOr0(usage, "inputTokens"), CodecJson.intOr0(usage, "outputTokens")),
        body);
  }

  /**
   * Reads {@code contentBlockDelta.delta.text} (every block index, in order), the stop reason from
   * {@code messageStop} and the usage from {@code metadata.usage} or the final invocation metrics.
   */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(name(), stopReasons) {
      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        JsonNode delta = chunk.path("contentBlockDelta").path("delta").get("text");
        if (delta != null && delta.isTextual()) {
          text(delta.asText(), sink);
        }
        JsonNode stop = chunk.get("messageStop");
        if (stop != null) {
          stopReason(CodecJson.textOrNull(stop, "stopReason"));
        }
        JsonNode usage = chunk.path("metadata").get("usage");
        if (usage != null) {
          inputTokens(CodecJson.intOr0(usage, "inputTokens"));
          outputTokens(CodecJson.intOr0(usage, "outputTokens"));
        }
      }
    };
  }
}
