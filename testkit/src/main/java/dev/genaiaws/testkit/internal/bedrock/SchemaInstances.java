package dev.genaiaws.testkit.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * Builds a deterministic JSON value that is valid against a JSON Schema (the draft 2020-12 /
 * draft-07 subset tools and structured-output schemas use): {@code type} (also as a list), {@code
 * properties}, {@code required}, {@code items}, {@code enum}, {@code const}, {@code anyOf}/{@code
 * oneOf} (first alternative), {@code allOf} (merged objects), {@code $ref} to {@code #/$defs} or
 * {@code #/definitions}, string {@code minLength}/{@code maxLength}/{@code format}/{@code pattern}
 * (a pattern through {@link RegexSamples}, a hint, or a few common candidates), numeric bounds and
 * {@code multipleOf}, array {@code minItems}/{@code maxItems}.
 *
 * <p>Values can be steered from the conversation: a {@code name=value} or {@code name: value} in
 * the hint text sets property {@code name} when the value fits its schema (so "get_weather
 * city=Paris" makes {@code {"city":"Paris"}}).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class SchemaInstances {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 6;
  private static final List<String> PATTERN_CANDIDATES =
      List.of("sample", "SAMPLE", "abc123", "12345", "2024-05-01", "a", "A1", "0");

  private final JsonNode root;
  private final String hints;

  private SchemaInstances(JsonNode root, String hints) {
    this.root = root;
    this.hints = hints == null ? "" : hints;
  }

  /** A value valid against {@code schema}, steered by {@code hints} (may be empty). */
  static JsonNode instance(JsonNode schema, String hints) {
    return new SchemaInstances(schema, hints).value(schema, "value", 0);
  }

  private JsonNode value(JsonNode schema, String name, int depth) {
    schema = resolve(schema);
    if (schema == null || !schema.isObject()) {
      return F.textNode("sample " + name);
    }
    if (schema.has("const")) {
      return schema.get("const").deepCopy();
    }
    if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
      String hint = hint(name);
      for (JsonNode option : schema.get("enum")) {
        if (hint != null && option.asText().equals(hint)) {
          return option.deepCopy();
        }
      }
      return schema.get("enum").get(0).deepCopy();
    }
    for (String alt : List.of("anyOf", "oneOf")) {
      if (schema.path(alt).isArray() && !schema.get(alt).isEmpty()) {
        JsonNode chosen = schema.get(alt).get(0);
        for (JsonNode a : schema.get(alt)) {
          if (!"null".equals(resolve(a).path("type").asText())) {
            chosen = a;
            break;
          }
        }
        return value(chosen, name, depth + 1);
      }
    }
    if (schema.path("allOf").isArray() && !schema.get("allOf").isEmpty()) {
      ObjectNode merged = schema.deepCopy();
      merged.remove("allOf");
      for (JsonNode part : schema.get("allOf")) {
        JsonNode p = resolve(part);
        if (p != null && p.isObject()) {
          p.properties()
              .iterator()
              .forEachRemaining(
                  e -> {
                    if (e.getKey().equals("properties") && merged.has("properties")) {
                      ((ObjectNode) merged.get("properties")).setAll((ObjectNode) e.getValue());
                    } else if (e.getKey().equals("required") && merged.has("required")) {
                      ((ArrayNode) merged.get("required")).addAll((ArrayNode) e.getValue());
                    } else {
                      merged.set(e.getKey(), e.getValue().deepCopy());
                    }
                  });
        }
      }
      return value(merged, name, depth + 1);
    }
    return switch (type(schema)) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, name, depth);
      case "string" -> string(schema, name);
      case "integer" -> number(schema, name, true);
      case "number" -> number(schema, name, false);
      case "boolean" -> {
        String hint = hint(name);
        yield F.booleanNode(hint == null || !hint.equalsIgnoreCase("false"));
      }
      case "null" -> F.nullNode();
      default -> F.textNode("sample " + name);
    };
  }

  private static String type(JsonNode schema) {
    JsonNode t = schema.get("type");
    if (t != null && t.isTextual()) {
      return t.asText();
    }
    if (t != null && t.isArray()) {
      for (JsonNode each : t) {
        if (!"null".equals(each.asText())) {
          return each.asText();
        }
      }
      return "null";
    }
    if (schema.has("properties")) {
      return "object";
    }
    if (schema.has("items")) {
      return "array";
    }
    return "string";
  }

  private JsonNode resolve(JsonNode schema) {
    int hops = 0;
    while (schema != null && schema.has("$ref") && hops++ < 16) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#")) {
        return null;
      }
      JsonNode target = root.at(ref.substring(1));
      schema = target.isMissingNode() ? null : target;
    }
    return schema;
  }

  private JsonNode object(JsonNode schema, int depth) {
    ObjectNode out = F.objectNode();
    Set<String> required = new LinkedHashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    JsonNode props = schema.path("properties");
    Iterator<Map.Entry<String, JsonNode>> it = props.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (required.contains(e.getKey()) || depth < MAX_DEPTH / 2) {
        out.set(e.getKey(), value(e.getValue(), e.getKey(), depth + 1));
      }
    }
    for (String r : required) {
      if (!out.has(r)) {
        JsonNode additional = schema.get("additionalProperties");
        out.set(
            r,
            additional != null && additional.isObject()
                ? value(additional, r, depth + 1)
                : F.textNode("sample " + r));
      }
    }
    int min = schema.path("minProperties").asInt(0);
    for (int i = 0; out.size() < min && i < min + 1; i++) {
      JsonNode additional = schema.get("additionalProperties");
      out.set(
          "extra" + i,
          additional != null && additional.isObject()
              ? value(additional, "extra" + i, depth + 1)
              : F.textNode("sample"));
    }
    return out;
  }

  private JsonNode array(JsonNode schema, String name, int depth) {
    ArrayNode out = F.arrayNode();
    int min = schema.path("minItems").asInt(0);
    int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
    int count = Math.min(Math.max(min, depth >= MAX_DEPTH ? 0 : 1), max);
    JsonNode prefix = schema.path("prefixItems");
    for (int i = 0; i < count; i++) {
      JsonNode itemSchema =
          prefix.isArray() && i < prefix.size() ? prefix.get(i) : schema.get("items");
      JsonNode item =
          itemSchema == null ? F.textNode("item " + (i + 1)) : value(itemSchema, name, depth + 1);
      if (schema.path("uniqueItems").asBoolean(false) && item.isTextual() && i > 0) {
        item = F.textNode(item.asText() + " " + (i + 1));
      } else if (schema.path("uniqueItems").asBoolean(false) && item.isNumber() && i > 0) {
        item = F.numberNode(item.decimalValue().add(BigDecimal.valueOf(i)));
      }
      out.add(item);
    }
    return out;
  }

  private JsonNode string(JsonNode schema, String name) {
    int min = schema.path("minLength").asInt(0);
    int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : Integer.MAX_VALUE;
    Pattern pattern = null;
    if (schema.path("pattern").isTextual()) {
      try {
        pattern = Pattern.compile(schema.get("pattern").asText());
      } catch (RuntimeException e) {
        pattern = null;
      }
    }
    List<String> candidates = new ArrayList<>();
    String hint = hint(name);
    if (hint != null) {
      candidates.add(hint);
    }
    String format = schema.path("format").asText("");
    candidates.add(
        switch (format) {
          case "date" -> "2024-05-01";
          case "date-time" -> "2024-05-01T12:00:00Z";
          case "time" -> "12:00:00Z";
          case "email" -> "user@example.com";
          case "uri", "url" -> "https://example.com/" + name;
          case "uuid" -> "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
          case "ipv4" -> "192.0.2.1";
          default -> "sample " + name;
        });
    if (pattern != null) {
      String sample = RegexSamples.sample(pattern.pattern());
      if (sample != null) {
        candidates.add(sample);
      }
      candidates.addAll(PATTERN_CANDIDATES);
    }
    for (String c : candidates) {
      String fitted = fit(c, min, max);
      if (pattern == null || pattern.matcher(fitted).find()) {
        return F.textNode(fitted);
      }
    }
    return F.textNode(fit(candidates.get(candidates.size() - 1), min, max));
  }

  private static String fit(String s, int min, int max) {
    StringBuilder b = new StringBuilder(s);
    while (b.codePointCount(0, b.length()) < min) {
      b.append('x');
    }
    if (b.codePointCount(0, b.length()) > max) {
      return b.substring(0, b.offsetByCodePoints(0, max));
    }
    return b.toString();
  }

  private JsonNode number(JsonNode schema, String name, boolean integral) {
    BigDecimal low = bound(schema, "minimum", "exclusiveMinimum", true, integral);
    BigDecimal high = bound(schema, "maximum", "exclusiveMaximum", false, integral);
    BigDecimal v = null;
    String hint = hint(name);
    if (hint != null) {
      try {
        v = new BigDecimal(hint);
      } catch (NumberFormatException e) {
        v = null;
      }
      if (v != null
          && ((integral && v.stripTrailingZeros().scale() > 0)
              || (low != null && v.compareTo(low) < 0)
              || (high != null && v.compareTo(high) > 0))) {
        v = null;
      }
    }
    if (v == null) {
      v = low != null ? low : high != null ? high.min(BigDecimal.ONE) : BigDecimal.ONE;
    }
    if (schema.path("multipleOf").isNumber()) {
      BigDecimal step = schema.get("multipleOf").decimalValue();
      v = v.divide(step, 0, RoundingMode.CEILING).multiply(step);
    }
    if (integral) {
      return F.numberNode(v.setScale(0, RoundingMode.CEILING).longValueExact());
    }
    return F.numberNode(v);
  }

  private static BigDecimal bound(
      JsonNode schema, String inclusive, String exclusive, boolean lower, boolean integral) {
    BigDecimal b = schema.path(inclusive).isNumber() ? schema.get(inclusive).decimalValue() : null;
    if (schema.path(exclusive).isNumber()) {
      BigDecimal step = integral ? BigDecimal.ONE : new BigDecimal("0.5");
      BigDecimal e = schema.get(exclusive).decimalValue();
      e = lower ? e.add(step) : e.subtract(step);
      b = b == null ? e : lower ? b.max(e) : b.min(e);
    }
    if (b != null && integral) {
      b = lower ? b.setScale(0, RoundingMode.CEILING) : b.setScale(0, RoundingMode.FLOOR);
    }
    return b;
  }

  /**
   * The value given for {@code name} in the hint text ({@code name=value}, {@code name: "value"}).
   */
  private String hint(String name) {
    if (hints.isEmpty()) {
      return null;
    }
    Matcher m =
        Pattern.compile(
                "(?<![\\w-])"
                    + Pattern.quote(name)
                    + "\\s*[=:]\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s,;]+))")
            .matcher(hints);
    if (!m.find()) {
      return null;
    }
    String v = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    return v.endsWith(".") || v.endsWith("?") || v.endsWith("!")
        ? v.substring(0, v.length() - 1)
        : v;
  }
}
