package dev.genaiaws.cost;

/** How long a prompt-cache entry lives: writing a longer-lived entry costs more. */
public enum CacheWriteTtl {
  FIVE_MINUTES,
  ONE_HOUR
}
