package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;

/**
 * Amazon Titan Text Embeddings, v1 ({@code amazon.titan-embed-text-v1}) and v2 ({@code
 * amazon.titan-embed-text-v2:0}). One text per call: the client sends the texts of a request
 * concurrently (bounded by its {@code maxConcurrency}) and puts the vectors back in input order.
 *
 * <table>
 *   <caption>What each model takes</caption>
 *   <tr><th>model</th><th>dimensions</th><th>normalize</th><th>input type</th></tr>
 *   <tr><td>v1</td><td>1536, fixed</td><td>not offered (vectors are not unit length)</td><td>none</td></tr>
 *   <tr><td>v2</td><td>256, 512 or 1024 (default 1024)</td><td>true (default) or false</td><td>none</td></tr>
 * </table>
 *
 * <p>Anything else fails before sending, with a message naming the field, the value, the model and
 * what is allowed. Each text may be up to 50,000 characters (the service also caps it at 8,192
 * tokens). Usage is the body's {@code inputTextTokenCount}. v2 is asked for {@code embeddingTypes:
 * ["float"]}; the codec reads {@code embeddingsByType.float} and falls back to {@code embedding}.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class TitanEmbedCodec implements EmbeddingCodec {
  /** The codec; one instance serves every call. */
  public TitanEmbedCodec() {}

  /** The vector length of v1. */
  public static final int V1_DIMENSIONS = 1536;

  /** The vector lengths v2 offers. */
  public static final List<Integer> V2_DIMENSIONS = List.of(256, 512, 1024);

  /** The longest text Titan Embeddings accepts, in characters. */
  public static final int MAX_TEXT_CHARS = 50_000;

  private static final String FAMILY = BedrockFamilies.AMAZON_TITAN_EMBED.name();

  @Override
  public ModelFamily family() {
    return BedrockFamilies.AMAZON_TITAN_EMBED;
  }

  /** Always 1: Titan embeds one text per call. */
  @Override
  public int maxBatchSize(String modelId) {
    return 1;
  }

  /** Whether the id names v2 (which takes dimensions and normalisation). */
  static boolean isV2(String modelId) {
    return modelId != null && modelId.toLowerCase(Locale.ROOT).contains("text-v2");
  }

  @Override
  public byte[] encode(EmbeddingRequest request, List<String> batch, String modelId) {
    boolean v2 = isV2(modelId);
    validate(request, modelId, v2);
    if (batch.size() != 1) {
      throw new InvalidRequestException(
          "Titan embeddings take one text per call but the batch had "
              + batch.size()
              + " for "
              + modelId);
    }
    String text = batch.get(0);
    checkLength(text, 0, modelId);
    ObjectNode body = CodecJson.object().put("inputText", text);
    if (v2) {
      CodecJson.put(body, "dimensions", request.dimensions());
      CodecJson.put(body, "normalize", request.normalize());
      body.set("embeddingTypes", CodecJson.strings(List.of("float")));
    }
    return CodecJson.write(body, null);
  }

  private static void validate(EmbeddingRequest request, String modelId, boolean v2) {
    if (request.inputType() != null) {
      throw new InvalidRequestException(
          "inputType is not supported by "
              + modelId
              + " but was "
              + request.inputType()
              + ": Titan embeddings do not distinguish documents from queries; leave it unset");
    }
    Integer dims = request.dimensions();
    if (v2) {
      if (dims != null && !V2_DIMENSIONS.contains(dims)) {
        throw new InvalidRequestException(
            "dimensions must be one of " + V2_DIMENSIONS + " for " + modelId + " but was " + dims);
      }
    } else {
      if (dims != null && dims != V1_DIMENSIONS) {
        throw new InvalidRequestException(
            "dimensions must be "
                + V1_DIMENSIONS
                + " (fixed) for "
                + modelId
                + " but was "
                + dims
                + "; use amazon.titan-embed-text-v2:0 for 256, 512 or 1024");
      }
      if (Boolean.TRUE.equals(request.normalize())) {
        throw new InvalidRequestException(
            "normalize is not supported by "
                + modelId
                + " (its vectors are not unit length) but was true; leave it unset, normalise the vectors"
                + " yourself, or use amazon.titan-embed-text-v2:0");
      }
    }
    List<String> texts = request.texts();
    for (int i = 0; i < texts.size(); i++) {
      checkLength(texts.get(i), i, modelId);
    }
  }

  private static void checkLength(String text, int index, String modelId) {
    if (text.length() > MAX_TEXT_CHARS) {
      throw new InvalidRequestException(
          "texts["
              + index
              + "] must be at most "
              + MAX_TEXT_CHARS
              + " characters for "
              + modelId
              + " but had "
              + text.length());
    }
  }

  @Override
  public Batch decode(byte[] body) {
    JsonNode root = CodecJson.read(body, FAMILY);
    JsonNode vector = root.path("embeddingsByType").path("float");
    if (!vector.isArray()) {
      vector = root.get("embedding");
    }
    float[] v = EmbeddingVectors.floats(vector, FAMILY, "embedding");
    return new Batch(List.of(v), new TokenUsage(CodecJson.intOr0(root, "inputTextTokenCount"), 0));
  }

  @Override
  public String toString() {
    return "TitanEmbedCodec[" + FAMILY + "]";
  }
}
