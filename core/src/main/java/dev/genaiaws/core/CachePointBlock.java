package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A prompt-cache checkpoint: everything before it (tools, system prompt, messages, in that order)
 * may be cached by the service and read back cheaply by the next call with the same prefix. Put one
 * in a message's content, after the system prompt ({@code
 * GenerationRequest.Builder#systemCachePoint}) or after the tools ({@link
 * ToolConfig#withCachePoint}). At most {@value #MAX_PER_REQUEST} per request; a prefix shorter than
 * the model's minimum (e.g. 1,024 tokens) is silently not cached. Usage reports the cache reads and
 * writes.
 *
 * @param ttl how long the entry lives: 5 minutes ({@code null}, the default) or 1 hour (some Claude
 *     models)
 */
public record CachePointBlock(@Nullable Duration ttl) implements ContentBlock {
  /** The most cache points one request may carry. */
  public static final int MAX_PER_REQUEST = 4;

  public CachePointBlock {
    if (ttl != null && !ttl.equals(Duration.ofMinutes(5)) && !ttl.equals(Duration.ofHours(1))) {
      throw new InvalidRequestException(
          "cache point ttl must be 5 minutes or 1 hour but was " + ttl);
    }
  }

  /** A cache point with the default time to live (5 minutes). */
  public static CachePointBlock create() {
    return new CachePointBlock(null);
  }

  /** A cache point that lives for {@code ttl} (5 minutes or 1 hour). */
  public static CachePointBlock withTtl(Duration ttl) {
    return new CachePointBlock(ttl);
  }
}
