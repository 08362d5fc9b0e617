package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.List;

/**
 * The one embedding codec of the containers that take a list of texts under one field and answer
 * with nested lists of numbers; the formats differ only in {@link Shape}: the request's field name
 * and where the vectors stand in the answer. The public {@link HuggingFaceEmbeddingCodec} and
 * {@link JumpStartEmbeddingCodec} are this codec with their shape.
 */
abstract class ListEmbeddingCodec implements EmbeddingCodec {
  /**
   * Where one format puts its texts and vectors.
   *
   * @param inputField the request's field holding the texts
   * @param bareArray whether the answer may be the array of vectors itself
   * @param answerFields the answer's fields that may hold the vectors, in the order they are looked
   *     for
   */
  record Shape(String inputField, boolean bareArray, List<String> answerFields) {}

  private final ModelFamily family;
  private final int maxBatchSize;
  private final Shape shape;

  ListEmbeddingCodec(ModelFamily family, int maxBatchSize, Shape shape) {
    if (maxBatchSize < 1) {
      throw new InvalidRequestException(
          "maxBatchSize must be >= 1 but was "
              + maxBatchSize
              + ": give the number of texts the endpoint accepts per call");
    }
    this.family = family;
    this.maxBatchSize = maxBatchSize;
    this.shape = shape;
  }

  @Override
  public final ModelFamily family() {
    return family;
  }

  @Override
  public final int maxBatchSize(String modelId) {
    return maxBatchSize;
  }

  @Override
  public final byte[] encode(EmbeddingRequest request, List<String> batch, String modelId) {
    Vectors.refuseDimensions(request, family.name());
    ObjectNode body = CodecJson.object();
    body.set(shape.inputField(), CodecJson.strings(batch));
    return CodecJson.bytes(body);
  }

  @Override
  public final Batch decode(byte[] body) {
    JsonNode root = CodecJson.readAny(body, family.name());
    JsonNode vectors = shape.bareArray() && root.isArray() ? root : null;
    for (int i = 0; vectors == null && i < shape.answerFields().size(); i++) {
      vectors = root.get(shape.answerFields().get(i));
    }
    return new Batch(Vectors.read(vectors, family.name(), false), TokenUsage.none());
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[" + family + ", batch " + maxBatchSize + "]";
  }
}
