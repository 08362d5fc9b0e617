package dev.genaiaws.sagemaker.codec;

import dev.genaiaws.core.exception.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.sagemaker.SageMakerFormats;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * The Hugging Face inference toolkit's feature-extraction format (sentence-transformers and other encoder
 * models deployed with the Hugging Face deep-learning containers): {@code {"inputs": ["a", "b"]}} answered by
 * nested lists: {@code [[...], [...]]} (one vector per text) or, for models without pooling,
 * {@code [[[...] per token], ...]}, which is mean-pooled here.
 *
 * <p>The model fixes the vector size: {@code dimensions} is refused. {@code normalize(true)} makes the client
 * scale each vector to unit length after the answer arrives. {@code inputType} is not sent. Texts are sent in
 * batches of {@link #maxBatchSize} (32 unless {@link #withMaxBatchSize} says otherwise).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class HuggingFaceEmbeddingCodec implements EmbeddingCodec {
  private final ModelFamily family;
  private final int maxBatchSize;

  private HuggingFaceEmbeddingCodec(ModelFamily family, int maxBatchSize) {
    if (maxBatchSize < 1) {
      throw new InvalidRequestException("maxBatchSize must be >= 1 but was " + maxBatchSize);
    }
    this.family = family;
    this.maxBatchSize = maxBatchSize;
  }

  /** A codec for {@link SageMakerFormats#HF_EMBEDDING}, 32 texts per call. */
  public static HuggingFaceEmbeddingCodec create() {
    return new HuggingFaceEmbeddingCodec(SageMakerFormats.HF_EMBEDDING, 32);
  }

  /** The same codec sending at most {@code maxBatchSize} texts per call. */
  public HuggingFaceEmbeddingCodec withMaxBatchSize(int maxBatchSize) {
    return new HuggingFaceEmbeddingCodec(family, maxBatchSize);
  }

  @Override
  public ModelFamily family() {
    return family;
  }

  @Override
  public int maxBatchSize(String modelId) {
    return maxBatchSize;
  }

  @Override
  public byte[] encode(EmbeddingRequest request, List<String> batch, String modelId) {
    Vectors.refuseDimensions(request, family.name());
    ObjectNode body = Json.object();
    ArrayNode texts = body.putArray("inputs");
    batch.forEach(texts::add);
    return Json.write(body);
  }

  @Override
  public Batch decode(byte[] body) {
    JsonNode root = Json.read(body, family.name());
    JsonNode vectors = root.isArray() ? root
        : root.has("embeddings") ? root.get("embeddings") : root.get("embedding");
    return new Batch(Vectors.read(vectors, family.name(), false), null);
  }

  @Override
  public String toString() {
    return "HuggingFaceEmbeddingCodec[" + family + ", batch " + maxBatchSize + "]";
  }
}
