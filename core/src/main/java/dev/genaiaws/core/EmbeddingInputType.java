package dev.genaiaws.core;

/**
 * What the embedded texts are for, for families that embed differently by purpose (Cohere Embed).
 * Use {@link #SEARCH_DOCUMENT} for the texts you index and {@link #SEARCH_QUERY} for the queries
 * you search them with.
 */
public enum EmbeddingInputType {
  SEARCH_DOCUMENT,
  SEARCH_QUERY,
  CLASSIFICATION,
  CLUSTERING
}
