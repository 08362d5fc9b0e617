package dev.genaiaws.storage.internal;

import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.KeyStrategy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code yyyy/MM/dd/yyyyMMdd'T'HHmmssSSS'Z'-<12 hex>.json} in UTC. Internal: use {@link
 * KeyStrategy}.
 */
public final class DatePartitionedKeyStrategy implements KeyStrategy {
  @SuppressWarnings(
      "DuplicateDateFormatField") // the date twice on purpose: a folder per day, then a sortable
  // name
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Supplier<String> ids;

  public DatePartitionedKeyStrategy(Clock clock) {
    this(clock, DatePartitionedKeyStrategy::randomId);
  }

  public DatePartitionedKeyStrategy(Clock clock, Supplier<String> ids) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  @Override
  public String recordKey(GenerationRecord record) {
    Instant at =
        record != null && record.createdAt() != null ? record.createdAt() : clock.instant();
    return FORMAT.format(at) + "-" + ids.get() + ".json";
  }

  /** 12 hex digits (48 random bits) from a random UUID. */
  static String randomId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Override
  public String toString() {
    return "KeyStrategy.datePartitioned(" + clock.getZone() + ")";
  }
}
