package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.testkit.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * The emulator's guardrail, the same for every guardrail id and version: a word policy that blocks
 * the custom word {@value #BLOCKED_WORD} (any case, as a whole word) and a sensitive-information
 * policy that anonymises e-mail addresses. Used by Converse/ConverseStream ({@code
 * guardrailConfig}) and ApplyGuardrail. Shapes follow the API reference (GuardrailAssessment,
 * GuardrailCustomWord, GuardrailPiiEntityFilter, GuardrailInvocationMetrics, GuardrailUsage,
 * GuardrailCoverage).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class Guardrails {
  /** The custom word the emulated guardrail blocks. */
  static final String BLOCKED_WORD = "forbidden";

  /** The text an intervention answers with (the console's default blocked messaging). */
  static final String BLOCKED_MESSAGE = "Sorry, the model cannot answer this question.";

  /** API reference, ApplyGuardrail: guardrailIdentifier and guardrailVersion patterns. */
  static final Pattern ID =
      Pattern.compile(
          "^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))$");

  static final Pattern VERSION = Pattern.compile("^(([1-9][0-9]{0,7})|(DRAFT))$");
  private static final Pattern WORD = Pattern.compile("(?i)\\b" + BLOCKED_WORD + "\\b");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private Guardrails() {}

  /**
   * One assessment.
   *
   * @param blocked whether the word policy blocks
   * @param emails the e-mail addresses found (anonymised)
   * @param json the GuardrailAssessment object
   */
  record Assessment(boolean blocked, List<String> emails, ObjectNode json) {
    boolean intervened() {
      return blocked || !emails.isEmpty();
    }
  }

  /** Assesses some text. */
  static Assessment assess(String text) {
    ObjectNode a = Json.object();
    boolean blocked = false;
    Matcher w = WORD.matcher(text);
    if (w.find()) {
      blocked = true;
      a.putObject("wordPolicy")
          .putArray("customWords")
          .addObject()
          .put("match", w.group())
          .put("action", "BLOCKED")
          .put("detected", true);
    }
    List<String> emails = new ArrayList<>();
    Matcher e = EMAIL.matcher(text);
    while (e.find()) {
      emails.add(e.group());
    }
    if (!emails.isEmpty()) {
      ArrayNode pii = a.putObject("sensitiveInformationPolicy").putArray("piiEntities");
      emails.forEach(
          m ->
              pii.addObject()
                  .put("match", m)
                  .put("type", "EMAIL")
                  .put("action", "ANONYMIZED")
                  .put("detected", true));
    }
    int units = Math.max(1, (text.length() + 999) / 1000);
    ObjectNode metrics =
        a.putObject("invocationMetrics").put("guardrailProcessingLatency", 1 + text.length() / 200);
    metrics.set("usage", usage(units));
    metrics
        .putObject("guardrailCoverage")
        .putObject("textCharacters")
        .put("guarded", text.length())
        .put("total", text.length());
    return new Assessment(blocked, emails, a);
  }

  /** GuardrailUsage: one text unit per 1,000 characters for the two policies the guardrail has. */
  static ObjectNode usage(int units) {
    return Json.object()
        .put("topicPolicyUnits", 0)
        .put("contentPolicyUnits", 0)
        .put("wordPolicyUnits", units)
        .put("sensitiveInformationPolicyUnits", units)
        .put("sensitiveInformationPolicyFreeUnits", 0)
        .put("contextualGroundingPolicyUnits", 0);
  }

  /** The text with e-mail addresses replaced by {@code {EMAIL}}. */
  static String anonymise(String text) {
    return EMAIL.matcher(text).replaceAll("{EMAIL}");
  }

  /** Checks a Converse {@code guardrailConfig}; {@code null} when fine. */
  static String checkConfig(JsonNode config) {
    if (config == null || config.isNull()) {
      return null;
    }
    String id = config.path("guardrailIdentifier").asText("");
    String version = config.path("guardrailVersion").asText("");
    if (!ID.matcher(id).matches()) {
      return "1 validation error detected: Value '"
          + id
          + "' at 'guardrailConfig.guardrailIdentifier' failed to "
          + "satisfy constraint: Member must satisfy regular expression pattern: "
          + ID.pattern();
    }
    if (!VERSION.matcher(version).matches()) {
      return "1 validation error detected: Value '"
          + version
          + "' at 'guardrailConfig.guardrailVersion' failed to "
          + "satisfy constraint: Member must satisfy regular expression pattern: "
          + VERSION.pattern();
    }
    String trace = config.path("trace").asText("disabled").toLowerCase(Locale.ROOT);
    if (!List.of("enabled", "disabled", "enabled_full").contains(trace)) {
      return "1 validation error detected: Value '"
          + trace
          + "' at 'guardrailConfig.trace' failed to satisfy "
          + "constraint: Member must satisfy enum value set: [enabled, disabled, enabled_full]";
    }
    String mode = config.path("streamProcessingMode").asText("sync");
    if (!List.of("sync", "async").contains(mode)) {
      return "1 validation error detected: Value '"
          + mode
          + "' at 'guardrailConfig.streamProcessingMode' failed to "
          + "satisfy constraint: Member must satisfy enum value set: [sync, async]";
    }
    return null;
  }

  /**
   * The text a Converse guardrail assesses on input: the {@code guardContent} blocks when the
   * request has any (system and messages), otherwise the text of every user message and the system.
   */
  static String inputText(JsonNode body) {
    StringBuilder guarded = new StringBuilder();
    StringBuilder all = new StringBuilder();
    body.path("system")
        .forEach(
            s -> {
              if (s.has("guardContent")) {
                guarded
                    .append(s.get("guardContent").path("text").path("text").asText(""))
                    .append('\n');
              }
              all.append(s.path("text").asText("")).append('\n');
            });
    body.path("messages")
        .forEach(
            m ->
                m.path("content")
                    .forEach(
                        c -> {
                          if (c.has("guardContent")) {
                            guarded
                                .append(c.get("guardContent").path("text").path("text").asText(""))
                                .append('\n');
                          }
                          if ("user".equals(m.path("role").asText())) {
                            all.append(c.path("text").asText("")).append('\n');
                          }
                        }));
    return guarded.length() > 0 ? guarded.toString() : all.toString();
  }

  /** Whether the request asked for a trace ({@code enabled} or {@code enabled_full}). */
  static boolean traced(JsonNode config) {
    return config != null && config.path("trace").asText("disabled").startsWith("enabled");
  }
}
