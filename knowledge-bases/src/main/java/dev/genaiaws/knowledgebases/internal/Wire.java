package dev.genaiaws.knowledgebases.internal;

import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import dev.genaiaws.knowledgebases.AnswerRequest;
import dev.genaiaws.knowledgebases.Citation;
import dev.genaiaws.knowledgebases.MetadataFilter;
import dev.genaiaws.knowledgebases.Passage;
import dev.genaiaws.knowledgebases.Reranking;
import dev.genaiaws.knowledgebases.SearchType;
import dev.genaiaws.knowledgebases.SourceLocation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockagentruntime.model.FilterAttribute;
import software.amazon.awssdk.services.bedrockagentruntime.model.GeneratedResponsePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.GenerationConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseVectorSearchConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalFilter;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultContent;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultLocation;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievedReference;
import software.amazon.awssdk.services.bedrockagentruntime.model.TextInferenceConfig;
import software.amazon.awssdk.services.bedrockagentruntime.model.TextResponsePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.VectorSearchRerankingConfigurationType;

/** Our values to the {@code bedrock-agent-runtime} model and back. Pure; internal. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class Wire {
  /** The most stop sequences {@code textInferenceConfig} takes. */
  static final int MAX_STOP_SEQUENCES = 4;

  /** The largest {@code maxTokens} {@code textInferenceConfig} takes. */
  static final int MAX_TOKENS = 65_536;

  private Wire() {}

  // ---------------------------------------------------------------- requests

  /** The retrieval configuration, or {@code null} when nothing is set. */
  public static KnowledgeBaseRetrievalConfiguration retrieval(
      Integer numberOfResults, SearchType searchType, MetadataFilter filter, Reranking reranking) {
    if (numberOfResults == null && searchType == null && filter == null && reranking == null) {
      return null;
    }
    KnowledgeBaseVectorSearchConfiguration.Builder v =
        KnowledgeBaseVectorSearchConfiguration.builder().numberOfResults(numberOfResults);
    if (searchType != null) {
      v.overrideSearchType(searchType.name());
    }
    if (filter != null) {
      v.filter(filter(filter));
    }
    if (reranking != null) {
      v.rerankingConfiguration(
          r ->
              r.type(VectorSearchRerankingConfigurationType.BEDROCK_RERANKING_MODEL)
                  .bedrockRerankingConfiguration(
                      b ->
                          b.modelConfiguration(m -> m.modelArn(reranking.modelArn()))
                              .numberOfRerankedResults(reranking.numberOfResults())));
    }
    return KnowledgeBaseRetrievalConfiguration.builder()
        .vectorSearchConfiguration(v.build())
        .build();
  }

  /** A filter as the service's {@code RetrievalFilter} union. */
  public static RetrievalFilter filter(MetadataFilter f) {
    RetrievalFilter.Builder b = RetrievalFilter.builder();
    if (f.operator() == MetadataFilter.Operator.AND_ALL
        || f.operator() == MetadataFilter.Operator.OR_ALL) {
      List<RetrievalFilter> parts = f.filters().stream().map(Wire::filter).toList();
      return (f.operator() == MetadataFilter.Operator.AND_ALL ? b.andAll(parts) : b.orAll(parts))
          .build();
    }
    FilterAttribute a = FilterAttribute.builder().key(f.key()).value(document(f.value())).build();
    return switch (f.operator()) {
      case EQUALS -> b.equalsValue(a).build();
      case NOT_EQUALS -> b.notEquals(a).build();
      case GREATER_THAN -> b.greaterThan(a).build();
      case GREATER_THAN_OR_EQUALS -> b.greaterThanOrEquals(a).build();
      case LESS_THAN -> b.lessThan(a).build();
      case LESS_THAN_OR_EQUALS -> b.lessThanOrEquals(a).build();
      case IN -> b.in(a).build();
      case NOT_IN -> b.notIn(a).build();
      case STARTS_WITH -> b.startsWith(a).build();
      case LIST_CONTAINS -> b.listContains(a).build();
      case STRING_CONTAINS -> b.stringContains(a).build();
      default -> throw new IllegalStateException("group operator " + f.operator());
    };
  }

  static Document document(Object value) {
    if (value instanceof String s) {
      return Document.fromString(s);
    }
    if (value instanceof Boolean bool) {
      return Document.fromBoolean(bool);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return Document.fromNumber(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return Document.fromNumber(new BigDecimal(n.toString()));
    }
    if (value instanceof List<?> list) {
      return Document.fromList(list.stream().map(Wire::document).toList());
    }
    throw new InvalidRequestException(
        "a filter value must be a string, number, boolean or list but was "
            + value.getClass().getSimpleName());
  }

  /**
   * The generation configuration: the neutral inference config checked against what {@code
   * textInferenceConfig} can carry, the prompt template and the guardrail; {@code null} when
   * nothing is set.
   */
  public static GenerationConfiguration generation(AnswerRequest r, String modelId) {
    InferenceConfig c = r.inferenceConfig();
    if (c.topK() != null) {
      throw new UnsupportedParameterException("RetrieveAndGenerate", "topK", modelId);
    }
    if (c.seed() != null) {
      throw new UnsupportedParameterException("RetrieveAndGenerate", "seed", modelId);
    }
    if (c.stopSequences().size() > MAX_STOP_SEQUENCES) {
      throw new InvalidRequestException(
          "RetrieveAndGenerate takes at most "
              + MAX_STOP_SEQUENCES
              + " stopSequences but got "
              + c.stopSequences().size());
    }
    if (c.maxTokens() != null && c.maxTokens() > MAX_TOKENS) {
      throw new InvalidRequestException(
          "maxTokens must be at most "
              + MAX_TOKENS
              + " for RetrieveAndGenerate but"
              + " was "
              + c.maxTokens());
    }
    if (c.temperature() != null && c.temperature() > 1.0) {
      throw new InvalidRequestException(
          "temperature must be in [0.0, 1.0] for RetrieveAndGenerate but was " + c.temperature());
    }
    if (c.isEmpty() && r.promptTemplate() == null && r.guardrail() == null) {
      return null;
    }
    GenerationConfiguration.Builder g = GenerationConfiguration.builder();
    if (!c.isEmpty()) {
      TextInferenceConfig.Builder t =
          TextInferenceConfig.builder()
              .maxTokens(c.maxTokens())
              .temperature(c.temperature() == null ? null : c.temperature().floatValue())
              .topP(c.topP() == null ? null : c.topP().floatValue());
      if (!c.stopSequences().isEmpty()) {
        t.stopSequences(c.stopSequences());
      }
      g.inferenceConfig(i -> i.textInferenceConfig(t.build()));
    }
    if (r.promptTemplate() != null) {
      g.promptTemplate(p -> p.textPromptTemplate(r.promptTemplate()));
    }
    if (r.guardrail() != null) {
      g.guardrailConfiguration(
          gr -> gr.guardrailId(r.guardrail().id()).guardrailVersion(r.guardrail().version()));
    }
    return g.build();
  }

  // ---------------------------------------------------------------- responses

  /** A retrieval result as a passage. */
  public static Passage passage(KnowledgeBaseRetrievalResult r) {
    return new Passage(
        text(r.content()), r.score(), location(r.location()), metadata(r.metadata()));
  }

  /** A cited reference as a passage (no score). */
  public static Passage passage(RetrievedReference r) {
    return new Passage(text(r.content()), null, location(r.location()), metadata(r.metadata()));
  }

  private static String text(RetrievalResultContent c) {
    return c == null
        ? ""
        : c.text() != null ? c.text() : c.byteContent() != null ? c.byteContent() : "";
  }

  /** A location: its type and the address its type carries. */
  public static SourceLocation location(RetrievalResultLocation l) {
    if (l == null) {
      return null;
    }
    String uri = null;
    if (l.s3Location() != null) {
      uri = l.s3Location().uri();
    } else if (l.webLocation() != null) {
      uri = l.webLocation().url();
    } else if (l.confluenceLocation() != null) {
      uri = l.confluenceLocation().url();
    } else if (l.salesforceLocation() != null) {
      uri = l.salesforceLocation().url();
    } else if (l.sharePointLocation() != null) {
      uri = l.sharePointLocation().url();
    } else if (l.customDocumentLocation() != null) {
      uri = l.customDocumentLocation().id();
    } else if (l.kendraDocumentLocation() != null) {
      uri = l.kendraDocumentLocation().uri();
    } else if (l.oneDriveLocation() != null) {
      uri = l.oneDriveLocation().url();
    } else if (l.googleDriveLocation() != null) {
      uri = l.googleDriveLocation().url();
    }
    return new SourceLocation(l.typeAsString() == null ? "UNKNOWN" : l.typeAsString(), uri);
  }

  /** Metadata documents as plain Java values (String, Long/BigDecimal, Boolean, List). */
  public static Map<String, Object> metadata(Map<String, Document> metadata) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (metadata != null) {
      metadata.forEach(
          (k, v) -> {
            Object value = value(v);
            if (value != null) {
              out.put(k, value);
            }
          });
    }
    return out;
  }

  private static Object value(Document d) {
    if (d == null || d.isNull()) {
      return null;
    }
    if (d.isString()) {
      return d.asString();
    }
    if (d.isBoolean()) {
      return d.asBoolean();
    }
    if (d.isNumber()) {
      SdkNumber n = d.asNumber();
      BigDecimal b = n.bigDecimalValue();
      return b.stripTrailingZeros().scale() <= 0
          ? (Object) b.longValue()
          : (Object) b.doubleValue();
    }
    if (d.isList()) {
      List<Object> out = new ArrayList<>();
      d.asList()
          .forEach(
              e -> {
                Object v = value(e);
                if (v != null) {
                  out.add(v);
                }
              });
      return List.copyOf(out);
    }
    return d.toString();
  }

  /**
   * A citation: the cited part's span in {@code answer} as a half-open range. The service reports
   * an inclusive end; the span is checked against the part's text and the convention that matches
   * it is taken, so either convention reads right.
   */
  public static Citation citation(
      String answer, GeneratedResponsePart part, List<RetrievedReference> refs) {
    TextResponsePart t = part == null ? null : part.textResponsePart();
    String text = t == null || t.text() == null ? "" : t.text();
    int start = 0;
    int end = 0;
    if (t != null && t.span() != null && t.span().start() != null && t.span().end() != null) {
      start = clamp(t.span().start(), answer.length());
      int inclusiveEnd = clamp(t.span().end() + 1, answer.length());
      int exclusiveEnd = clamp(t.span().end(), answer.length());
      end =
          answer.substring(start, Math.max(start, exclusiveEnd)).equals(text)
              ? exclusiveEnd
              : inclusiveEnd;
      end = Math.max(start, end);
    } else if (!text.isEmpty() && answer.contains(text)) {
      start = answer.indexOf(text);
      end = start + text.length();
    }
    List<Passage> passages = refs == null ? List.of() : refs.stream().map(Wire::passage).toList();
    return new Citation(start, end, text, passages);
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(v, max));
  }
}
