package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * The Converse request checks beyond field ranges: content blocks per role, tools and tool results,
 * reasoning replay, cache points, documents and stream-only fields. Each check returns the
 * ValidationException message as Bedrock words it, or {@code null}.
 *
 * <p>Where Bedrock passes a Claude model's own error through it prefixes "The model returned the
 * following errors: " (SOURCE: langchain-ai/langchain-aws#844, NousResearch/hermes-agent#63983,
 * can1357/oh-my-pi#10486: real ValidationException messages from Converse/ConverseStream). Messages
 * marked "emulator wording" were not found in captured traffic; they name the problem the way
 * Bedrock's other messages do.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class ConverseRules {
  static final String MODEL_ERRORS = "The model returned the following errors: ";
  private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
  private static final Set<String> USER_BLOCKS =
      Set.of(
          "text",
          "image",
          "document",
          "video",
          "audio",
          "toolResult",
          "guardContent",
          "cachePoint",
          "searchResult");
  private static final Set<String> ASSISTANT_BLOCKS =
      Set.of("text", "toolUse", "reasoningContent", "cachePoint", "citationsContent", "image");
  private static final Set<String> TTLS = Set.of("5m", "1h");

  private ConverseRules() {}

  /** All checks in the order Bedrock applies them; the first failure wins. */
  static String check(JsonNode body, String modelId, boolean streaming) {
    String problem = streamOnly(body, streaming);
    if (problem == null) {
      problem = blocks(body.path("messages"), body.path("system"));
    }
    if (problem == null) {
      problem = tools(body, modelId, streaming);
    }
    if (problem == null) {
      problem = toolPairs(body.path("messages"));
    }
    if (problem == null) {
      problem = reasoning(body, modelId);
    }
    if (problem == null) {
      problem = cachePoints(body);
    }
    if (problem == null) {
      problem = Guardrails.checkConfig(body.get("guardrailConfig"));
    }
    if (problem == null) {
      problem = outputConfig(body);
    }
    return problem;
  }

  /**
   * {@code guardrailConfig.streamProcessingMode} exists only on ConverseStream's
   * GuardrailStreamConfiguration (SDK 2.57.8 model: GuardrailConfiguration has no such member).
   * Emulator wording.
   */
  static String streamOnly(JsonNode body, boolean streaming) {
    if (!streaming && body.path("guardrailConfig").has("streamProcessingMode")) {
      return "The guardrailConfig.streamProcessingMode field is only supported by ConverseStream. Remove "
          + "streamProcessingMode from guardrailConfig and try again.";
    }
    return null;
  }

  static String blocks(JsonNode messages, JsonNode system) {
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      boolean user = "user".equals(m.path("role").asText());
      JsonNode content = m.path("content");
      boolean hasText = false;
      int documents = 0;
      int images = 0;
      for (int j = 0; j < content.size(); j++) {
        JsonNode block = content.get(j);
        String kind = block.fieldNames().hasNext() ? block.fieldNames().next() : "";
        if (!(user ? USER_BLOCKS : ASSISTANT_BLOCKS).contains(kind)) {
          // Emulator wording; the rule itself is in the API reference (Message.content: "You can
          // only
          // include images and documents if the role is user").
          return "The "
              + kind
              + " content block at messages."
              + i
              + ".content."
              + j
              + " isn't supported in a "
              + m.path("role").asText()
              + " message. Try again with a supported content block.";
        }
        if (kind.equals("text")) {
          String text = block.path("text").asText("");
          // A whitespace-only block beside other content was accepted in a real capture
          // (pydantic-ai's
          // test_bedrock_cache_write_and_read sends "\n" between a document and a cache point); an
          // empty
          // block, or a message with nothing but blank text, is refused.
          if (text.isEmpty() || (text.isBlank() && !hasOtherContent(content, j))) {
            // Bedrock's wording for a blank text block (widely reported by Converse users).
            return "The text field in the ContentBlock object at messages."
                + i
                + ".content."
                + j
                + " is blank. Add text to the text field, and try again.";
          }
          hasText = true;
        }
        if (kind.equals("document")) {
          documents++;
          String problem =
              document(block.get("document"), "messages." + i + ".content." + j + ".document");
          if (problem != null) {
            return problem;
          }
        }
        if (kind.equals("image")) {
          images++;
        }
      }
      // API reference, Message.content: up to 20 images and five documents; a document needs a text
      // block.
      if (documents > 5) {
        return "The number of documents at messages."
            + i
            + ".content exceeds the limit of 5. Reduce the number "
            + "of documents and try again.";
      }
      if (images > 20) {
        return "The number of images at messages."
            + i
            + ".content exceeds the limit of 20. Reduce the number "
            + "of images and try again.";
      }
      if (documents > 0 && !hasText) {
        return "A message with a document content block must also include a text content block at messages."
            + i
            + ".content. Add a text block and try again.";
      }
    }
    for (int j = 0; j < system.size(); j++) {
      JsonNode s = system.get(j);
      if (s.has("text") && s.get("text").asText("").isBlank()) {
        return "The text field in the SystemContentBlock object at system."
            + j
            + " is blank. Add text to the text field, and try again.";
      }
    }
    return null;
  }

  private static String document(JsonNode doc, String path) {
    String name = doc.path("name").asText("");
    if (name.isEmpty() || name.length() > 200) {
      return "1 validation error detected: Value at '"
          + path
          + ".name' failed to satisfy constraint: Member must "
          + "have length between 1 and 200";
    }
    JsonNode source = doc.path("source");
    if (source.size() != 1) {
      return "The document source at "
          + path
          + " must set exactly one of bytes, s3Location, text or content.";
    }
    if (source.has("bytes")) {
      try {
        Base64.getDecoder().decode(source.get("bytes").asText(""));
      } catch (IllegalArgumentException e) {
        return "The document bytes at " + path + ".source.bytes are not valid base64.";
      }
    }
    return null;
  }

  /** Tool configuration, tool choice and the presence of toolConfig when tool blocks are sent. */
  static String tools(JsonNode body, String modelId, boolean streaming) {
    JsonNode config = body.get("toolConfig");
    boolean toolBlocks = false;
    for (JsonNode m : body.path("messages")) {
      for (JsonNode block : m.path("content")) {
        toolBlocks |= block.has("toolUse") || block.has("toolResult");
      }
    }
    if (config == null || config.isNull()) {
      // SOURCE: langgenius/dify#17545, onyx-dot-app/onyx#7842 (raw body {"message": "..."}).
      return toolBlocks
          ? "The toolConfig field must be defined when using toolUse and toolResult content blocks."
          : null;
    }
    if (!ConverseModels.toolUse(modelId)) {
      // SOURCE: langchain-ai/langchain-aws#447 (DeepSeek-R1 on Converse).
      return "This model doesn't support tool use.";
    }
    if (streaming && ConverseModels.noStreamingToolUse(modelId)) {
      // SOURCE: earendil-works/pi#3739 (Llama 4 Maverick/Scout on ConverseStream).
      return "This model doesn't support tool use in streaming mode.";
    }
    if (ConverseModels.separateToolResultTurns(modelId)) {
      JsonNode messages = body.path("messages");
      for (int i = 0; i < messages.size(); i++) {
        boolean text = false;
        boolean result = false;
        for (JsonNode b : messages.get(i).path("content")) {
          text |= b.has("text");
          result |= b.has("toolResult");
        }
        if (text && result) {
          // SOURCE: browser-use/browser-use#710 (Llama 3.3 and Mistral Large on Converse).
          return "messages."
              + i
              + ".content: Conversation blocks and tool result blocks cannot be provided in the "
              + "same turn.";
        }
      }
    }
    JsonNode tools = config.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member "
          + "must have length greater than or equal to 1";
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode spec = tools.get(i).get("toolSpec");
      if (spec == null) {
        continue; // cachePoint or systemTool
      }
      String name = spec.path("name").asText("");
      if (!TOOL_NAME.matcher(name).matches()) {
        return "1 validation error detected: Value '"
            + name
            + "' at 'toolConfig.tools."
            + (i + 1)
            + ".member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression "
            + "pattern: [a-zA-Z0-9_-]+";
      }
      if (!names.add(name)) {
        // Anthropic's wording for duplicate tool names, passed through (emulator choice for other
        // models).
        return MODEL_ERRORS + "tools: Tool names must be unique.";
      }
      JsonNode schema = spec.path("inputSchema").path("json");
      if (!schema.isObject()) {
        return "The toolSpec.inputSchema.json field of tool " + name + " must be a JSON object.";
      }
      if (schema.has("type") && !"object".equals(schema.path("type").asText())) {
        // Anthropic's validation of input_schema, passed through.
        return MODEL_ERRORS + "tools." + i + ".custom.input_schema.type: Input should be 'object'";
      }
    }
    JsonNode choice = config.path("toolChoice");
    if (choice.has("any") || choice.has("tool")) {
      if (!ConverseModels.forcedToolChoice(modelId)) {
        // SOURCE: strands-agents/harness-sdk#1241 (any), vercel/ai#4396 (tool).
        return "This model doesn't support the toolConfig.toolChoice."
            + (choice.has("any") ? "any" : "tool")
            + " field. Remove toolConfig.toolChoice."
            + (choice.has("any") ? "any" : "tool")
            + " and try again.";
      }
      if (choice.has("tool") && !names.contains(choice.path("tool").path("name").asText())) {
        return "The tool "
            + choice.path("tool").path("name").asText()
            + " named in toolConfig.toolChoice.tool "
            + "isn't in toolConfig.tools. Name a configured tool and try again.";
      }
    }
    return null;
  }

  /**
   * Each toolResult answers a toolUse of the previous assistant turn, and each toolUse gets
   * answered.
   */
  static String toolPairs(JsonNode messages) {
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (!"user".equals(m.path("role").asText())) {
        continue;
      }
      Set<String> uses = new LinkedHashSet<>();
      if (i > 0) {
        for (JsonNode b : messages.get(i - 1).path("content")) {
          if (b.has("toolUse")) {
            uses.add(b.get("toolUse").path("toolUseId").asText());
          }
        }
      }
      List<String> results = new ArrayList<>();
      JsonNode content = m.path("content");
      for (int j = 0; j < content.size(); j++) {
        JsonNode r = content.get(j).get("toolResult");
        if (r == null) {
          continue;
        }
        results.add(r.path("toolUseId").asText());
        if (results.size() > uses.size()) {
          // SOURCE: Just-Curieous/Curie#16 (LiteLLM log of the raw Bedrock body).
          return "The number of toolResult blocks at messages."
              + i
              + ".content exceeds the number of toolUse blocks of previous turn.";
        }
        if (!uses.contains(r.path("toolUseId").asText())) {
          // Anthropic's wording (decocms/studio#1803), passed through by Bedrock.
          return MODEL_ERRORS
              + "messages."
              + i
              + ".content."
              + j
              + ": unexpected `tool_use_id` found in "
              + "`tool_result` blocks: "
              + r.path("toolUseId").asText()
              + ". Each `tool_result` block must have a "
              + "corresponding `tool_use` block in the previous message.";
        }
        if ("error".equals(r.path("status").asText()) && r.path("content").isEmpty()) {
          // SOURCE: aws-samples/sample-multi-agent-orchestration-chat-on-agentcore#15.
          return "The content field at messages."
              + i
              + ".content."
              + j
              + ".toolResult cannot be empty when status value is error.";
        }
      }
      if (!uses.isEmpty()) {
        List<String> missing = new ArrayList<>(uses);
        missing.removeAll(results);
        if (!missing.isEmpty()) {
          // Anthropic's wording (anthropics/claude-code#5765), passed through by Bedrock.
          return MODEL_ERRORS
              + "messages."
              + (i - 1)
              + ": `tool_use` ids were found without `tool_result` blocks "
              + "immediately after: "
              + String.join(", ", missing)
              + ". Each `tool_use` block must have a "
              + "corresponding `tool_result` block in the next message.";
        }
      }
    }
    return null;
  }

  /** Extended-thinking settings and the replayed reasoning blocks (signatures verified). */
  static String reasoning(JsonNode body, String modelId) {
    JsonNode thinking = body.path("additionalModelRequestFields").path("thinking");
    boolean enabled = ConverseReasoning.enabled(body, modelId);
    if (!thinking.isMissingNode()
        && ConverseModels.claude(modelId)
        && !ConverseModels.claudeThinking(modelId)) {
      // Anthropic's answer to an unknown field, passed through. Emulator wording.
      return MODEL_ERRORS + "thinking: Extra inputs are not permitted";
    }
    if (enabled && "enabled".equals(thinking.path("type").asText())) {
      int budget = thinking.path("budget_tokens").asInt(0);
      if (budget < 1024) {
        // User guide, extended thinking: "budget_tokens ... minimum 1,024". Pydantic-style wording
        // of Anthropic.
        return MODEL_ERRORS
            + "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
      }
      int max = body.path("inferenceConfig").path("maxTokens").asInt(0);
      if (max > 0 && max <= budget) {
        return MODEL_ERRORS
            + "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our "
            + "documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-"
            + "context-window-size";
      }
      JsonNode choice = body.path("toolConfig").path("toolChoice");
      if (choice.has("any") || choice.has("tool")) {
        // SOURCE: can1357/oh-my-pi#333 (Bedrock error text).
        return MODEL_ERRORS + "Thinking may not be enabled when tool_choice forces tool use.";
      }
    }
    JsonNode messages = body.path("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode content = messages.get(i).path("content");
      for (int j = 0; j < content.size(); j++) {
        JsonNode r = content.get(j).get("reasoningContent");
        if (r == null) {
          continue;
        }
        String at = "messages." + i + ".content." + j;
        if (r.has("reasoningText")) {
          JsonNode text = r.get("reasoningText");
          if (!text.hasNonNull("signature") || text.get("signature").asText().isEmpty()) {
            // SOURCE: can1357/oh-my-pi#10486 (Bedrock message for a missing signature).
            return MODEL_ERRORS + at + ".thinking.signature: Field required";
          }
          String signature = text.get("signature").asText();
          if (!ReasoningSeals.issuedByService(signature)
              && !ReasoningSeals.verify(text.path("text").asText(""), signature)) {
            // SOURCE: chenhg5/cc-connect#897, anthropics/anthropic-sdk-python#1598 (Anthropic
            // wording).
            return MODEL_ERRORS + at + ": Invalid `signature` in `thinking` block";
          }
        } else if (r.has("redactedContent")) {
          byte[] data;
          try {
            data = Base64.getDecoder().decode(r.get("redactedContent").asText(""));
          } catch (IllegalArgumentException e) {
            data = new byte[0];
          }
          if (!ReasoningSeals.redactedByService(data) && !ReasoningSeals.verifyRedacted(data)) {
            return MODEL_ERRORS + at + ": Invalid `data` in `redacted_thinking` block";
          }
        } else {
          return "The reasoningContent block at "
              + at
              + " must set reasoningText or redactedContent.";
        }
      }
    }
    if (enabled && ConverseModels.claude(modelId)) {
      return thinkingFirst(messages);
    }
    return null;
  }

  /**
   * With thinking on, the assistant turn replayed in a tool loop (before the last tool results)
   * must start with its reasoning block. SOURCE: langchain-ai/langchain-aws#844.
   */
  private static String thinkingFirst(JsonNode messages) {
    int last = messages.size() - 1;
    if (last < 1 || !hasToolResult(messages.get(last))) {
      return null;
    }
    JsonNode assistant = messages.get(last - 1);
    JsonNode first = assistant.path("content").path(0);
    if (first.has("reasoningContent")) {
      return null;
    }
    String found = first.has("toolUse") ? "tool_use" : first.has("text") ? "text" : "unknown";
    return MODEL_ERRORS
        + "messages."
        + (last - 1)
        + ".content.0.type: Expected `thinking` or `redacted_thinking`, "
        + "but found `"
        + found
        + "`. When `thinking` is enabled, a final `assistant` message must start with a "
        + "thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you "
        + "include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please "
        + "consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking";
  }

  static boolean hasToolResult(JsonNode message) {
    for (JsonNode b : message.path("content")) {
      if (b.has("toolResult")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code outputConfig.textFormat}: type {@code json_schema} with a schema string holding a JSON
   * object. Emulator wording.
   */
  static String outputConfig(JsonNode body) {
    JsonNode format = body.path("outputConfig").path("textFormat");
    if (format.isMissingNode()) {
      return null;
    }
    if (!"json_schema".equals(format.path("type").asText())) {
      return "1 validation error detected: Value '"
          + format.path("type").asText()
          + "' at "
          + "'outputConfig.textFormat.type' failed to satisfy constraint: Member must satisfy enum value set: [json_schema]";
    }
    if (ConverseTurn.structuredOutputSchema(body) == null) {
      return "The outputConfig.textFormat.structure.jsonSchema.schema field must be a JSON Schema object serialized as "
          + "a string. Check the schema and try again.";
    }
    return null;
  }

  /**
   * At most {@link ConverseModels#MAX_CACHE_POINTS} cache points over tools, system and messages.
   */
  static String cachePoints(JsonNode body) {
    List<JsonNode> points = new ArrayList<>();
    body.path("toolConfig")
        .path("tools")
        .forEach(
            t -> {
              if (t.has("cachePoint")) {
                points.add(t.get("cachePoint"));
              }
            });
    body.path("system")
        .forEach(
            s -> {
              if (s.has("cachePoint")) {
                points.add(s.get("cachePoint"));
              }
            });
    body.path("messages")
        .forEach(
            m ->
                m.path("content")
                    .forEach(
                        b -> {
                          if (b.has("cachePoint")) {
                            points.add(b.get("cachePoint"));
                          }
                        }));
    for (JsonNode p : points) {
      if (!"default".equals(p.path("type").asText())) {
        return "1 validation error detected: Value '"
            + p.path("type").asText()
            + "' at 'cachePoint.type' failed to "
            + "satisfy constraint: Member must satisfy enum value set: [default]";
      }
      if (p.has("ttl") && !TTLS.contains(p.get("ttl").asText())) {
        return "1 validation error detected: Value '"
            + p.get("ttl").asText()
            + "' at 'cachePoint.ttl' failed to "
            + "satisfy constraint: Member must satisfy enum value set: [5m, 1h]";
      }
    }
    if (points.size() > ConverseModels.MAX_CACHE_POINTS) {
      // SOURCE: twentyhq/twenty#26217 (Anthropic's limit message through Bedrock).
      return MODEL_ERRORS
          + "A maximum of "
          + ConverseModels.MAX_CACHE_POINTS
          + " blocks with cache_control may be provided. Found "
          + points.size()
          + ".";
    }
    return null;
  }

  /** Whether a message has a non-blank block other than block {@code skip}. */
  private static boolean hasOtherContent(JsonNode content, int skip) {
    for (int k = 0; k < content.size(); k++) {
      JsonNode b = content.get(k);
      if (k != skip
          && !b.has("cachePoint")
          && !(b.has("text") && b.path("text").asText("").isBlank())) {
        return true;
      }
    }
    return false;
  }
}
