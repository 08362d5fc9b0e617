package dev.genaiaws.core.internal;

import dev.genaiaws.core.JsonValue;
import dev.genaiaws.core.JsonValue.JsonArray;
import dev.genaiaws.core.JsonValue.JsonBoolean;
import dev.genaiaws.core.JsonValue.JsonNull;
import dev.genaiaws.core.JsonValue.JsonNumber;
import dev.genaiaws.core.JsonValue.JsonObject;
import dev.genaiaws.core.JsonValue.JsonString;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Java records as JSON: a JSON Schema derived from a record's components (for tool inputs and
 * structured answers), and a record bound from a {@link JsonValue}. Supported component types:
 * {@code String}, primitives and their boxes, {@code BigDecimal}, {@code BigInteger}, enums, {@code
 * List<T>}, {@code Optional<T>} (not required), {@code Map<String, T>}, {@link JsonValue} (any
 * JSON) and nested records. Every other component is required; schemas say {@code
 * "additionalProperties": false}, which is what strict structured output needs. Internal.
 */
public final class JsonRecords {
  private JsonRecords() {}

  /** The JSON Schema of a record type. */
  public static JsonObject schemaOf(Class<? extends Record> type) {
    return (JsonObject) schema(type, new HashSet<>());
  }

  private static JsonValue schema(Type type, Set<Class<?>> seen) {
    Class<?> raw = rawClass(type);
    Map<String, Object> s = new LinkedHashMap<>();
    if (raw == String.class || raw == char.class || raw == Character.class) {
      s.put("type", "string");
    } else if (raw == boolean.class || raw == Boolean.class) {
      s.put("type", "boolean");
    } else if (raw == int.class
        || raw == Integer.class
        || raw == long.class
        || raw == Long.class
        || raw == short.class
        || raw == Short.class
        || raw == byte.class
        || raw == Byte.class
        || raw == BigInteger.class) {
      s.put("type", "integer");
    } else if (raw == double.class
        || raw == Double.class
        || raw == float.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      s.put("type", "number");
    } else if (raw.isEnum()) {
      s.put("type", "string");
      List<String> names = new ArrayList<>();
      for (Object c : raw.getEnumConstants()) {
        names.add(((Enum<?>) c).name());
      }
      s.put("enum", names);
    } else if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
      s.put("type", "array");
      s.put("items", schema(typeArg(type, 0), seen));
    } else if (raw == Optional.class) {
      return schema(typeArg(type, 0), seen);
    } else if (Map.class.isAssignableFrom(raw)) {
      s.put("type", "object");
      s.put("additionalProperties", schema(typeArg(type, 1), seen));
    } else if (JsonValue.class.isAssignableFrom(raw)) {
      return JsonValue.emptyObject();
    } else if (raw.isRecord()) {
      if (!seen.add(raw)) {
        throw new InvalidRequestException(
            "record "
                + raw.getSimpleName()
                + " refers to itself: a JSON Schema cannot be derived from a recursive record");
      }
      s.put("type", "object");
      Map<String, Object> props = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (RecordComponent c : raw.getRecordComponents()) {
        props.put(c.getName(), schema(c.getGenericType(), seen));
        if (c.getType() != Optional.class) {
          required.add(c.getName());
        }
      }
      seen.remove(raw);
      s.put("properties", props);
      s.put("required", required);
      s.put("additionalProperties", false);
    } else {
      throw new InvalidRequestException(
          "cannot derive a JSON Schema for a component of type "
              + type.getTypeName()
              + ": use strings, numbers, booleans, enums, lists, maps or records");
    }
    return JsonValue.of(s);
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new InvalidRequestException(
        "unsupported type "
            + t.getTypeName()
            + ": use concrete types (no wildcards or type variables) in records bound to JSON");
  }

  private static Type typeArg(Type t, int i) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      return p.getActualTypeArguments()[i];
    }
    throw new InvalidRequestException(
        "raw type " + t.getTypeName() + " needs type arguments (e.g. List<String>)");
  }

  /**
   * Binds JSON to a type.
   *
   * @throws InvalidRequestException naming the JSON path that does not fit (never its content)
   */
  public static <T> T bind(JsonValue json, Class<T> type) {
    Object bound = bind(json, type, "$");
    if (bound == null) {
      throw new InvalidRequestException(
          "the JSON at $ is null but "
              + type.getSimpleName()
              + " was asked for: bind to Optional or JsonValue to accept null");
    }
    return type.cast(bound);
  }

  private static @Nullable Object bind(JsonValue v, Type type, String path) {
    Class<?> raw = rawClass(type);
    if (JsonValue.class.isAssignableFrom(raw)) {
      return v;
    }
    if (raw == Optional.class) {
      return v instanceof JsonNull
          ? Optional.empty()
          : Optional.ofNullable(bind(v, typeArg(type, 0), path));
    }
    if (v instanceof JsonNull) {
      if (raw.isPrimitive()) {
        throw mismatch(path, "a " + raw.getName(), v);
      }
      return null;
    }
    if (raw == String.class) {
      return str(v, path);
    }
    if (raw == char.class || raw == Character.class) {
      String s = str(v, path);
      if (s.length() != 1) {
        throw mismatch(path, "a single character", v);
      }
      return s.charAt(0);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (v instanceof JsonBoolean b) {
        return b.value();
      }
      throw mismatch(path, "a boolean", v);
    }
    if (Number.class.isAssignableFrom(raw) || (raw.isPrimitive() && raw != void.class)) {
      return number(v, raw, path);
    }
    if (raw.isEnum()) {
      String s = str(v, path);
      for (Object c : raw.getEnumConstants()) {
        if (((Enum<?>) c).name().equals(s)) {
          return c;
        }
      }
      for (Object c : raw.getEnumConstants()) {
        if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
          return c;
        }
      }
      throw new InvalidRequestException(
          "the JSON at "
              + path
              + " is not one of the "
              + raw.getSimpleName()
              + " values "
              + java.util.Arrays.toString(raw.getEnumConstants()));
    }
    if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
      if (!(v instanceof JsonArray a)) {
        throw mismatch(path, "an array", v);
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < a.elements().size(); i++) {
        out.add(bind(a.elements().get(i), typeArg(type, 0), path + "[" + i + "]"));
      }
      return Set.class.isAssignableFrom(raw)
          ? java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(out))
          : java.util.Collections.unmodifiableList(out);
    }
    if (Map.class.isAssignableFrom(raw)) {
      if (!(v instanceof JsonObject o)) {
        throw mismatch(path, "an object", v);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      o.members().forEach((k, e) -> out.put(k, bind(e, typeArg(type, 1), path + "." + k)));
      return java.util.Collections.unmodifiableMap(out);
    }
    if (raw.isRecord()) {
      if (!(v instanceof JsonObject o)) {
        throw mismatch(path, "an object", v);
      }
      RecordComponent[] components = raw.getRecordComponents();
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        types[i] = c.getType();
        JsonValue member = o.members().get(c.getName());
        if (member == null) {
          if (c.getType() == Optional.class) {
            args[i] = Optional.empty();
            continue;
          }
          throw new InvalidRequestException(
              "the JSON at "
                  + path
                  + " has no \""
                  + c.getName()
                  + "\", which "
                  + raw.getSimpleName()
                  + " requires");
        }
        args[i] = bind(member, c.getGenericType(), path + "." + c.getName());
      }
      try {
        Constructor<?> ctor = raw.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return ctor.newInstance(args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new InvalidRequestException(
            "the JSON at "
                + path
                + " fits "
                + raw.getSimpleName()
                + " but its constructor refused it: "
                + cause.getMessage(),
            cause);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new InvalidRequestException(
            "could not create " + raw.getSimpleName() + " from the JSON at " + path + ": " + e, e);
      }
    }
    throw new InvalidRequestException(
        "cannot bind JSON to "
            + type.getTypeName()
            + ": use strings, numbers, booleans, enums, lists, maps or records");
  }

  private static String str(JsonValue v, String path) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw mismatch(path, "a string", v);
  }

  private static Object number(JsonValue v, Class<?> raw, String path) {
    if (!(v instanceof JsonNumber n)) {
      throw mismatch(path, "a number", v);
    }
    BigDecimal d = n.value();
    try {
      if (raw == int.class || raw == Integer.class) {
        return d.intValueExact();
      }
      if (raw == long.class || raw == Long.class) {
        return d.longValueExact();
      }
      if (raw == short.class || raw == Short.class) {
        return d.shortValueExact();
      }
      if (raw == byte.class || raw == Byte.class) {
        return d.byteValueExact();
      }
      if (raw == BigInteger.class) {
        return d.toBigIntegerExact();
      }
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(
          "the number at " + path + " does not fit a " + raw.getSimpleName(), e);
    }
    if (raw == double.class || raw == Double.class || raw == Number.class) {
      return d.doubleValue();
    }
    if (raw == float.class || raw == Float.class) {
      return d.floatValue();
    }
    if (raw == BigDecimal.class) {
      return d;
    }
    throw new InvalidRequestException("unsupported number type " + raw.getName() + " at " + path);
  }

  private static InvalidRequestException mismatch(String path, String expected, JsonValue got) {
    String kind =
        got instanceof JsonObject
            ? "an object"
            : got instanceof JsonArray
                ? "an array"
                : got instanceof JsonString
                    ? "a string"
                    : got instanceof JsonNumber
                        ? "a number"
                        : got instanceof JsonBoolean ? "a boolean" : "null";
    return new InvalidRequestException(
        "the JSON at " + path + " should be " + expected + " but is " + kind);
  }
}
