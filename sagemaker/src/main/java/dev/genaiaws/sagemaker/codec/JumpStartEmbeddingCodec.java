package dev.genaiaws.sagemaker.codec;

import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.sagemaker.SageMakerFormats;
import java.util.List;

/**
 * The SageMaker JumpStart text-embedding format (GPT-J, E5, BGE, GTE JumpStart models): {@code
 * {"text_inputs": ["a", "b"]}} answered by {@code {"embedding": [[...], [...]]}} (also read: {@code
 * embeddings}, and a single flat vector).
 *
 * <p>The model fixes the vector size: {@code dimensions} is refused. {@code normalize(true)} makes
 * the client scale each vector to unit length after the answer arrives. {@code inputType} is not
 * sent (these models take none; prefix query texts yourself where the model card asks for it).
 * Texts are sent in batches of {@link #maxBatchSize} (32 unless {@link #withMaxBatchSize} says
 * otherwise).
 */
public final class JumpStartEmbeddingCodec extends ListEmbeddingCodec {
  private static final Shape SHAPE =
      new Shape("text_inputs", false, List.of("embedding", "embeddings"));

  private JumpStartEmbeddingCodec(ModelFamily family, int maxBatchSize) {
    super(family, maxBatchSize, SHAPE);
  }

  /** A codec for {@link SageMakerFormats#JUMPSTART_EMBEDDING}, 32 texts per call. */
  public static JumpStartEmbeddingCodec create() {
    return new JumpStartEmbeddingCodec(SageMakerFormats.JUMPSTART_EMBEDDING, 32);
  }

  /** The same codec sending at most {@code maxBatchSize} texts per call. */
  public JumpStartEmbeddingCodec withMaxBatchSize(int maxBatchSize) {
    return new JumpStartEmbeddingCodec(family(), maxBatchSize);
  }
}
