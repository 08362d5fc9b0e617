package dev.genaiaws.core.internal;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Validation helpers whose messages name the field, the value and the valid range. Internal: not
 * part of the public API.
 */
public final class Checks {
  private Checks() {}

  public static String notBlank(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(
          field + " must not be blank but was " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  public static <T> T notNull(@Nullable T value, String field) {
    if (value == null) {
      throw new InvalidRequestException(field + " must not be null");
    }
    return value;
  }

  public static @Nullable Integer atLeast(@Nullable Integer value, int min, String field) {
    if (value != null && value < min) {
      throw new InvalidRequestException(field + " must be >= " + min + " but was " + value);
    }
    return value;
  }

  public static @Nullable Long atLeast(@Nullable Long value, long min, String field) {
    if (value != null && value < min) {
      throw new InvalidRequestException(field + " must be >= " + min + " but was " + value);
    }
    return value;
  }

  public static @Nullable Double atLeast(@Nullable Double value, double min, String field) {
    if (value != null && (value.isNaN() || value < min)) {
      throw new InvalidRequestException(field + " must be >= " + min + " but was " + value);
    }
    return value;
  }

  public static @Nullable Double inRange(
      @Nullable Double value, double min, double max, String field) {
    if (value != null && (value.isNaN() || value < min || value > max)) {
      throw new InvalidRequestException(
          field + " must be in [" + min + ", " + max + "] but was " + value);
    }
    return value;
  }

  /** A defensive, null-free, unmodifiable copy. */
  public static <T> List<T> copyOf(@Nullable List<T> list, String field) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new InvalidRequestException(field + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(list);
  }

  /** Size of a text for toString(): never the text itself. */
  public static String describe(@Nullable String text) {
    return text == null ? "null" : text.length() + " chars";
  }

  public static boolean equal(@Nullable Object a, @Nullable Object b) {
    return Objects.equals(a, b);
  }
}
