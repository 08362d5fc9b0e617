package dev.genaiaws.bedrock.codec;

import dev.genaiaws.aws.internal.codec.PromptTemplates;
import dev.genaiaws.core.ContentBlock;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Conversation helpers shared by the codecs: merging consecutive turns of one role (most families
 * require strict alternation) and refusing images where a model reads text only.
 */
final class Turns {
  private Turns() {}

  /**
   * One speaker's turn after merging.
   *
   * @param role who spoke
   * @param messages the merged messages, in order
   */
  record Turn(Role role, List<Message> messages) {
    /** The blocks of all merged messages, in order. */
    List<ContentBlock> blocks() {
      List<ContentBlock> out = new ArrayList<>();
      messages.forEach(m -> out.addAll(m.content()));
      return out;
    }

    /** The text of each message, joined by a blank line between merged messages. */
    String text() {
      return messages.stream().map(Message::text).collect(Collectors.joining("\n\n"));
    }
  }

  /**
   * Merges consecutive messages of the same role into one turn, so that the turns strictly
   * alternate.
   */
  static List<Turn> merge(List<Message> messages) {
    List<Turn> turns = new ArrayList<>();
    for (Message m : messages) {
      if (!turns.isEmpty() && turns.get(turns.size() - 1).role() == m.role()) {
        Turn last = turns.remove(turns.size() - 1);
        List<Message> merged = new ArrayList<>(last.messages());
        merged.add(m);
        turns.add(new Turn(m.role(), List.copyOf(merged)));
      } else {
        turns.add(new Turn(m.role(), List.of(m)));
      }
    }
    return turns;
  }

  /** The merged turns as text, the input of the shared chat templates ({@link PromptTemplates}). */
  static List<PromptTemplates.Turn> texts(List<Turn> turns) {
    List<PromptTemplates.Turn> out = new ArrayList<>(turns.size());
    turns.forEach(t -> out.add(new PromptTemplates.Turn(t.role(), t.text())));
    return out;
  }

  /** Refuses a conversation that does not open with a user turn. */
  static void requireUserFirst(List<Turn> turns, String modelId, String family) {
    if (turns.get(0).role() != Role.USER) {
      throw new InvalidRequestException(
          "the first message for "
              + modelId
              + " ("
              + family
              + ") must be a user message but was "
              + turns.get(0).role().name().toLowerCase(Locale.ROOT)
              + ": start the conversation with user(\"...\")");
    }
  }

  /** Refuses images for a model that reads text only, naming the model. */
  static void rejectImages(GenerationRequest request, String modelId, String family) {
    if (request.hasImages()) {
      throw new InvalidRequestException(
          "model "
              + modelId
              + " ("
              + family
              + ") accepts text only, but the"
              + " request has an image block: remove it or use a vision model such as Claude 3");
    }
  }
}
