package dev.genaiaws.knowledgebases;

/**
 * How the vector store searches, when you override the knowledge base's choice: {@link #HYBRID}
 * mixes vector similarity with keyword matching (stores that support it, such as OpenSearch
 * Serverless with a filterable text field), {@link #SEMANTIC} uses vector similarity only.
 */
public enum SearchType {
  /** Vector similarity and keyword matching together. */
  HYBRID,
  /** Vector similarity only. */
  SEMANTIC
}
