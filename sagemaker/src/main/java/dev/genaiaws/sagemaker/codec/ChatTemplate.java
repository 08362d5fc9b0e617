package dev.genaiaws.sagemaker.codec;

import dev.genaiaws.aws.internal.codec.PromptTemplates;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a container codec turns the neutral {@code system} + {@code messages} into the single prompt
 * string a text-generation container reads. A SageMaker endpoint applies no chat template of its
 * own when called with {@code inputs}; pick the one the deployed model was trained with:
 *
 * <pre>{@code
 * ModelCodec llama3 = TgiCodec.create().withTemplate(ChatTemplate.LLAMA3);
 * }</pre>
 *
 * <ul>
 *   <li>{@link #PLAIN} (the default): the system prompt and each turn's text, joined by a blank
 *       line. A single user message is sent exactly as written.
 *   <li>{@link #LLAMA2}: {@code <s>[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user} [/INST] {answer}
 *       </s><s>[INST] ...}
 *   <li>{@link #LLAMA3}: {@code
 *       <|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n{system}<|eot_id|>...},
 *       ending with the assistant header so the model answers.
 *   <li>{@link #MISTRAL}: {@code <s>[INST] {system}\n\n{u1} [/INST] {a1}</s> [INST] {u2} [/INST]}
 *       (no system role: the system prompt opens the first user turn).
 * </ul>
 *
 * These are the templates of WIRE_FORMATS §7/§8, rendered by the same code as the Bedrock Llama and
 * Mistral codecs. A {@code null} or blank system prompt is left out (no empty {@code <<SYS>>} block
 * or header), as on Bedrock. Consecutive messages of one role are merged (joined by a blank line).
 * Images are refused: these containers read text only.
 */
public enum ChatTemplate {
  /** System prompt and turns joined by a blank line; no special tokens. */
  PLAIN,
  /** Meta Llama 2 chat ({@code [INST]} with a {@code <<SYS>>} block). */
  LLAMA2,
  /** Meta Llama 3 / 3.x instruct (header tokens and {@code <|eot_id|>}). */
  LLAMA3,
  /** Mistral / Mixtral instruct ({@code [INST]}, system folded into the first user turn). */
  MISTRAL;

  /** Renders the request's system prompt and conversation. */
  public String render(GenerationRequest request) {
    return render(request.system(), request.messages());
  }

  /**
   * Renders a system prompt (or {@code null}) and a conversation.
   *
   * @throws InvalidRequestException when a message carries an image, or a template that needs a
   *     user turn first gets an assistant turn first
   */
  public String render(String system, List<Message> messages) {
    List<PromptTemplates.Turn> turns = merge(messages);
    return switch (this) {
      case PLAIN -> PromptTemplates.plain(system, turns);
      case LLAMA2 -> PromptTemplates.llama2(system, requireUserFirst(turns));
      case LLAMA3 -> PromptTemplates.llama3(system, turns);
      case MISTRAL -> PromptTemplates.mistral(system, requireUserFirst(turns));
    };
  }

  private static List<PromptTemplates.Turn> merge(List<Message> messages) {
    List<PromptTemplates.Turn> turns = new ArrayList<>();
    for (Message m : messages) {
      if (m.hasImages()) {
        throw new InvalidRequestException(
            "SageMaker text-generation containers read text only, but a "
                + m.role().name().toLowerCase(Locale.ROOT)
                + " message carries an image");
      }
      if (!turns.isEmpty() && turns.get(turns.size() - 1).role() == m.role()) {
        PromptTemplates.Turn last = turns.remove(turns.size() - 1);
        turns.add(new PromptTemplates.Turn(m.role(), last.text() + "\n\n" + m.text()));
      } else {
        turns.add(new PromptTemplates.Turn(m.role(), m.text()));
      }
    }
    return turns;
  }

  private List<PromptTemplates.Turn> requireUserFirst(List<PromptTemplates.Turn> turns) {
    if (turns.isEmpty() || turns.get(0).role() != Role.USER) {
      throw new InvalidRequestException(
          "the "
              + name()
              + " chat template needs the conversation to start with"
              + " a user message, but it starts with "
              + (turns.isEmpty()
                  ? "nothing"
                  : turns.get(0).role().name().toLowerCase(Locale.ROOT)));
    }
    return turns;
  }
}
