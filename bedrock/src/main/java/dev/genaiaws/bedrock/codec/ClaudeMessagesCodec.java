package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.DocumentBlock;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.JsonBlock;
import dev.genaiaws.core.ReasoningBlock;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.ToolChoice;
import dev.genaiaws.core.ToolConfig;
import dev.genaiaws.core.ToolResultBlock;
import dev.genaiaws.core.ToolSpec;
import dev.genaiaws.core.ToolUseBlock;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.StreamedBlocks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Anthropic Claude through the Messages API ({@code anthropic_version: bedrock-2023-05-31}): Claude
 * 3, 3.5, 3.7, 4 and later, and Claude Instant / v2 when called with messages.
 *
 * <p>What it writes:
 *
 * <ul>
 *   <li>{@code system} as a string; the conversation as {@code messages} with content blocks.
 *       Consecutive messages of one role are merged into one turn (Claude requires strict
 *       user/assistant alternation); the first message must be a user message. A final assistant
 *       message "prefills" the answer.
 *   <li>Images as base64 {@code image} blocks ({@code image/jpeg}, {@code image/png}, {@code
 *       image/gif}, {@code image/webp}); refused for Claude Instant and Claude v2, which read text
 *       only.
 *   <li>{@code max_tokens} is required by Claude: when you leave {@code maxTokens} unset this codec
 *       sends {@value #DEFAULT_MAX_TOKENS} (or the model's limit, if lower). Bedrock reserves
 *       {@code max_tokens} against your tokens-per-minute quota, so set it to what you need.
 *   <li>{@code temperature} [0, 1], {@code top_p} [0, 1], {@code top_k} [0, 500], {@code
 *       stop_sequences}; no seed.
 * </ul>
 *
 * <p>Tools and reasoning, in Claude's own blocks: tool specs as {@code tools} ({@code
 * input_schema}, {@code strict}), the tool choice as {@code tool_choice}, tool calls as {@code
 * tool_use} and results as {@code tool_result} ({@code is_error}; JSON results as their text),
 * reasoning as {@code thinking} with its {@code signature} or {@code redacted_thinking}, and {@code
 * Reasoning.budget(n)} as {@code thinking.budget_tokens}. Streams assemble {@code input_json_delta}
 * fragments into one {@code ToolCall} and keep {@code signature_delta}s on their block. Documents,
 * cache points, citations, reasoning effort and response formats are not written by this codec:
 * such requests go through Converse.
 *
 * <p>Stop reasons: {@code end_turn}, {@code stop_sequence} → STOP; {@code max_tokens} → LENGTH;
 * {@code refusal} → CONTENT_FILTER; {@code tool_use} → TOOL_USE; {@code
 * model_context_window_exceeded} → CONTEXT_WINDOW_EXCEEDED.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ClaudeMessagesCodec implements ModelCodec {
  /** The codec; one instance serves every call. */
  public ClaudeMessagesCodec() {}

  /** The {@code anthropic_version} Bedrock requires. */
  public static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

  /**
   * {@code max_tokens} sent when the request leaves {@code maxTokens} unset (capped at the model's
   * limit).
   */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  private static final String FAMILY = BedrockFamilies.ANTHROPIC_CLAUDE_MESSAGES.name();
  private static final Set<String> MEDIA_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
  static final StopReasonMap STOP_REASONS =
      StopReasonMap.create()
          .map(StopReason.STOP, "end_turn", "stop_sequence")
          .map(StopReason.LENGTH, "max_tokens")
          .map(StopReason.CONTENT_FILTER, "refusal")
          .map(StopReason.TOOL_USE, "tool_use")
          .map(StopReason.CONTEXT_WINDOW_EXCEEDED, "model_context_window_exceeded");

  @Override
  public ModelFamily family() {
    return BedrockFamilies.ANTHROPIC_CLAUDE_MESSAGES;
  }

  /**
   * The most output tokens a model may be asked for. Models newer than this table get a generous
   * limit; the service checks the exact one.
   */
  static int maxOutputTokens(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains("claude-instant") || id.contains("claude-v2")) {
      return 4096;
    }
    if (id.contains("claude-3-5")) {
      return 8192;
    }
    if (id.contains("claude-3-7")) {
      return 64000;
    }
    if (id.contains("claude-3-")) {
      return 4096;
    }
    if (id.contains("claude-opus-4")) {
      return 32000;
    }
    return 128000;
  }

  private static boolean textOnly(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    return id.contains("claude-instant") || id.contains("claude-v2");
  }

  @Override
  public ParameterSupport parameters(String modelId) {
    return ParameterSupport.builder(FAMILY)
        .maxTokens(1, maxOutputTokens(modelId))
        .temperature(0, 1)
        .topP(0, 1)
        .topK(0, 500)
        .stopSequences(8191)
        .build();
  }

  /**
   * Text, images, tools, tool results (text, JSON, images) and signed or redacted reasoning with a
   * budget.
   */
  @Override
  public boolean canExpress(GenerationRequest request) {
    if (request.responseFormat() != null
        || request.systemCachePoint() != null
        || (request.reasoning() != null && request.reasoning().effort() != null)
        || (request.toolConfig() != null && request.toolConfig().cachePoint() != null)) {
      return false;
    }
    for (dev.genaiaws.core.Message m : request.messages()) {
      for (ContentBlock b : m.content()) {
        if (b instanceof ToolResultBlock r) {
          if (r.content().stream().anyMatch(c -> c instanceof DocumentBlock)) {
            return false;
          }
        } else if (!(b instanceof TextBlock
            || b instanceof ImageBlock
            || b instanceof ToolUseBlock
            || b instanceof ReasoningBlock)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public byte[] encode(GenerationRequest request, String modelId) {
    if (textOnly(modelId)) {
      Turns.rejectImages(request, modelId, FAMILY);
    }
    List<Turns.Turn> turns = Turns.merge(request.messages());
    Turns.requireUserFirst(turns, modelId, FAMILY);
    InferenceConfig c = request.inferenceConfig();
    ObjectNode body = CodecJson.object();
    body.put("anthropic_version", ANTHROPIC_VERSION);
    body.put(
        "max_tokens",
        c.maxTokens() != null
            ? c.maxTokens()
            : Math.min(DEFAULT_MAX_TOKENS, maxOutputTokens(modelId)));
    if (request.system() != null && !request.system().isBlank()) {
      body.put("system", request.system());
    }
    ArrayNode messages = body.putArray("messages");
    for (Turns.Turn turn : turns) {
      ObjectNode m = messages.addObject();
      m.put("role", turn.role().name().toLowerCase(Locale.ROOT));
      ArrayNode content = m.putArray("content");
      for (ContentBlock block : turn.blocks()) {
        content.add(block(block, modelId));
      }
    }
    if (request.toolConfig() != null) {
      tools(body, request.toolConfig());
    }
    if (request.reasoning() != null && request.reasoning().budgetTokens() != null) {
      body.putObject("thinking")
          .put("type", "enabled")
          .put("budget_tokens", request.reasoning().budgetTokens());
    }
    CodecJson.put(body, "temperature", c.temperature());
    CodecJson.put(body, "top_p", c.topP());
    CodecJson.put(body, "top_k", c.topK());
    if (!c.stopSequences().isEmpty()) {
      body.set("stop_sequences", CodecJson.strings(c.stopSequences()));
    }
    return CodecJson.write(body, request);
  }

  private static ObjectNode block(ContentBlock block, String modelId) {
    ObjectNode b = CodecJson.object();
    if (block instanceof TextBlock t) {
      return b.put("type", "text").put("text", t.text());
    }
    if (block instanceof ImageBlock img) {
      return image(img, modelId);
    }
    if (block instanceof ToolUseBlock u) {
      b.put("type", "tool_use").put("id", u.id()).put("name", u.name());
      b.set("input", CodecJson.tree(u.input()));
      return b;
    }
    if (block instanceof ToolResultBlock r) {
      b.put("type", "tool_result").put("tool_use_id", r.toolUseId());
      if (r.content().size() == 1 && r.content().get(0) instanceof TextBlock t) {
        b.put("content", t.text());
      } else {
        ArrayNode parts = b.putArray("content");
        for (ContentBlock c : r.content()) {
          if (c instanceof TextBlock t) {
            parts.addObject().put("type", "text").put("text", t.text());
          } else if (c instanceof JsonBlock j) {
            parts.addObject().put("type", "text").put("text", j.json().toJson());
          } else if (c instanceof ImageBlock img) {
            parts.add(image(img, modelId));
          }
        }
      }
      b.put("is_error", r.error());
      return b;
    }
    if (block instanceof ReasoningBlock r) {
      if (r.isRedacted()) {
        return b.put("type", "redacted_thinking")
            .put("data", new String(r.redacted(), StandardCharsets.UTF_8));
      }
      b.put("type", "thinking").put("thinking", r.text());
      if (r.signature() != null) {
        b.put("signature", r.signature());
      }
      return b;
    }
    throw new InvalidRequestException(
        "the Claude Messages API of InvokeModel cannot carry a "
            + block.getClass().getSimpleName()
            + " (model "
            + modelId
            + "): send the request through Converse");
  }

  private static void tools(ObjectNode body, ToolConfig config) {
    if (config.choice().mode() == ToolChoice.Mode.NONE) {
      body.putObject("tool_choice").put("type", "none");
    } else if (config.choice().mode() != ToolChoice.Mode.AUTO) {
      ObjectNode choice = body.putObject("tool_choice");
      choice.put("type", config.choice().mode() == ToolChoice.Mode.ANY ? "any" : "tool");
      if (config.choice().mode() == ToolChoice.Mode.TOOL) {
        choice.put("name", config.choice().toolName());
      }
    }
    ArrayNode tools = body.putArray("tools");
    for (ToolSpec t : config.tools()) {
      ObjectNode tool = tools.addObject().put("name", t.name());
      if (t.description() != null) {
        tool.put("description", t.description());
      }
      tool.set("input_schema", CodecJson.tree(t.inputSchema()));
      if (t.strict()) {
        tool.put("strict", true);
      }
    }
  }

  private static ObjectNode image(ImageBlock img, String modelId) {
    String type = img.mediaType().toLowerCase(Locale.ROOT);
    if (!MEDIA_TYPES.contains(type)) {
      throw new InvalidRequestException(
          "image mediaType must be one of "
              + List.copyOf(new java.util.TreeSet<>(MEDIA_TYPES))
              + " for "
              + modelId
              + " but was "
              + img.mediaType());
    }
    ObjectNode block = CodecJson.object();
    block.put("type", "image");
    ObjectNode source = block.putObject("source");
    source.put("type", "base64");
    source.put("media_type", type);
    source.put("data", Base64.getEncoder().encodeToString(img.bytes()));
    return block;
  }

  @Override
  public GenerationResponse decode(byte[] body) {
    JsonNode root = CodecJson.read(body, FAMILY);
    List<ContentBlock> content = new ArrayList<>();
    for (JsonNode block : root.path("content")) {
      switch (block.path("type").asText()) {
        case "text" -> content.add(new TextBlock(block.path("text").asText("")));
        case "tool_use" ->
            content.add(
                new ToolUseBlock(
                    block.path("id").asText(),
                    block.path("name").asText(),
                    CodecJson.value(block.get("input"))));
        case "thinking" ->
            content.add(
                ReasoningBlock.of(
                    block.path("thinking").asText(""), CodecJson.textOrNull(block, "signature")));
        case "redacted_thinking" ->
            content.add(
                ReasoningBlock.redacted(
                    block.path("data").asText("").getBytes(StandardCharsets.UTF_8)));
        default -> {
          // server tool results and other block types this SDK does not model yet
        }
      }
    }
    String raw = CodecJson.textOrNull(root, "stop_reason");
    JsonNode usage = root.path("usage");
    return GenerationResponse.builder()
        .content(content)
        .stopReason(STOP_REASONS.apply(raw), raw)
        .usage(
            new TokenUsage(
                CodecJson.intOr0(usage, "input_tokens"), CodecJson.intOr0(usage, "output_tokens")))
        .rawBody(new String(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new JsonChunkDecoder(FAMILY, STOP_REASONS) {
      private final StreamedBlocks blocks = new StreamedBlocks(FAMILY);

      @Override
      protected void onChunk(JsonNode chunk, Consumer<GenerationEvent> sink) {
        switch (chunk.path("type").asText()) {
          case "message_start" -> {
            JsonNode usage = chunk.path("message").path("usage");
            inputTokens(CodecJson.intOr0(usage, "input_tokens"));
            outputTokens(CodecJson.intOr0(usage, "output_tokens"));
          }
          case "content_block_start" -> {
            JsonNode block = chunk.path("content_block");
            int index = chunk.path("index").asInt();
            switch (block.path("type").asText()) {
              case "tool_use" ->
                  blocks.startToolUse(
                      index, block.path("id").asText(), block.path("name").asText());
              case "thinking" ->
                  blocks.reasoning(index, block.path("thinking").asText(""), null, sink);
              case "redacted_thinking" ->
                  blocks.redacted(
                      index, block.path("data").asText("").getBytes(StandardCharsets.UTF_8), sink);
              case "text" -> {
                String t = block.path("text").asText("");
                blocks.text(index, t);
                text(t, sink);
              }
              default -> {
                // server tool calls and their results run at the provider: not the caller's to
                // answer
              }
            }
          }
          case "content_block_delta" -> {
            JsonNode delta = chunk.path("delta");
            int index = chunk.path("index").asInt();
            switch (delta.path("type").asText()) {
              case "text_delta" -> {
                blocks.text(index, delta.path("text").asText(""));
                text(delta.path("text").asText(""), sink);
              }
              case "input_json_delta" ->
                  blocks.toolInput(index, delta.path("partial_json").asText(""));
              case "thinking_delta" ->
                  blocks.reasoning(index, delta.path("thinking").asText(""), null, sink);
              case "signature_delta" ->
                  blocks.reasoning(index, null, delta.path("signature").asText(""), sink);
              default -> {
                // citations_delta and others: not modelled on this API
              }
            }
          }
          case "content_block_stop" -> blocks.stop(chunk.path("index").asInt(), sink);
          case "message_delta" -> {
            stopReason(CodecJson.textOrNull(chunk.path("delta"), "stop_reason"));
            outputTokens(CodecJson.intOr0(chunk.path("usage"), "output_tokens"));
          }
          default -> {
            // message_stop (carries the metrics), ping: nothing to read
          }
        }
      }

      @Override
      protected List<ContentBlock> content() {
        return blocks.content();
      }
    };
  }

  @Override
  public String toString() {
    return "ClaudeMessagesCodec[" + FAMILY + "]";
  }
}
