package dev.genaiaws.core.internal;

import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.JsonValue.JsonArray;
import dev.genaiaws.core.JsonValue.JsonBoolean;
import dev.genaiaws.core.JsonValue.JsonNull;
import dev.genaiaws.core.JsonValue.JsonNumber;
import dev.genaiaws.core.JsonValue.JsonObject;
import dev.genaiaws.core.JsonValue.JsonString;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link JsonValue}s as text (RFC 8259, strict: no comments, no trailing commas),
 * and builds them from plain Java values. Core depends on no JSON library, so this is the one small
 * parser it has. Internal.
 */
public final class JsonText {
  private static final int MAX_DEPTH = 512;

  private final String s;
  private int pos;

  private JsonText(String s) {
    this.s = s;
  }

  /** Parses JSON text; errors name the position, never the content. */
  public static JsonValue parse(String json) {
    Checks.notNull(json, "json");
    JsonText p = new JsonText(json);
    p.skipSpace();
    JsonValue v = p.value(0);
    p.skipSpace();
    if (p.pos != json.length()) {
      throw p.error("unexpected text after the JSON value");
    }
    return v;
  }

  private InvalidRequestException error(String what) {
    return new InvalidRequestException(
        "not valid JSON: " + what + " at offset " + pos + " of " + s.length());
  }

  private void skipSpace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private JsonValue value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return new JsonString(string());
      case 't':
        literal("true");
        return new JsonBoolean(true);
      case 'f':
        literal("false");
        return new JsonBoolean(false);
      case 'n':
        literal("null");
        return JsonNull.INSTANCE;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private void literal(String word) {
    if (!s.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
  }

  private JsonObject object(int depth) {
    pos++;
    Map<String, JsonValue> members = new LinkedHashMap<>();
    skipSpace();
    if (pos < s.length() && s.charAt(pos) == '}') {
      pos++;
      return new JsonObject(members);
    }
    while (true) {
      skipSpace();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw error("expected a member name");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      members.put(key, value(depth + 1));
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
        continue;
      }
      expect('}');
      return new JsonObject(members);
    }
  }

  private JsonArray array(int depth) {
    pos++;
    List<JsonValue> elements = new ArrayList<>();
    skipSpace();
    if (pos < s.length() && s.charAt(pos) == ']') {
      pos++;
      return new JsonArray(elements);
    }
    while (true) {
      skipSpace();
      elements.add(value(depth + 1));
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
        continue;
      }
      expect(']');
      return new JsonArray(elements);
    }
  }

  private void expect(char c) {
    if (pos >= s.length() || s.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private String string() {
    pos++;
    StringBuilder out = null;
    int start = pos;
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos);
      if (c == '"') {
        String tail = s.substring(start, pos);
        pos++;
        return out == null ? tail : out.append(tail).toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder();
        }
        out.append(s, start, pos);
        pos++;
        if (pos >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("short unicode escape");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad unicode escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape");
        }
        start = pos;
      } else {
        pos++;
      }
    }
  }

  private JsonNumber number() {
    int start = pos;
    if (s.charAt(pos) == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
      pos++;
    }
    if (pos == digits || (s.charAt(digits) == '0' && pos - digits > 1)) {
      throw error("bad number");
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      int frac = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      if (pos == frac) {
        throw error("bad number");
      }
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      int exp = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      if (pos == exp) {
        throw error("bad number");
      }
    }
    return new JsonNumber(new BigDecimal(s.substring(start, pos)));
  }

  /** Compact JSON text. */
  public static String write(JsonValue v) {
    StringBuilder out = new StringBuilder();
    write(v, out);
    return out.toString();
  }

  private static void write(JsonValue v, StringBuilder out) {
    if (v instanceof JsonObject o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (v instanceof JsonArray a) {
      out.append('[');
      for (int i = 0; i < a.elements().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.elements().get(i), out);
      }
      out.append(']');
    } else if (v instanceof JsonString str) {
      quote(str.value(), out);
    } else if (v instanceof JsonNumber n) {
      out.append(n.value().toString());
    } else if (v instanceof JsonBoolean b) {
      out.append(b.value());
    } else {
      out.append("null");
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A JSON value from plain Java values (see {@link JsonValue#of(Object)}). */
  public static JsonValue fromJava(Object value) {
    return fromJava(value, 0);
  }

  private static JsonValue fromJava(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidRequestException("value nested deeper than " + MAX_DEPTH + " (a cycle?)");
    }
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof JsonValue j) {
      return j;
    }
    if (value instanceof Boolean b) {
      return new JsonBoolean(b);
    }
    if (value instanceof BigDecimal d) {
      return new JsonNumber(d);
    }
    if (value instanceof BigInteger i) {
      return new JsonNumber(new BigDecimal(i));
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidRequestException("JSON has no NaN or infinite numbers but got " + d);
      }
      return new JsonNumber(BigDecimal.valueOf(d));
    }
    if (value instanceof Number n) {
      return new JsonNumber(BigDecimal.valueOf(n.longValue()));
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return new JsonString(value.toString());
    }
    if (value instanceof Enum<?> e) {
      return new JsonString(e.name());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, JsonValue> members = new LinkedHashMap<>();
      m.forEach((k, v) -> members.put(String.valueOf(k), fromJava(v, depth + 1)));
      return new JsonObject(members);
    }
    if (value instanceof Iterable<?> it) {
      List<JsonValue> elements = new ArrayList<>();
      it.forEach(v -> elements.add(fromJava(v, depth + 1)));
      return new JsonArray(elements);
    }
    if (value.getClass().isArray()) {
      List<JsonValue> elements = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        elements.add(fromJava(Array.get(value, i), depth + 1));
      }
      return new JsonArray(elements);
    }
    if (value instanceof java.util.Optional<?> o) {
      return o.isPresent() ? fromJava(o.get(), depth + 1) : JsonNull.INSTANCE;
    }
    if (value instanceof Record r) {
      Map<String, JsonValue> members = new LinkedHashMap<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          members.put(c.getName(), fromJava(c.getAccessor().invoke(r), depth + 1));
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new InvalidRequestException(
              "could not read component "
                  + c.getName()
                  + " of "
                  + r.getClass().getSimpleName()
                  + ": "
                  + e,
              e);
        }
      }
      return new JsonObject(members);
    }
    throw new InvalidRequestException(
        "cannot turn a "
            + value.getClass().getName()
            + " into JSON: use maps, lists, strings, numbers, booleans, enums or records");
  }
}
