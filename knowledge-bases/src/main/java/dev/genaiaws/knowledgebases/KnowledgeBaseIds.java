package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.regex.Pattern;

/** The id rules of knowledge bases and data sources: 1 to 10 letters or digits. */
final class KnowledgeBaseIds {
  private static final Pattern ID = Pattern.compile("[0-9a-zA-Z]{1,10}");

  private KnowledgeBaseIds() {}

  static String check(String id) {
    return check(id, "knowledgeBaseId");
  }

  static String check(String id, String field) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidRequestException(
          field
              + " must be 1 to 10 letters or digits (as the console shows it,"
              + " e.g. ABCDE12345) but was "
              + (id == null ? "null" : "'" + id + "'"));
    }
    return id;
  }
}
