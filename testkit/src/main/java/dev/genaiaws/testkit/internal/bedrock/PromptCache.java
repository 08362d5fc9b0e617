package dev.genaiaws.testkit.internal.bedrock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's prompt cache, per emulator instance and model: the first request whose prefix
 * (tools, then system, then messages, up to a cache point) is seen writes it, later requests with
 * the same prefix read it. A prefix shorter than the model's minimum is silently not cached, and an
 * entry expires after its TTL (5 minutes unless {@code ttl: "1h"}), the TTL restarting on each hit
 * (user guide, prompt-caching). Thread-safe.
 */
final class PromptCache {
  private final Map<String, Instant> expiries = new HashMap<>();
  private final Clock clock;

  PromptCache(Clock clock) {
    this.clock = clock;
  }

  /**
   * A cache checkpoint of a request.
   *
   * @param prefix the request text up to the checkpoint
   * @param tokens the input tokens of that prefix
   * @param ttl {@code 5m} or {@code 1h}
   */
  record Checkpoint(String prefix, int tokens, String ttl) {}

  /**
   * How a request's input tokens split.
   *
   * @param read tokens read from the cache
   * @param write tokens written to the cache
   * @param writesByTtl written tokens per TTL, 1h before 5m
   */
  record Usage(int read, int write, Map<String, Integer> writesByTtl) {
    static final Usage NONE = new Usage(0, 0, Map.of());
  }

  /** Accounts one request's checkpoints (in prompt order) for {@code modelId}. */
  synchronized Usage account(String modelId, List<Checkpoint> checkpoints, int minimumTokens) {
    if (minimumTokens <= 0 || checkpoints.isEmpty()) {
      return Usage.NONE;
    }
    Instant now = clock.instant();
    expiries.values().removeIf(e -> !e.isAfter(now));
    List<Checkpoint> eligible = new ArrayList<>();
    for (Checkpoint c : checkpoints) {
      if (c.tokens() >= minimumTokens) {
        eligible.add(c);
      }
    }
    int hit = -1;
    for (int i = eligible.size() - 1; i >= 0; i--) {
      if (expiries.containsKey(key(modelId, eligible.get(i)))) {
        hit = i;
        break;
      }
    }
    int read = hit < 0 ? 0 : eligible.get(hit).tokens();
    if (hit >= 0) {
      Checkpoint c = eligible.get(hit);
      expiries.put(key(modelId, c), now.plus(ttl(c.ttl())));
    }
    Map<String, Integer> byTtl = new LinkedHashMap<>();
    byTtl.put("1h", 0);
    byTtl.put("5m", 0);
    int covered = read;
    for (int i = hit + 1; i < eligible.size(); i++) {
      Checkpoint c = eligible.get(i);
      int added = Math.max(0, c.tokens() - covered);
      byTtl.merge(c.ttl(), added, Integer::sum);
      covered = Math.max(covered, c.tokens());
      expiries.put(key(modelId, c), now.plus(ttl(c.ttl())));
    }
    byTtl.values().removeIf(v -> v == 0);
    return new Usage(read, covered - read, byTtl);
  }

  /** Forgets every entry. */
  synchronized void clear() {
    expiries.clear();
  }

  private static Duration ttl(String ttl) {
    return "1h".equals(ttl) ? Duration.ofHours(1) : Duration.ofMinutes(5);
  }

  private static String key(String modelId, Checkpoint c) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(modelId.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(c.prefix().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
