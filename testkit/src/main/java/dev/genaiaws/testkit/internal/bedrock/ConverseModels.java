package dev.genaiaws.testkit.internal.bedrock;

/**
 * What each model can do on the Converse API, by model id (base id, already stripped of profile
 * prefixes and ARNs by {@link ModelCatalog}).
 *
 * <p>SOURCE: the "Supported models and model features" table of the Bedrock user guide
 * (conversation-inference-supported-models-features: tool use is listed for Claude 3+, Nova, Llama
 * 3.1+, Mistral Large/Small, Cohere Command R/R+ and Jamba 1.5; not for Titan Text, Claude
 * 2/Instant, Llama 2/3.0, Mistral 7B/Mixtral, Cohere Command (text)); the extended-thinking page
 * (claude-messages-extended-thinking: Claude 3.7 Sonnet and the Claude 4 models); the
 * prompt-caching page (Claude 3.5 Haiku, 3.7 Sonnet, Claude 4, Nova Micro/Lite/Pro/Premier; a
 * checkpoint below the model's minimum is silently not cached); and captured errors (sources next
 * to {@link ConverseRules}' uses of these).
 */
final class ConverseModels {
  /** The most cache points one request may carry (LangChain4j, goose and pydantic-ai enforce 4). */
  static final int MAX_CACHE_POINTS = 4;

  private ConverseModels() {}

  /** Whether {@code toolConfig} is accepted. */
  static boolean toolUse(String id) {
    if (id.startsWith("anthropic.")) {
      return !id.startsWith("anthropic.claude-v2") && !id.startsWith("anthropic.claude-instant");
    }
    if (id.startsWith("amazon.nova-")) {
      return true;
    }
    if (id.startsWith("meta.llama")) {
      return !id.startsWith("meta.llama2")
          && !id.startsWith("meta.llama3-8b")
          && !id.startsWith("meta.llama3-70b");
    }
    if (id.startsWith("mistral.")) {
      return id.startsWith("mistral.mistral-large")
          || id.startsWith("mistral.mistral-small")
          || id.startsWith("mistral.pixtral");
    }
    if (id.startsWith("cohere.command-r")) {
      return true;
    }
    if (id.startsWith("qwen.")
        || id.startsWith("openai.gpt-oss-")
        || id.startsWith("writer.palmyra-x")
        || id.startsWith("deepseek.v3")) {
      return true;
    }
    return id.startsWith("ai21.jamba-1-5");
  }

  /** Llama 4 takes tools on Converse but not on ConverseStream. */
  static boolean noStreamingToolUse(String id) {
    return id.startsWith("meta.llama4-");
  }

  /** Llama and Mistral reject a user turn mixing text and tool results. */
  static boolean separateToolResultTurns(String id) {
    return id.startsWith("meta.llama") || id.startsWith("mistral.");
  }

  /** DeepSeek-R1 always reasons, and its reasoning carries no signature. */
  static boolean unsignedReasoning(String id) {
    return id.startsWith("deepseek.r1");
  }

  /**
   * Whether {@code toolChoice} {@code any} / {@code tool} is accepted (Claude, Nova, Mistral
   * Large).
   */
  static boolean forcedToolChoice(String id) {
    return id.startsWith("anthropic.")
        || id.startsWith("amazon.nova-")
        || id.startsWith("mistral.mistral-large");
  }

  /**
   * Whether Claude extended thinking ({@code additionalModelRequestFields.thinking}) is available.
   */
  static boolean claudeThinking(String id) {
    return id.startsWith("anthropic.claude-3-7-")
        || id.matches("anthropic\\.claude-(sonnet|opus|haiku)-4.*");
  }

  /** Whether the model is a Claude model (errors are the model's own, wrapped by Bedrock). */
  static boolean claude(String id) {
    return id.startsWith("anthropic.");
  }

  /**
   * The fewest tokens a cache checkpoint's prefix needs to be cached, or 0 when the model does not
   * cache prompts (cache points are then accepted and ignored).
   */
  static int cacheMinimumTokens(String id) {
    if (id.startsWith("anthropic.claude-3-5-haiku")) {
      return 2048;
    }
    if (claudeThinking(id)) {
      return id.contains("haiku") ? 2048 : 1024;
    }
    if (id.matches("amazon\\.nova-(micro|lite|pro|premier).*")) {
      return 1000;
    }
    return 0;
  }

  /** Whether citations on documents are supported (the Claude models that take documents). */
  static boolean citations(String id) {
    return id.startsWith("anthropic.claude-3-5")
        || id.startsWith("anthropic.claude-3-7")
        || claudeThinking(id);
  }
}
