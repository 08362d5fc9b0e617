package dev.genaiaws.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * A tiny declarative JSON-schema subset whose violation messages read like the ones Bedrock returns
 * (the service validates model bodies with a JSON-schema validator and reports {@code #/path:
 * problem}).
 *
 * <pre>{@code
 * Schema s = Schema.object()
 *     .required("prompt", Schema.string())
 *     .optional("temperature", Schema.number(0, 1.0));
 * List<String> violations = s.validate(body);
 * }</pre>
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public abstract class Schema {

  /** Checks {@code node} (found at {@code path}) and appends every violation to {@code errors}. */
  protected abstract void check(String path, JsonNode node, List<String> errors);

  /** Validates a whole document and returns the violations, in document order (empty if valid). */
  public final List<String> validate(JsonNode root) {
    List<String> errors = new ArrayList<>();
    check("#", root, errors);
    return errors;
  }

  /** An object; unknown keys are rejected unless {@link ObjectSchema#allowOthers()} is called. */
  public static ObjectSchema object() {
    return new ObjectSchema();
  }

  /** Any string. */
  public static StringSchema string() {
    return new StringSchema();
  }

  /** One of the given strings. */
  public static Schema enumOf(String... values) {
    return new EnumSchema(Arrays.asList(values));
  }

  /** One of the given integers. */
  public static Schema intEnumOf(int... values) {
    List<Object> vs = new ArrayList<>();
    for (int v : values) {
      vs.add(v);
    }
    return new EnumSchema(vs);
  }

  /** A number (integer or float) in {@code [min, max]}; a {@code null} bound is open. */
  public static Schema number(Number min, Number max) {
    return new NumberSchema(false, min, max);
  }

  /** An integer in {@code [min, max]}; a {@code null} bound is open. */
  public static Schema integer(Number min, Number max) {
    return new NumberSchema(true, min, max);
  }

  /** A boolean. */
  public static Schema bool() {
    return new TypeSchema("Boolean");
  }

  /** Anything at all (including objects with any keys). */
  public static Schema any() {
    return new Schema() {
      @Override
      protected void check(String path, JsonNode node, List<String> errors) {}
    };
  }

  /** Any JSON object, whatever its keys. */
  public static Schema anyObject() {
    return new TypeSchema("JSONObject");
  }

  /** An array whose items all match {@code items}. */
  public static ArraySchema array(Schema items) {
    return new ArraySchema(items);
  }

  /** Valid if at least one alternative is valid (e.g. a string or a list of blocks). */
  public static Schema anyOf(Schema... alternatives) {
    return new Schema() {
      @Override
      protected void check(String path, JsonNode node, List<String> errors) {
        List<String> firstErrors = null;
        for (Schema alt : alternatives) {
          List<String> e = new ArrayList<>();
          alt.check(path, node, e);
          if (e.isEmpty()) {
            return;
          }
          if (firstErrors == null) {
            firstErrors = e;
          }
        }
        errors.add(
            path
                + ": #: no subschema matched out of the total "
                + alternatives.length
                + " subschemas");
      }
    };
  }

  static String typeName(JsonNode node) {
    if (node == null || node.isNull()) {
      return "Null";
    }
    if (node.isObject()) {
      return "JSONObject";
    }
    if (node.isArray()) {
      return "JSONArray";
    }
    if (node.isTextual()) {
      return "String";
    }
    if (node.isBoolean()) {
      return "Boolean";
    }
    if (node.isIntegralNumber()) {
      return "Integer";
    }
    if (node.isNumber()) {
      return "BigDecimal";
    }
    return node.getNodeType().name();
  }

  private static String typeError(String path, String expected, JsonNode node) {
    return path + ": expected type: " + expected + ", found: " + typeName(node);
  }

  /** Schema of a JSON object with declared keys. */
  public static final class ObjectSchema extends Schema {
    private final Map<String, Schema> properties = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private boolean allowOthers;

    /** Declares a key that must be present. */
    public ObjectSchema required(String name, Schema schema) {
      properties.put(name, schema);
      required.add(name);
      return this;
    }

    /** Declares a key that may be present. */
    public ObjectSchema optional(String name, Schema schema) {
      properties.put(name, schema);
      return this;
    }

    /** Accepts keys that were not declared. */
    public ObjectSchema allowOthers() {
      this.allowOthers = true;
      return this;
    }

    @Override
    protected void check(String path, JsonNode node, List<String> errors) {
      if (node == null || !node.isObject()) {
        errors.add(typeError(path, "JSONObject", node));
        return;
      }
      for (String name : required) {
        if (!node.has(name)) {
          errors.add(path + ": required key [" + name + "] not found");
        }
      }
      Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Schema s = properties.get(e.getKey());
        if (s == null) {
          if (!allowOthers) {
            errors.add(path + ": extraneous key [" + e.getKey() + "] is not permitted");
          }
        } else {
          s.check(path + "/" + e.getKey(), e.getValue(), errors);
        }
      }
    }
  }

  /** Schema of a string, with optional length and pattern limits. */
  public static final class StringSchema extends Schema {
    private Integer minLength;
    private Integer maxLength;
    private Pattern pattern;

    /** Minimum length in characters. */
    public StringSchema minLength(int n) {
      this.minLength = n;
      return this;
    }

    /** Maximum length in characters. */
    public StringSchema maxLength(int n) {
      this.maxLength = n;
      return this;
    }

    /** A regular expression the whole value must match. */
    public StringSchema pattern(String regex) {
      this.pattern = Pattern.compile(regex);
      return this;
    }

    @Override
    protected void check(String path, JsonNode node, List<String> errors) {
      if (node == null || !node.isTextual()) {
        errors.add(typeError(path, "String", node));
        return;
      }
      String v = node.asText();
      int len = v.codePointCount(0, v.length());
      if (minLength != null && len < minLength) {
        errors.add(path + ": expected minLength: " + minLength + ", actual: " + len);
      }
      if (maxLength != null && len > maxLength) {
        errors.add(path + ": expected maxLength: " + maxLength + ", actual: " + len);
      }
      if (pattern != null && !pattern.matcher(v).find()) {
        errors.add(path + ": string [" + v + "] does not match pattern " + pattern.pattern());
      }
    }
  }

  /** Schema of an array, with optional item-count limits. */
  public static final class ArraySchema extends Schema {
    private final Schema items;
    private Integer minItems;
    private Integer maxItems;

    ArraySchema(Schema items) {
      this.items = items;
    }

    /** Minimum number of items. */
    public ArraySchema minItems(int n) {
      this.minItems = n;
      return this;
    }

    /** Maximum number of items. */
    public ArraySchema maxItems(int n) {
      this.maxItems = n;
      return this;
    }

    @Override
    protected void check(String path, JsonNode node, List<String> errors) {
      if (node == null || !node.isArray()) {
        errors.add(typeError(path, "JSONArray", node));
        return;
      }
      if (minItems != null && node.size() < minItems) {
        errors.add(path + ": expected minimum item count: " + minItems + ", found: " + node.size());
      }
      if (maxItems != null && node.size() > maxItems) {
        errors.add(path + ": expected maximum item count: " + maxItems + ", found: " + node.size());
      }
      for (int i = 0; i < node.size(); i++) {
        items.check(path + "/" + i, node.get(i), errors);
      }
    }
  }

  private static final class TypeSchema extends Schema {
    private final String type;

    TypeSchema(String type) {
      this.type = type;
    }

    @Override
    protected void check(String path, JsonNode node, List<String> errors) {
      boolean ok =
          switch (type) {
            case "Boolean" -> node != null && node.isBoolean();
            case "JSONObject" -> node != null && node.isObject();
            default -> true;
          };
      if (!ok) {
        errors.add(typeError(path, type, node));
      }
    }
  }

  private static final class EnumSchema extends Schema {
    private final List<?> values;

    EnumSchema(List<?> values) {
      this.values = values;
    }

    @Override
    protected void check(String path, JsonNode node, List<String> errors) {
      Object v =
          node == null
              ? null
              : node.isTextual()
                  ? node.asText()
                  : node.isIntegralNumber() ? (Object) node.asInt() : node.toString();
      if (!values.contains(v)) {
        errors.add(
            path + ": " + (node == null ? "null" : node.asText()) + " is not a valid enum value");
      }
    }
  }

  private static final class NumberSchema extends Schema {
    private final boolean integral;
    private final Number min;
    private final Number max;

    NumberSchema(boolean integral, Number min, Number max) {
      this.integral = integral;
      this.min = min;
      this.max = max;
    }

    @Override
    protected void check(String path, JsonNode node, List<String> errors) {
      if (node == null || !node.isNumber()) {
        errors.add(typeError(path, integral ? "Integer" : "Number", node));
        return;
      }
      BigDecimal v = node.decimalValue();
      if (integral && v.stripTrailingZeros().scale() > 0) {
        errors.add(typeError(path, "Integer", node));
        return;
      }
      if (min != null && v.compareTo(new BigDecimal(min.toString())) < 0) {
        errors.add(path + ": " + node + " is not greater or equal to " + min);
      }
      if (max != null && v.compareTo(new BigDecimal(max.toString())) > 0) {
        errors.add(path + ": " + node + " is not less or equal to " + max);
      }
    }
  }
}
