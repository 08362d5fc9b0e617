package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.NullUnmarked;

/**
 * A condition on the metadata of a document's chunks (the attributes of its {@code
 * <name>.metadata.json} sidecar, and the service's own {@code x-amz-bedrock-kb-*} keys), applied by
 * the vector store before ranking.
 *
 * <pre>{@code
 * import static dev.genaiaws.knowledgebases.MetadataFilter.*;
 *
 * MetadataFilter filter = andAll(
 *     equalTo("category", "pump"),
 *     greaterThanOrEquals("year", 2020),
 *     orAll(listContains("tags", "garden"), startsWith("model", "AT-")));
 * }</pre>
 *
 * <p>Values are strings, numbers, booleans or (for {@link #in} and {@link #notIn}) lists of those;
 * ordering operators take numbers; {@link #startsWith} and {@link #stringContains} take strings.
 * {@link #andAll} and {@link #orAll} combine 2 to 5 filters. Keys are 1 to 100 characters.
 * Everything is checked here, before any call, with an {@link InvalidRequestException} that names
 * the rule. Immutable; {@code toString()} shows keys and operators, never values.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class MetadataFilter {

  /** The operators of the service's {@code RetrievalFilter}. */
  public enum Operator {
    /** The attribute equals the value ({@code equals}). */
    EQUALS,
    /** The attribute is absent or differs ({@code notEquals}). */
    NOT_EQUALS,
    /** A number greater than the value. */
    GREATER_THAN,
    /** A number greater than or equal to the value. */
    GREATER_THAN_OR_EQUALS,
    /** A number less than the value. */
    LESS_THAN,
    /** A number less than or equal to the value. */
    LESS_THAN_OR_EQUALS,
    /** The attribute is one of the listed values. */
    IN,
    /** The attribute is none of the listed values. */
    NOT_IN,
    /** A string attribute starting with the value (Amazon OpenSearch Serverless stores only). */
    STARTS_WITH,
    /** A list attribute containing the value. */
    LIST_CONTAINS,
    /** A string attribute containing the value, or a list attribute with a member that does. */
    STRING_CONTAINS,
    /** All of the filters hold. */
    AND_ALL,
    /** At least one of the filters holds. */
    OR_ALL
  }

  private final Operator operator;
  private final String key;
  private final Object value;
  private final List<MetadataFilter> filters;

  private MetadataFilter(
      Operator operator, String key, Object value, List<MetadataFilter> filters) {
    this.operator = operator;
    this.key = key;
    this.value = value;
    this.filters = filters;
  }

  private static MetadataFilter leaf(Operator op, String key, Object value) {
    if (key == null || key.isEmpty() || key.length() > 100) {
      throw new InvalidRequestException(
          "a metadata filter key must be 1 to 100 characters but was "
              + (key == null ? "null" : key.length() + " characters"));
    }
    if (value == null) {
      throw new InvalidRequestException(
          "the value of the " + op + " filter on '" + key + "' must not be null");
    }
    return new MetadataFilter(op, key, value, List.of());
  }

  private static Object scalar(Operator op, String key, Object value) {
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new InvalidRequestException(
          "the value of the "
              + op
              + " filter on '"
              + key
              + "' must be a string,"
              + " number or boolean but was "
              + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return value;
  }

  /**
   * The attribute equals {@code value} (a string, number or boolean). Named so as not to clash with
   * {@link #equals(Object)}.
   */
  public static MetadataFilter equalTo(String key, Object value) {
    return leaf(Operator.EQUALS, key, scalar(Operator.EQUALS, key, value));
  }

  /** The attribute is absent or differs from {@code value}. */
  public static MetadataFilter notEquals(String key, Object value) {
    return leaf(Operator.NOT_EQUALS, key, scalar(Operator.NOT_EQUALS, key, value));
  }

  /** The attribute is a number greater than {@code value}. */
  public static MetadataFilter greaterThan(String key, Number value) {
    return leaf(Operator.GREATER_THAN, key, value);
  }

  /** The attribute is a number greater than or equal to {@code value}. */
  public static MetadataFilter greaterThanOrEquals(String key, Number value) {
    return leaf(Operator.GREATER_THAN_OR_EQUALS, key, value);
  }

  /** The attribute is a number less than {@code value}. */
  public static MetadataFilter lessThan(String key, Number value) {
    return leaf(Operator.LESS_THAN, key, value);
  }

  /** The attribute is a number less than or equal to {@code value}. */
  public static MetadataFilter lessThanOrEquals(String key, Number value) {
    return leaf(Operator.LESS_THAN_OR_EQUALS, key, value);
  }

  /** The attribute is one of {@code values} (strings, numbers or booleans; at least one). */
  public static MetadataFilter in(String key, List<?> values) {
    return leaf(Operator.IN, key, list(Operator.IN, key, values));
  }

  /** The attribute is none of {@code values}. */
  public static MetadataFilter notIn(String key, List<?> values) {
    return leaf(Operator.NOT_IN, key, list(Operator.NOT_IN, key, values));
  }

  /** The attribute is a string starting with {@code prefix}. */
  public static MetadataFilter startsWith(String key, String prefix) {
    return leaf(Operator.STARTS_WITH, key, prefix);
  }

  /** The attribute is a list containing {@code value}. */
  public static MetadataFilter listContains(String key, Object value) {
    return leaf(Operator.LIST_CONTAINS, key, scalar(Operator.LIST_CONTAINS, key, value));
  }

  /**
   * The attribute is a string containing {@code part}, or a list with a string member containing
   * it.
   */
  public static MetadataFilter stringContains(String key, String part) {
    return leaf(Operator.STRING_CONTAINS, key, part);
  }

  /** All of {@code filters} hold (2 to 5 of them). */
  public static MetadataFilter andAll(MetadataFilter... filters) {
    return group(Operator.AND_ALL, filters);
  }

  /** All of {@code filters} hold (2 to 5 of them). */
  public static MetadataFilter andAll(List<MetadataFilter> filters) {
    return group(Operator.AND_ALL, filters.toArray(MetadataFilter[]::new));
  }

  /** At least one of {@code filters} holds (2 to 5 of them). */
  public static MetadataFilter orAll(MetadataFilter... filters) {
    return group(Operator.OR_ALL, filters);
  }

  /** At least one of {@code filters} holds (2 to 5 of them). */
  public static MetadataFilter orAll(List<MetadataFilter> filters) {
    return group(Operator.OR_ALL, filters.toArray(MetadataFilter[]::new));
  }

  private static MetadataFilter group(Operator op, MetadataFilter[] filters) {
    if (filters == null || filters.length < 2 || filters.length > 5) {
      throw new InvalidRequestException(
          op
              + " needs 2 to 5 filters but got "
              + (filters == null ? 0 : filters.length)
              + ": use the single filter itself when there is one");
    }
    for (int i = 0; i < filters.length; i++) {
      if (filters[i] == null) {
        throw new InvalidRequestException(op + " filter [" + i + "] must not be null");
      }
    }
    return new MetadataFilter(op, null, null, List.of(filters));
  }

  private static List<Object> list(Operator op, String key, List<?> values) {
    if (values == null || values.isEmpty()) {
      throw new InvalidRequestException(
          "the " + op + " filter on '" + key + "' needs at least one value");
    }
    List<Object> out = new ArrayList<>();
    for (Object v : values) {
      out.add(scalar(op, key, v));
    }
    return List.copyOf(out);
  }

  /** The operator. */
  public Operator operator() {
    return operator;
  }

  /** The metadata key, or {@code null} for {@link Operator#AND_ALL} / {@link Operator#OR_ALL}. */
  public String key() {
    return key;
  }

  /** The value (a string, number, boolean, or a list of those), or {@code null} for groups. */
  public Object value() {
    return value;
  }

  /** The combined filters of a group; empty for the others. */
  public List<MetadataFilter> filters() {
    return filters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetadataFilter f
        && operator == f.operator
        && Objects.equals(key, f.key)
        && Objects.equals(value, f.value)
        && filters.equals(f.filters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operator, key, value, filters);
  }

  @Override
  public String toString() {
    if (key == null) {
      return operator + filters.toString();
    }
    return operator + "(" + key + ")";
  }
}
