package dev.genaiaws.testkit.internal.kb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.NullUnmarked;

/**
 * The {@code RetrievalFilter} union: validation as the service does it (exactly one member per
 * filter object, {@code key} 1..100 characters, {@code andAll}/{@code orAll} with 2..5 filters,
 * {@code in}/{@code notIn} with a list, ordering operators with a number, {@code startsWith}/{@code
 * stringContains} with a string) and evaluation against a chunk's metadata.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class Filters {
  private static final Set<String> LEAVES =
      Set.of(
          "equals",
          "notEquals",
          "greaterThan",
          "greaterThanOrEquals",
          "lessThan",
          "lessThanOrEquals",
          "in",
          "notIn",
          "startsWith",
          "listContains",
          "stringContains");

  private Filters() {}

  /** The problem with {@code filter}, or {@code null} when it is valid. */
  static String validate(JsonNode filter, String path) {
    if (filter == null || !filter.isObject() || filter.size() != 1) {
      return "1 validation error detected: Value at '"
          + path
          + "' failed to satisfy constraint: "
          + "exactly one filter operator must be set";
    }
    Map.Entry<String, JsonNode> op = filter.properties().iterator().next();
    String name = op.getKey();
    JsonNode v = op.getValue();
    if (name.equals("andAll") || name.equals("orAll")) {
      if (!v.isArray() || v.size() < 2 || v.size() > 5) {
        return "1 validation error detected: Value at '"
            + path
            + "."
            + name
            + "' failed to satisfy "
            + "constraint: Member must have length between 2 and 5";
      }
      for (int i = 0; i < v.size(); i++) {
        String p = validate(v.get(i), path + "." + name + "." + (i + 1));
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    if (!LEAVES.contains(name)) {
      return "Unknown filter operator '" + name + "' at '" + path + "'";
    }
    JsonNode key = v.get("key");
    if (key == null || !key.isTextual() || key.asText().isEmpty() || key.asText().length() > 100) {
      return "1 validation error detected: Value at '"
          + path
          + "."
          + name
          + ".key' failed to satisfy "
          + "constraint: Member must have length between 1 and 100";
    }
    JsonNode value = v.get("value");
    if (value == null || value.isNull()) {
      return "1 validation error detected: Value null at '"
          + path
          + "."
          + name
          + ".value' failed to satisfy "
          + "constraint: Member must not be null";
    }
    switch (name) {
      case "in", "notIn" -> {
        if (!value.isArray()) {
          return "Invalid filter: the value of '" + name + "' must be a list";
        }
      }
      case "greaterThan", "greaterThanOrEquals", "lessThan", "lessThanOrEquals" -> {
        if (!value.isNumber()) {
          return "Invalid filter: the value of '" + name + "' must be a number";
        }
      }
      case "startsWith", "stringContains" -> {
        if (!value.isTextual()) {
          return "Invalid filter: the value of '" + name + "' must be a string";
        }
      }
      case "listContains" -> {
        if (value.isArray() || value.isObject()) {
          return "Invalid filter: the value of 'listContains' must be a single value";
        }
      }
      default -> {
        if (value.isObject()) {
          return "Invalid filter: the value of '"
              + name
              + "' must be a string, number, boolean or list";
        }
      }
    }
    return null;
  }

  /** A predicate over chunks for a valid filter ({@code null}: everything matches). */
  static Predicate<Index.Chunk> predicate(JsonNode filter) {
    if (filter == null || filter.isNull()) {
      return c -> true;
    }
    return c -> matches(filter, c.metadata());
  }

  private static boolean matches(JsonNode filter, JsonNode metadata) {
    Map.Entry<String, JsonNode> op = filter.properties().iterator().next();
    JsonNode v = op.getValue();
    switch (op.getKey()) {
      case "andAll" -> {
        for (JsonNode f : v) {
          if (!matches(f, metadata)) {
            return false;
          }
        }
        return true;
      }
      case "orAll" -> {
        for (JsonNode f : v) {
          if (matches(f, metadata)) {
            return true;
          }
        }
        return false;
      }
      default -> {
        // handled below
      }
    }
    JsonNode actual = metadata == null ? null : metadata.get(v.get("key").asText());
    JsonNode value = v.get("value");
    return switch (op.getKey()) {
      case "equals" -> actual != null && same(actual, value);
      case "notEquals" -> actual == null || !same(actual, value);
      case "greaterThan" ->
          actual != null && actual.isNumber() && actual.asDouble() > value.asDouble();
      case "greaterThanOrEquals" ->
          actual != null && actual.isNumber() && actual.asDouble() >= value.asDouble();
      case "lessThan" ->
          actual != null && actual.isNumber() && actual.asDouble() < value.asDouble();
      case "lessThanOrEquals" ->
          actual != null && actual.isNumber() && actual.asDouble() <= value.asDouble();
      case "in" -> actual != null && contains(value, actual);
      case "notIn" -> actual == null || !contains(value, actual);
      case "startsWith" ->
          actual != null && actual.isTextual() && actual.asText().startsWith(value.asText());
      case "listContains" -> actual != null && actual.isArray() && contains(actual, value);
      case "stringContains" ->
          actual != null
              && (actual.isTextual()
                  ? actual.asText().contains(value.asText())
                  : actual.isArray() && anyContains(actual, value.asText()));
      default -> false;
    };
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.asDouble() == b.asDouble();
    }
    return a.equals(b);
  }

  private static boolean contains(JsonNode list, JsonNode item) {
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
      if (same(it.next(), item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyContains(JsonNode list, String part) {
    for (JsonNode e : List.copyOf(toList(list))) {
      if (e.isTextual() && e.asText().contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonNode> toList(JsonNode list) {
    java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
    list.forEach(out::add);
    return out;
  }
}
