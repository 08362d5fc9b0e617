package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Resolves what a request's model identifier stands for: base model ids, cross-region inference
 * profile ids ({@code us.}, {@code eu.}, {@code apac.}, {@code jp.}, {@code au.}, {@code us-gov.},
 * {@code global.}), foundation-model and inference-profile ARNs, and user-registered aliases (for
 * custom, provisioned, imported and application-inference-profile ARNs). Families are chosen by
 * model id prefix, so new versions of a known family work without an update.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ModelCatalog {
  private static final Pattern PROFILE_PREFIX =
      Pattern.compile("^(us-gov|us|eu|apac|jp|au|ca|global)\\.(.+)$");
  private static final Pattern ARN =
      Pattern.compile(
          "^arn:aws(?:-[a-z]+)*:bedrock:[a-z0-9-]*:[0-9]*:(foundation-model|inference-profile)/(.+)$");

  private static final ModelFamily TITAN_TEXT = new TitanTextFamily();
  private static final ModelFamily TITAN_EMBED_V1 = new TitanEmbedFamily(false);
  private static final ModelFamily TITAN_EMBED_V2 = new TitanEmbedFamily(true);
  private static final ModelFamily TITAN_IMAGE = new TitanImageFamily("titan-image");
  private static final ModelFamily NOVA_CANVAS = new TitanImageFamily("nova-canvas");
  private static final ModelFamily NOVA = new NovaFamily();
  private static final ModelFamily CLAUDE_MESSAGES = new ClaudeMessagesFamily();
  private static final ModelFamily CLAUDE_TEXT = new ClaudeTextFamily();
  private static final ModelFamily LLAMA = new LlamaFamily();
  private static final ModelFamily MISTRAL_TEXT = new MistralTextFamily();
  private static final ModelFamily MISTRAL_CHAT = new MistralChatFamily();
  private static final ModelFamily COHERE_COMMAND = new CohereCommandFamily();
  private static final ModelFamily COHERE_COMMAND_R = new CohereCommandRFamily();
  private static final ModelFamily COHERE_EMBED = new CohereEmbedFamily();
  private static final ModelFamily SDXL = new StabilitySdxlFamily();
  private static final ModelFamily SD3 = new StabilitySd3Family();
  private static final ModelFamily J2 = new Ai21J2Family();
  private static final ModelFamily JAMBA = new JambaFamily();
  private static final ModelFamily CONVERSE_ONLY = new ConverseOnlyFamily();

  private final Map<String, String> aliases = new ConcurrentHashMap<>();

  /** Lets {@code identifier} (e.g. a provisioned-model ARN) stand for {@code modelId}. */
  public void alias(String identifier, String modelId) {
    if (resolve(modelId).isEmpty()) {
      throw new IllegalArgumentException("unknown model id " + modelId);
    }
    aliases.put(identifier, modelId);
  }

  /** The base model id {@code identifier} stands for, if it names a known family. */
  public Optional<String> resolve(String identifier) {
    String id = aliases.getOrDefault(identifier, identifier);
    Matcher arn = ARN.matcher(id);
    if (arn.matches()) {
      id = arn.group(2);
    }
    Matcher profile = PROFILE_PREFIX.matcher(id);
    if (profile.matches()) {
      id = profile.group(2);
    }
    return candidate(id, null) == null ? Optional.empty() : Optional.of(id);
  }

  /**
   * The context window of a text model in tokens (input plus output must fit in it), from the model
   * cards; empty for models without one (embeddings, images).
   */
  public static OptionalInt contextWindow(String modelId) {
    String id = modelId;
    int window;
    if (id.startsWith("amazon.titan-text-lite")) {
      window = 4_096;
    } else if (id.startsWith("amazon.titan-text-premier")) {
      window = 32_000;
    } else if (id.startsWith("amazon.titan-text-") || id.startsWith("amazon.titan-tg1-")) {
      window = 8_192;
    } else if (id.startsWith("amazon.nova-micro")) {
      window = 128_000;
    } else if (id.startsWith("amazon.nova-premier")) {
      window = 1_000_000;
    } else if (id.startsWith("amazon.nova-lite") || id.startsWith("amazon.nova-pro")) {
      window = 300_000;
    } else if (id.startsWith("anthropic.claude-v2:1")) {
      window = 200_000;
    } else if (id.startsWith("anthropic.claude-v2") || id.startsWith("anthropic.claude-instant")) {
      window = 100_000;
    } else if (id.startsWith("anthropic.claude-")) {
      window = 200_000;
    } else if (id.startsWith("meta.llama2")) {
      window = 4_096;
    } else if (id.startsWith("meta.llama3-8b") || id.startsWith("meta.llama3-70b")) {
      window = 8_192;
    } else if (id.startsWith("meta.llama")) {
      window = 128_000;
    } else if (id.startsWith("mistral.mistral-large-2407")
        || id.startsWith("mistral.pixtral-")
        || id.startsWith("mistral.mistral-large-3")) {
      window = 128_000;
    } else if (id.startsWith("mistral.")) {
      window = 32_000;
    } else if (id.startsWith("cohere.command-r")) {
      window = 128_000;
    } else if (id.startsWith("cohere.command-")) {
      window = 4_000;
    } else if (id.startsWith("ai21.j2-")) {
      window = 8_191;
    } else if (id.startsWith("ai21.jamba-")) {
      window = 256_000;
    } else {
      return OptionalInt.empty();
    }
    return OptionalInt.of(window);
  }

  /** The family serving {@code modelId} for this body (a few models accept two body shapes). */
  public ModelFamily family(String modelId, JsonNode body) {
    return candidate(modelId, body);
  }

  private static @Nullable ModelFamily candidate(String id, @Nullable JsonNode body) {
    boolean messages = body != null && body.has("messages");
    if (id.startsWith("amazon.titan-text-") || id.startsWith("amazon.titan-tg1-")) {
      return TITAN_TEXT;
    }
    if (id.startsWith("amazon.titan-embed-text-v2")) {
      return TITAN_EMBED_V2;
    }
    if (id.startsWith("amazon.titan-embed-text-v1")
        || id.startsWith("amazon.titan-embed-g1-text")) {
      return TITAN_EMBED_V1;
    }
    if (id.startsWith("amazon.titan-image-generator-")) {
      return TITAN_IMAGE;
    }
    if (id.startsWith("amazon.nova-canvas-")) {
      return NOVA_CANVAS;
    }
    if (id.matches("amazon\\.nova-(micro|lite|pro|premier)(-.*)?")) {
      return NOVA;
    }
    if (id.startsWith("anthropic.claude-v2") || id.startsWith("anthropic.claude-instant-v1")) {
      return messages ? CLAUDE_MESSAGES : CLAUDE_TEXT;
    }
    if (id.startsWith("anthropic.claude-")) {
      return CLAUDE_MESSAGES;
    }
    if (id.startsWith("meta.llama")) {
      return LLAMA;
    }
    if (id.startsWith("mistral.mistral-large-2402")
        || id.startsWith("mistral.mistral-small-2402")) {
      return messages ? MISTRAL_CHAT : MISTRAL_TEXT;
    }
    if (id.startsWith("mistral.mistral-7b") || id.startsWith("mistral.mixtral-")) {
      return MISTRAL_TEXT;
    }
    if (id.startsWith("mistral.mistral-large") || id.startsWith("mistral.pixtral-")) {
      return MISTRAL_CHAT;
    }
    if (id.startsWith("cohere.command-r")) {
      return COHERE_COMMAND_R;
    }
    if (id.startsWith("cohere.command-text-") || id.startsWith("cohere.command-light-text-")) {
      return COHERE_COMMAND;
    }
    if (id.startsWith("cohere.embed-")) {
      return COHERE_EMBED;
    }
    if (id.startsWith("stability.stable-diffusion-xl")) {
      return SDXL;
    }
    if (id.startsWith("stability.sd3") || id.startsWith("stability.stable-image-")) {
      return SD3;
    }
    if (id.startsWith("ai21.j2-")) {
      return J2;
    }
    if (id.startsWith("ai21.jamba-")) {
      return JAMBA;
    }
    if (id.startsWith("deepseek.")
        || id.startsWith("qwen.")
        || id.startsWith("openai.gpt-oss-")
        || id.startsWith("writer.")) {
      return CONVERSE_ONLY;
    }
    return null;
  }
}
