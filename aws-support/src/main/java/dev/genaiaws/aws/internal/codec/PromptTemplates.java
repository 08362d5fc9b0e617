package dev.genaiaws.aws.internal.codec;

import dev.genaiaws.core.Role;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The chat templates of prompt-only models, written once for both adapters: the Bedrock Llama and
 * Mistral codecs and the SageMaker container codecs ({@code ChatTemplate}) render through here, so
 * a template fix reaches both. The templates are those of WIRE_FORMATS §7/§8 (Meta's and Mistral's
 * published formats, as the Bedrock user guide shows them).
 *
 * <p>Input is a system prompt and the conversation already merged into alternating {@link Turn}s;
 * checking the order of turns (who must speak first) stays with the caller, whose error names the
 * model.
 *
 * <p><b>One rule for the system prompt:</b> {@code null}, empty or blank means "no system prompt",
 * so no {@code <<SYS>>} block, no system header and no leading blank line is written for it.
 */
public final class PromptTemplates {
  private PromptTemplates() {}

  /**
   * One speaker's text after consecutive messages of one role were merged.
   *
   * @param role who spoke
   * @param text what was said
   */
  public record Turn(Role role, String text) {}

  /**
   * The system prompt, or {@code null} when it is absent or blank (the one rule of every template).
   */
  public static @Nullable String system(@Nullable String system) {
    return system == null || system.isBlank() ? null : system;
  }

  /** The system prompt and each turn's text joined by a blank line; no special tokens. */
  public static String plain(@Nullable String system, List<Turn> turns) {
    String sys = system(system);
    StringBuilder sb = new StringBuilder();
    if (sys != null) {
      sb.append(sys);
    }
    for (Turn t : turns) {
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(t.text());
    }
    return sb.toString();
  }

  /**
   * Llama 2 chat: {@code <s>[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user} [/INST] {answer}
   * </s><s>[INST] ...}; a final answer is left open. Expects the conversation to start with the
   * user.
   */
  public static String llama2(@Nullable String system, List<Turn> turns) {
    String sys = system(system);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < turns.size(); i++) {
      Turn t = turns.get(i);
      if (t.role() == Role.USER) {
        sb.append("<s>[INST] ");
        if (i == 0 && sys != null) {
          sb.append("<<SYS>>\n").append(sys).append("\n<</SYS>>\n\n");
        }
        sb.append(t.text()).append(" [/INST]");
      } else {
        sb.append(' ').append(t.text());
        if (i < turns.size() - 1) {
          sb.append(" </s>");
        }
      }
    }
    return sb.toString();
  }

  /**
   * Llama 3 and later: header tokens and {@code <|eot_id|>}, ending with an open {@code assistant}
   * header after a user turn (a final assistant turn is left open so that the model continues it).
   */
  public static String llama3(@Nullable String system, List<Turn> turns) {
    String sys = system(system);
    StringBuilder sb = new StringBuilder("<|begin_of_text|>");
    if (sys != null) {
      header(sb, "system").append(sys).append("<|eot_id|>");
    }
    for (int i = 0; i < turns.size(); i++) {
      Turn t = turns.get(i);
      header(sb, t.role().name().toLowerCase(Locale.ROOT)).append(t.text());
      boolean openAnswer = t.role() == Role.ASSISTANT && i == turns.size() - 1;
      if (!openAnswer) {
        sb.append("<|eot_id|>");
      }
    }
    if (turns.isEmpty() || turns.get(turns.size() - 1).role() == Role.USER) {
      header(sb, "assistant");
    }
    return sb.toString();
  }

  private static StringBuilder header(StringBuilder sb, String role) {
    return sb.append("<|start_header_id|>").append(role).append("<|end_header_id|>\n\n");
  }

  /**
   * Mistral / Mixtral instruct: {@code <s>[INST] {system}\n\n{u1} [/INST] {a1}</s> [INST] {u2}
   * [/INST]}. Mistral has no system role: the system prompt opens the first user turn. Expects the
   * conversation to start with the user.
   */
  public static String mistral(@Nullable String system, List<Turn> turns) {
    String sys = system(system);
    StringBuilder sb = new StringBuilder("<s>");
    for (int i = 0; i < turns.size(); i++) {
      Turn t = turns.get(i);
      if (t.role() == Role.USER) {
        sb.append(i == 0 ? "[INST] " : " [INST] ");
        if (i == 0 && sys != null) {
          sb.append(sys).append("\n\n");
        }
        sb.append(t.text()).append(" [/INST]");
      } else {
        sb.append(' ').append(t.text()).append("</s>");
      }
    }
    return sb.toString();
  }
}
