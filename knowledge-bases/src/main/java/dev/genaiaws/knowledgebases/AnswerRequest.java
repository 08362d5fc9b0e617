package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * A question for {@link KnowledgeBaseClient#answer}: what to ask, which model writes the answer,
 * and how the passages are retrieved.
 *
 * <pre>{@code
 * AnswerRequest request = AnswerRequest.builder()
 *     .question("How loud is the Borealis pump?")
 *     .modelId("anthropic.claude-3-haiku-20240307-v1:0")      // or a profile id such as us.anthropic..., or an ARN
 *     .inferenceConfig(c -> c.maxTokens(512).temperature(0.2))
 *     .filter(MetadataFilter.equalTo("category", "pump"))
 *     .build();
 * }</pre>
 *
 * <p>What the API cannot carry fails here, before any call: more than 4 stop sequences, {@code
 * maxTokens} above 65,536, {@code temperature} above 1, {@code topK} or {@code seed}
 * (RetrieveAndGenerate has no field for them), a prompt template without the {@code
 * $search_results$} placeholder or longer than 4,000 characters, a question longer than 1,000
 * characters.
 *
 * @param knowledgeBaseId the knowledge base, or {@code null} for the client's default
 * @param question the question (1..1,000 characters)
 * @param modelId a foundation model id, an inference profile id, or a model / profile / provisioned
 *     ARN; {@code null} for the client's default
 * @param inferenceConfig the model's parameters ({@code maxTokens}, {@code temperature}, {@code
 *     topP}, {@code stopSequences}); never {@code null}
 * @param promptTemplate the generation prompt, with {@code $search_results$} (and optionally {@code
 *     $query$}, {@code $output_format_instructions$}), or {@code null} for the service's
 * @param guardrail a guardrail on the answer, or {@code null}
 * @param sessionId a session to continue (from an earlier {@link Answer#sessionId()}), or {@code
 *     null} for a new one
 * @param numberOfResults how many passages to retrieve (1..100), or {@code null}
 * @param searchType override the search type, or {@code null}
 * @param filter a metadata filter, or {@code null}
 * @param reranking rerank before generating, or {@code null}
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public record AnswerRequest(
    String knowledgeBaseId,
    String question,
    String modelId,
    InferenceConfig inferenceConfig,
    String promptTemplate,
    Guardrail guardrail,
    String sessionId,
    Integer numberOfResults,
    SearchType searchType,
    MetadataFilter filter,
    Reranking reranking) {

  /** The placeholder a prompt template must contain. */
  public static final String SEARCH_RESULTS = "$search_results$";

  public AnswerRequest {
    Checks.notBlank(question, "question");
    if (question.length() > 1000) {
      throw new InvalidRequestException(
          "question must be at most 1000 characters for RetrieveAndGenerate but was "
              + question.length()
              + ": shorten it, or retrieve and generate with your own model (answerWith)");
    }
    inferenceConfig = inferenceConfig == null ? InferenceConfig.empty() : inferenceConfig;
    if (promptTemplate != null
        && (!promptTemplate.contains(SEARCH_RESULTS) || promptTemplate.length() > 4000)) {
      throw new InvalidRequestException(
          "promptTemplate must contain "
              + SEARCH_RESULTS
              + " (where the passages go)"
              + " and be at most 4000 characters but was "
              + promptTemplate.length()
              + " characters"
              + (promptTemplate.contains(SEARCH_RESULTS) ? "" : " without it"));
    }
    if (sessionId != null && (sessionId.length() < 2 || sessionId.length() > 100)) {
      throw new InvalidRequestException(
          "sessionId must be 2 to 100 characters (use the one an earlier answer"
              + " returned) but was "
              + sessionId.length());
    }
    if (numberOfResults != null && (numberOfResults < 1 || numberOfResults > 100)) {
      throw new InvalidRequestException(
          "numberOfResults must be in [1, 100] but was " + numberOfResults);
    }
    if (knowledgeBaseId != null) {
      KnowledgeBaseIds.check(knowledgeBaseId);
    }
  }

  /** A question with every setting at the client's defaults. */
  public static AnswerRequest of(String question) {
    return builder().question(question).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    return new Builder()
        .knowledgeBaseId(knowledgeBaseId)
        .question(question)
        .modelId(modelId)
        .inferenceConfig(inferenceConfig)
        .promptTemplate(promptTemplate)
        .guardrail(guardrail)
        .sessionId(sessionId)
        .numberOfResults(numberOfResults)
        .searchType(searchType)
        .filter(filter)
        .reranking(reranking);
  }

  /** The retrieval part of this request, for {@link KnowledgeBaseClient#retrieve}. */
  public RetrieveRequest retrieval() {
    return new RetrieveRequest(
        knowledgeBaseId, question, numberOfResults, searchType, filter, reranking, null);
  }

  @Override
  public String toString() {
    return "AnswerRequest[knowledgeBaseId="
        + knowledgeBaseId
        + ", question="
        + Checks.describe(question)
        + ", modelId="
        + modelId
        + ", inferenceConfig="
        + inferenceConfig
        + ", promptTemplate="
        + Checks.describe(promptTemplate)
        + ", guardrail="
        + guardrail
        + ", session="
        + (sessionId == null ? "new" : "continued")
        + ", numberOfResults="
        + numberOfResults
        + ", searchType="
        + searchType
        + ", filter="
        + filter
        + ", reranking="
        + reranking
        + "]";
  }

  /** Builds an {@link AnswerRequest}. */
  public static final class Builder {
    private String knowledgeBaseId;
    private String question;
    private String modelId;
    private InferenceConfig inferenceConfig;
    private String promptTemplate;
    private Guardrail guardrail;
    private String sessionId;
    private Integer numberOfResults;
    private SearchType searchType;
    private MetadataFilter filter;
    private Reranking reranking;

    private Builder() {}

    /** The knowledge base (default: the client's). */
    public Builder knowledgeBaseId(String knowledgeBaseId) {
      this.knowledgeBaseId = knowledgeBaseId;
      return this;
    }

    /** The question. */
    public Builder question(String question) {
      this.question = question;
      return this;
    }

    /** The model: id, inference profile id, or ARN (default: the client's). */
    public Builder modelId(String modelId) {
      this.modelId = modelId;
      return this;
    }

    /** The model's parameters. */
    public Builder inferenceConfig(InferenceConfig inferenceConfig) {
      this.inferenceConfig = inferenceConfig;
      return this;
    }

    /** The model's parameters, built in place. */
    public Builder inferenceConfig(Consumer<InferenceConfig.Builder> spec) {
      return inferenceConfig(InferenceConfig.of(spec));
    }

    /** The generation prompt; must contain {@code $search_results$}. */
    public Builder promptTemplate(String promptTemplate) {
      this.promptTemplate = promptTemplate;
      return this;
    }

    /** A guardrail on the answer. */
    public Builder guardrail(Guardrail guardrail) {
      this.guardrail = guardrail;
      return this;
    }

    /** Continue a session. */
    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    /** How many passages to retrieve. */
    public Builder numberOfResults(Integer numberOfResults) {
      this.numberOfResults = numberOfResults;
      return this;
    }

    /** Override the search type. */
    public Builder searchType(SearchType searchType) {
      this.searchType = searchType;
      return this;
    }

    /** Only passages whose metadata match. */
    public Builder filter(MetadataFilter filter) {
      this.filter = filter;
      return this;
    }

    /** Rerank before generating. */
    public Builder reranking(Reranking reranking) {
      this.reranking = reranking;
      return this;
    }

    /** The request; throws {@link InvalidRequestException} when a value is out of range. */
    public AnswerRequest build() {
      return new AnswerRequest(
          knowledgeBaseId,
          question,
          modelId,
          inferenceConfig,
          promptTemplate,
          guardrail,
          sessionId,
          numberOfResults,
          searchType,
          filter,
          reranking);
    }
  }
}
