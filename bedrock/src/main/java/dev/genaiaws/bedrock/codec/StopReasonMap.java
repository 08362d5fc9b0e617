package dev.genaiaws.bedrock.codec;

import dev.genaiaws.core.StopReason;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A family's stop-reason words mapped to the neutral {@link StopReason}; unknown words map to
 * {@link StopReason#OTHER} (the raw word is always kept beside it). Case-insensitive.
 */
public final class StopReasonMap {
  private final Map<String, StopReason> map = new HashMap<>();

  private StopReasonMap() {}

  /** Starts an empty map. */
  public static StopReasonMap create() {
    return new StopReasonMap();
  }

  /** Maps each of the raw words to {@code reason}. */
  public StopReasonMap map(StopReason reason, String... raw) {
    for (String r : raw) {
      map.put(r.toLowerCase(Locale.ROOT), reason);
    }
    return this;
  }

  /** The neutral reason for a raw word; {@code OTHER} for null or unknown words. */
  public StopReason apply(@Nullable String raw) {
    if (raw == null) {
      return StopReason.OTHER;
    }
    return map.getOrDefault(raw.toLowerCase(Locale.ROOT), StopReason.OTHER);
  }
}
