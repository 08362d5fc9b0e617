package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Turn-order rules shared by the chat-shaped families and the Converse API. */
final class ConversationRules {
  private ConversationRules() {}

  /** Converse / Nova wording: first turn is the user's and roles alternate. */
  static @Nullable String converseRoles(JsonNode messages) {
    if (messages == null
        || !messages.isArray()
        || messages.isEmpty()
        || !"user".equals(messages.get(0).path("role").asText())) {
      return "A conversation must start with a user message. Try again with a conversation that "
          + "starts with a user message.";
    }
    for (int i = 1; i < messages.size(); i++) {
      if (messages.get(i).path("role").asText().equals(messages.get(i - 1).path("role").asText())) {
        return "A conversation must alternate between user and assistant roles. Make sure the "
            + "conversation alternates between user and assistant roles and try again.";
      }
    }
    return null;
  }

  /** Anthropic Messages wording. */
  static @Nullable String claudeRoles(JsonNode messages) {
    if (messages.isEmpty()) {
      return "messages: at least one message is required";
    }
    if (!"user".equals(messages.get(0).path("role").asText())) {
      return "messages: first message must use the \"user\" role";
    }
    for (int i = 1; i < messages.size(); i++) {
      String role = messages.get(i).path("role").asText();
      if (role.equals(messages.get(i - 1).path("role").asText())) {
        return "messages: roles must alternate between \"user\" and \"assistant\", but found "
            + "multiple \""
            + role
            + "\" roles in a row";
      }
    }
    return null;
  }
}
