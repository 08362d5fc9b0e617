package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import org.jspecify.annotations.NullUnmarked;

/**
 * A question to search a knowledge base with: the query text and how to retrieve.
 *
 * <pre>{@code
 * RetrieveRequest request = RetrieveRequest.builder()
 *     .query("How loud is the Borealis pump?")
 *     .numberOfResults(5)
 *     .searchType(SearchType.HYBRID)
 *     .filter(MetadataFilter.equalTo("category", "pump"))
 *     .build();
 * }</pre>
 *
 * @param knowledgeBaseId the knowledge base, or {@code null} for the client's default
 * @param query the query text (1..20,000 characters)
 * @param numberOfResults results per page (1..100), or {@code null} for the service's default (5)
 * @param searchType override the knowledge base's search type, or {@code null}
 * @param filter a metadata filter, or {@code null}
 * @param reranking rerank the results with a reranker model, or {@code null}
 * @param nextToken the {@link RetrievalPage#nextToken()} of the page before, or {@code null} for
 *     the first page
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record RetrieveRequest(
    String knowledgeBaseId,
    String query,
    Integer numberOfResults,
    SearchType searchType,
    MetadataFilter filter,
    Reranking reranking,
    String nextToken) {

  public RetrieveRequest {
    Checks.notBlank(query, "query");
    if (query.length() > 20_000) {
      throw new InvalidRequestException(
          "query must be at most 20000 characters but was " + query.length());
    }
    if (numberOfResults != null && (numberOfResults < 1 || numberOfResults > 100)) {
      throw new InvalidRequestException(
          "numberOfResults must be in [1, 100] but was " + numberOfResults);
    }
    if (knowledgeBaseId != null) {
      KnowledgeBaseIds.check(knowledgeBaseId);
    }
  }

  /** A request for the first page of results for {@code query}, with the service's defaults. */
  public static RetrieveRequest of(String query) {
    return builder().query(query).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    return new Builder()
        .knowledgeBaseId(knowledgeBaseId)
        .query(query)
        .numberOfResults(numberOfResults)
        .searchType(searchType)
        .filter(filter)
        .reranking(reranking)
        .nextToken(nextToken);
  }

  /** The same request for the page after {@code page}. */
  public RetrieveRequest next(RetrievalPage page) {
    return toBuilder().nextToken(page.nextToken()).build();
  }

  @Override
  public String toString() {
    return "RetrieveRequest[knowledgeBaseId="
        + knowledgeBaseId
        + ", query="
        + Checks.describe(query)
        + ", numberOfResults="
        + numberOfResults
        + ", searchType="
        + searchType
        + ", filter="
        + filter
        + ", reranking="
        + reranking
        + ", page="
        + (nextToken == null ? "first" : "next")
        + "]";
  }

  /** Builds a {@link RetrieveRequest}. */
  public static final class Builder {
    private String knowledgeBaseId;
    private String query;
    private Integer numberOfResults;
    private SearchType searchType;
    private MetadataFilter filter;
    private Reranking reranking;
    private String nextToken;

    private Builder() {}

    /** The knowledge base (default: the client's). */
    public Builder knowledgeBaseId(String knowledgeBaseId) {
      this.knowledgeBaseId = knowledgeBaseId;
      return this;
    }

    /** The query text. */
    public Builder query(String query) {
      this.query = query;
      return this;
    }

    /** Results per page, 1..100. */
    public Builder numberOfResults(Integer numberOfResults) {
      this.numberOfResults = numberOfResults;
      return this;
    }

    /** Override the knowledge base's search type. */
    public Builder searchType(SearchType searchType) {
      this.searchType = searchType;
      return this;
    }

    /** Only chunks whose metadata match. */
    public Builder filter(MetadataFilter filter) {
      this.filter = filter;
      return this;
    }

    /** Rerank the results. */
    public Builder reranking(Reranking reranking) {
      this.reranking = reranking;
      return this;
    }

    /** Continue after a page. */
    public Builder nextToken(String nextToken) {
      this.nextToken = nextToken;
      return this;
    }

    /** The request; throws {@link InvalidRequestException} when a value is out of range. */
    public RetrieveRequest build() {
      return new RetrieveRequest(
          knowledgeBaseId, query, numberOfResults, searchType, filter, reranking, nextToken);
    }
  }
}
