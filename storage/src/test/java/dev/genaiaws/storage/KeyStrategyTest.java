package dev.genaiaws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.storage.internal.DatePartitionedKeyStrategy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyStrategyTest {
  static final Instant NOW = Instant.parse("2026-11-23T07:59:00.123Z");
  static final GenerationRecord UNDATED = GenerationRecord.builder().modelId("m").build();

  @Test
  void recordKey_fixedClockAndId_isDatePartitionedUtcTimestampAndId() {
    KeyStrategy strategy =
        new DatePartitionedKeyStrategy(Clock.fixed(NOW, ZoneOffset.UTC), () -> "abc123def456");

    assertThat(strategy.recordKey(UNDATED))
        .isEqualTo("2026/11/23/20261123T075900123Z-abc123def456.json");
  }

  @Test
  void recordKey_clockInAnotherZone_stillUtc() {
    Instant lateEvening = Instant.parse("2026-12-31T23:30:00Z");
    KeyStrategy strategy =
        KeyStrategy.datePartitioned(Clock.fixed(lateEvening, ZoneId.of("Asia/Tokyo")));

    assertThat(strategy.recordKey(UNDATED)).startsWith("2026/12/31/20261231T233000000Z-");
  }

  @Test
  void recordKey_recordWithCreatedAt_usesItInsteadOfClock() {
    KeyStrategy strategy = KeyStrategy.datePartitioned(Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(strategy.recordKey(UNDATED.withCreatedAt(Instant.parse("2025-01-02T03:04:05.006Z"))))
        .startsWith("2025/01/02/20250102T030405006Z-");
  }

  @Test
  void recordKey_defaultIds_twelveHexDigitsAndNoRepeatsIn10000Keys() {
    KeyStrategy strategy = KeyStrategy.datePartitioned(Clock.fixed(NOW, ZoneOffset.UTC));

    Set<String> keys =
        IntStream.range(0, 10_000)
            .mapToObj(i -> strategy.recordKey(UNDATED))
            .collect(Collectors.toSet());

    assertThat(keys)
        .hasSize(10_000)
        .allMatch(k -> k.matches("2026/11/23/20261123T075900123Z-[0-9a-f]{12}\\.json"));
  }

  @Test
  void imageKey_mediaTypes_sameBaseWithIndexAndExtension() {
    KeyStrategy strategy = KeyStrategy.datePartitioned();
    String record = "blogs/2026/11/23/20261123T075900123Z-abc.json";

    assertThat(strategy.imageKey(record, 1, "image/png"))
        .isEqualTo("blogs/2026/11/23/20261123T075900123Z-abc-1.png");
    assertThat(strategy.imageKey(record, 2, "image/jpeg")).endsWith("-abc-2.jpg");
    assertThat(strategy.imageKey(record, 3, "image/webp")).endsWith("-3.webp");
    assertThat(strategy.imageKey(record, 4, "image/x-weird+thing; q=1")).endsWith("-4.bin");
    assertThat(strategy.imageKey("custom-key", 1, "image/gif")).isEqualTo("custom-key-1.gif");
  }

  @Test
  void customStrategy_lambda_isAKeyStrategy() {
    KeyStrategy perUser = record -> record.metadata().get("user") + "/post.json";

    assertThat(perUser.recordKey(UNDATED.withMetadata(java.util.Map.of("user", "ana"))))
        .isEqualTo("ana/post.json");
    assertThat(perUser.imageKey("p/ana/post.json", 1, "image/png")).isEqualTo("p/ana/post-1.png");
  }
}
