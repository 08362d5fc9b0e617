package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.EmbeddingInputType;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;

/**
 * Cohere Embed v3, English ({@code cohere.embed-english-v3}) and Multilingual ({@code
 * cohere.embed-multilingual-v3}): 1024-dimension unit vectors, up to 96 texts per call of up to
 * 2,048 characters each. The client splits larger requests into calls of 96 and puts the vectors
 * back in input order.
 *
 * <p><b>Input type.</b> Cohere v3 requires one. It comes from {@link EmbeddingRequest#inputType()};
 * when the request leaves it unset the codec sends {@code search_document} (the right choice for
 * texts you index; embed your queries with {@link EmbeddingInputType#SEARCH_QUERY}).
 *
 * <p><b>Truncation.</b> {@link CohereEmbedOptions} sets {@code truncate} ({@code NONE}, {@code
 * START}, {@code END}); unset, the model's default ({@code NONE}: a text over the token limit
 * fails) applies.
 *
 * <p>{@code dimensions} other than 1024 and {@code normalize=false} are refused before sending (the
 * vectors are always 1024 long and unit length). The body carries no usage; the client takes the
 * input token count from the response header.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class CohereEmbedCodec implements EmbeddingCodec {
  /** The codec; one instance serves every call. */
  public CohereEmbedCodec() {}

  /** The vector length of Cohere Embed v3. */
  public static final int DIMENSIONS = 1024;

  /** The most texts one call may carry. */
  public static final int MAX_TEXTS_PER_CALL = 96;

  /** The longest text one call may carry, in characters. */
  public static final int MAX_TEXT_CHARS = 2048;

  /** The input type sent when the request names none. */
  public static final EmbeddingInputType DEFAULT_INPUT_TYPE = EmbeddingInputType.SEARCH_DOCUMENT;

  private static final String FAMILY = BedrockFamilies.COHERE_EMBED.name();

  @Override
  public ModelFamily family() {
    return BedrockFamilies.COHERE_EMBED;
  }

  @Override
  public int maxBatchSize(String modelId) {
    return MAX_TEXTS_PER_CALL;
  }

  @Override
  public byte[] encode(EmbeddingRequest request, List<String> batch, String modelId) {
    validate(request, modelId);
    if (batch.isEmpty() || batch.size() > MAX_TEXTS_PER_CALL) {
      throw new InvalidRequestException(
          "a Cohere Embed call must carry 1 to "
              + MAX_TEXTS_PER_CALL
              + " texts for "
              + modelId
              + " but had "
              + batch.size());
    }
    EmbeddingInputType type =
        request.inputType() == null ? DEFAULT_INPUT_TYPE : request.inputType();
    ObjectNode body = CodecJson.object();
    body.set("texts", CodecJson.strings(batch));
    body.put("input_type", type.name().toLowerCase(Locale.ROOT));
    request
        .option(CohereEmbedOptions.class)
        .ifPresent(o -> body.put("truncate", o.truncate().name()));
    body.set("embedding_types", CodecJson.strings(List.of("float")));
    return CodecJson.write(body, null);
  }

  private static void validate(EmbeddingRequest request, String modelId) {
    if (request.dimensions() != null && request.dimensions() != DIMENSIONS) {
      throw new InvalidRequestException(
          "dimensions must be "
              + DIMENSIONS
              + " (fixed) for "
              + modelId
              + " but was "
              + request.dimensions());
    }
    if (Boolean.FALSE.equals(request.normalize())) {
      throw new InvalidRequestException(
          "normalize must be true or unset for "
              + modelId
              + " (its vectors are always unit length) but was false");
    }
    List<String> texts = request.texts();
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).length() > MAX_TEXT_CHARS) {
        throw new InvalidRequestException(
            "texts["
                + i
                + "] must be at most "
                + MAX_TEXT_CHARS
                + " characters for "
                + modelId
                + " but had "
                + texts.get(i).length()
                + "; split long texts into chunks before embedding");
      }
    }
  }

  /**
   * Reads {@code embeddings}: an object keyed by type ({@code response_type: embeddings_by_type},
   * what this codec asks for) or a plain array of vectors ({@code embeddings_floats}).
   */
  @Override
  public Batch decode(byte[] body) {
    JsonNode root = CodecJson.read(body, FAMILY);
    JsonNode embeddings = root.get("embeddings");
    if (embeddings != null && embeddings.isObject()) {
      embeddings = embeddings.get("float");
    }
    if (embeddings == null || !embeddings.isArray()) {
      throw new CodecException(
          "the "
              + FAMILY
              + " answer has no embeddings (float) array: is the model id"
              + " matched to the right family?",
          null);
    }
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (JsonNode v : embeddings) {
      vectors.add(EmbeddingVectors.floats(v, FAMILY, "embeddings"));
    }
    return new Batch(vectors, TokenUsage.none());
  }

  @Override
  public String toString() {
    return "CohereEmbedCodec[" + FAMILY + "]";
  }
}
