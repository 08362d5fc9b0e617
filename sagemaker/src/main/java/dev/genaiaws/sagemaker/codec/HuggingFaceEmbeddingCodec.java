package dev.genaiaws.sagemaker.codec;

import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.sagemaker.SageMakerFormats;
import java.util.List;

/**
 * The Hugging Face inference toolkit's feature-extraction format (sentence-transformers and other
 * encoder models deployed with the Hugging Face deep-learning containers): {@code {"inputs": ["a",
 * "b"]}} answered by nested lists: {@code [[...], [...]]} (one vector per text) or, for models
 * without pooling, {@code [[[...] per token], ...]}, which is mean-pooled here.
 *
 * <p>The model fixes the vector size: {@code dimensions} is refused. {@code normalize(true)} makes
 * the client scale each vector to unit length after the answer arrives. {@code inputType} is not
 * sent. Texts are sent in batches of {@link #maxBatchSize} (32 unless {@link #withMaxBatchSize}
 * says otherwise).
 */
public final class HuggingFaceEmbeddingCodec extends ListEmbeddingCodec {
  private static final Shape SHAPE = new Shape("inputs", true, List.of("embeddings", "embedding"));

  private HuggingFaceEmbeddingCodec(ModelFamily family, int maxBatchSize) {
    super(family, maxBatchSize, SHAPE);
  }

  /** A codec for {@link SageMakerFormats#HF_EMBEDDING}, 32 texts per call. */
  public static HuggingFaceEmbeddingCodec create() {
    return new HuggingFaceEmbeddingCodec(SageMakerFormats.HF_EMBEDDING, 32);
  }

  /** The same codec sending at most {@code maxBatchSize} texts per call. */
  public HuggingFaceEmbeddingCodec withMaxBatchSize(int maxBatchSize) {
    return new HuggingFaceEmbeddingCodec(family(), maxBatchSize);
  }
}
