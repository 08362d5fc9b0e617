package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Conversation rules of the Nova, Claude Text, Mistral, Cohere and AI21 codecs, on top of {@link
 * Turns} (which merges consecutive turns of one role and refuses images): the system prompt,
 * requiring a final user turn, the OpenAI-style {@code messages} array of the chat families
 * (Mistral chat, Jamba), and the plain transcript of families that take one prompt string without a
 * chat template of their own (Cohere Command, AI21 Jurassic-2). Messages name the model and what to
 * change; they never quote the conversation.
 */
final class Conversations {
  private Conversations() {}

  /** The system prompt, or {@code null} when absent or blank. */
  static @Nullable String system(GenerationRequest request) {
    String s = request.system();
    return s == null || s.isBlank() ? null : s;
  }

  /**
   * The merged turns of a conversation that must start with the user (what every family here
   * needs).
   */
  static List<Turns.Turn> turns(GenerationRequest request, String modelId, String family) {
    List<Turns.Turn> turns = Turns.merge(request.messages());
    Turns.requireUserFirst(turns, modelId, family);
    return turns;
  }

  /**
   * Fails unless the last turn is the user's: the family answers the user and cannot continue a
   * turn.
   */
  static void requireLastUser(List<Turns.Turn> turns, String modelId, String family) {
    if (turns.get(turns.size() - 1).role() != Role.USER) {
      throw new InvalidRequestException(
          "the last message for "
              + modelId
              + " ("
              + family
              + ") must be a user message but was an assistant message: add the user's next turn, since this"
              + " model cannot continue an assistant turn");
    }
  }

  /**
   * The prompt of families without a chat template. A single user turn is sent as it is, after the
   * system prompt and a blank line when there is one. A longer conversation becomes a transcript,
   * one labelled line block per turn, ending with the assistant's label so that the model writes
   * the next turn:
   *
   * <pre>
   * {system}
   *
   * User: {u1}
   * Chatbot: {a1}
   * User: {u2}
   * Chatbot:</pre>
   */
  static String transcript(
      String system, List<Turns.Turn> turns, String userLabel, String assistantLabel) {
    StringBuilder sb = new StringBuilder();
    if (system != null) {
      sb.append(system).append("\n\n");
    }
    if (turns.size() == 1) {
      return sb.append(turns.get(0).text()).toString();
    }
    for (Turns.Turn t : turns) {
      sb.append(t.role() == Role.USER ? userLabel : assistantLabel)
          .append(": ")
          .append(t.text())
          .append('\n');
    }
    return sb.append(assistantLabel).append(':').toString();
  }

  /**
   * OpenAI-style {@code messages}: an optional leading system message, then user/assistant turns.
   */
  static ArrayNode chatMessages(String system, List<Turns.Turn> turns) {
    ArrayNode messages = CodecJson.array();
    if (system != null) {
      messages.addObject().put("role", "system").put("content", system);
    }
    for (Turns.Turn t : turns) {
      messages
          .addObject()
          .put("role", t.role() == Role.USER ? "user" : "assistant")
          .put("content", t.text());
    }
    return messages;
  }
}
