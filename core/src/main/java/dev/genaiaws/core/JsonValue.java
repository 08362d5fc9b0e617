package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.JsonText;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value, immutable: what a tool's input schema, a tool call's arguments, a tool's JSON
 * result and a structured answer are made of. It is this SDK's own small type so that the neutral
 * API depends on no JSON library; turn it into text with {@link #toJson()} and back with {@link
 * #parse(String)}, or build it from plain Java values:
 *
 * <pre>{@code
 * JsonValue schema = JsonValue.parse("""
 *     {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
 * JsonValue args = JsonValue.of(Map.of("city", "Paris"));
 * String city = args.get("city").flatMap(JsonValue::asString).orElse("?");
 * }</pre>
 *
 * <p>Objects keep their keys in insertion order. Numbers are {@link BigDecimal}s, so nothing is
 * rounded. {@code toString()} prints the kind and size only, never the content (it may hold prompt
 * data).
 */
public sealed interface JsonValue
    permits JsonValue.JsonObject,
        JsonValue.JsonArray,
        JsonValue.JsonString,
        JsonValue.JsonNumber,
        JsonValue.JsonBoolean,
        JsonValue.JsonNull {

  /**
   * Parses JSON text.
   *
   * @throws InvalidRequestException when the text is not valid JSON (the message gives the
   *     position)
   */
  static JsonValue parse(String json) {
    return JsonText.parse(json);
  }

  /**
   * A JSON value from plain Java values: {@code null}, {@link Boolean}, {@link Number}, {@link
   * CharSequence}, {@link Enum} (its name), {@link Map} (keys as strings), {@link Iterable},
   * arrays, records (their components) and {@code JsonValue}s themselves.
   *
   * @throws InvalidRequestException for anything else
   */
  static JsonValue of(Object value) {
    return JsonText.fromJava(value);
  }

  /** Compact JSON text of this value. */
  default String toJson() {
    return JsonText.write(this);
  }

  /**
   * This value as plain Java: {@code Map}, {@code List}, {@code String}, {@code BigDecimal}, {@code
   * Boolean} or null.
   */
  @Nullable Object toJava();

  /** The member of an object, if this is an object that has it. */
  default Optional<JsonValue> get(String key) {
    return this instanceof JsonObject o
        ? Optional.ofNullable(o.members().get(key))
        : Optional.empty();
  }

  /** The string, if this is a string. */
  default Optional<String> asString() {
    return this instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }

  /** Whether this is a JSON object. */
  default boolean isObject() {
    return this instanceof JsonObject;
  }

  /** The empty object {@code {}}. */
  static JsonObject emptyObject() {
    return JsonObject.EMPTY;
  }

  /**
   * A JSON object.
   *
   * @param members the members in order
   */
  record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
      Checks.notNull(members, "members");
      LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
      members.forEach(
          (k, v) -> copy.put(Checks.notNull(k, "key"), v == null ? JsonNull.INSTANCE : v));
      members = Collections.unmodifiableMap(copy);
    }

    @Override
    public Object toJava() {
      Map<String, Object> out = new LinkedHashMap<>();
      members.forEach((k, v) -> out.put(k, v.toJava()));
      return out;
    }

    @Override
    public String toString() {
      return "JsonObject[" + members.size() + " members]";
    }
  }

  /**
   * A JSON array.
   *
   * @param elements the elements in order
   */
  record JsonArray(List<JsonValue> elements) implements JsonValue {
    public JsonArray {
      elements = elements.stream().map(e -> e == null ? (JsonValue) JsonNull.INSTANCE : e).toList();
    }

    @Override
    public Object toJava() {
      return elements.stream().map(JsonValue::toJava).toList();
    }

    @Override
    public String toString() {
      return "JsonArray[" + elements.size() + " elements]";
    }
  }

  /**
   * A JSON string.
   *
   * @param value the text
   */
  record JsonString(String value) implements JsonValue {
    public JsonString {
      Checks.notNull(value, "value");
    }

    @Override
    public Object toJava() {
      return value;
    }

    @Override
    public String toString() {
      return "JsonString[" + value.length() + " chars]";
    }
  }

  /**
   * A JSON number.
   *
   * @param value the number, exactly
   */
  record JsonNumber(BigDecimal value) implements JsonValue {
    public JsonNumber {
      Checks.notNull(value, "value");
    }

    @Override
    public Object toJava() {
      return value;
    }
  }

  /**
   * {@code true} or {@code false}.
   *
   * @param value the value
   */
  record JsonBoolean(boolean value) implements JsonValue {
    @Override
    public Object toJava() {
      return value;
    }
  }

  /** {@code null}. */
  enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public @Nullable Object toJava() {
      return null;
    }
  }
}
