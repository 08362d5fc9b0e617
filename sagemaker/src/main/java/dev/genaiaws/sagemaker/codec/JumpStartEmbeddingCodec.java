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
 * The SageMaker JumpStart text-embedding format (GPT-J, E5, BGE, GTE JumpStart models):
 * {@code {"text_inputs": ["a", "b"]}} answered by {@code {"embedding": [[...], [...]]}} (also read:
 * {@code embeddings}, and a single flat vector).
 *
 * <p>The model fixes the vector size: {@code dimensions} is refused. {@code normalize(true)} makes the client scale each
 * vector to unit length after the answer arrives. {@code inputType} is not sent (these models take
 * none; prefix query texts yourself where the model card asks for it). Texts are sent in batches of
 * {@link #maxBatchSize} (32 unless {@link #withMaxBatchSize} says otherwise).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class JumpStartEmbeddingCodec implements EmbeddingCodec {
  private final ModelFamily family;
  private final int maxBatchSize;

  private JumpStartEmbeddingCodec(ModelFamily family, int maxBatchSize) {
    if (maxBatchSize < 1) {
      throw new InvalidRequestException("maxBatchSize must be >= 1 but was " + maxBatchSize);
    }
    this.family = family;
    this.maxBatchSize = maxBatchSize;
  }

  /** A codec for {@link SageMakerFormats#JUMPSTART_EMBEDDING}, 32 texts per call. */
  public static JumpStartEmbeddingCodec create() {
    return new JumpStartEmbeddingCodec(SageMakerFormats.JUMPSTART_EMBEDDING, 32);
  }

  /** The same codec sending at most {@code maxBatchSize} texts per call. */
  public JumpStartEmbeddingCodec withMaxBatchSize(int maxBatchSize) {
    return new JumpStartEmbeddingCodec(family, maxBatchSize);
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
    ArrayNode texts = body.putArray("text_inputs");
    batch.forEach(texts::add);
    return Json.write(body);
  }

  @Override
  public Batch decode(byte[] body) {
    JsonNode root = Json.read(body, family.name());
    JsonNode vectors = root.has("embedding") ? root.get("embedding") : root.get("embeddings");
    return new Batch(Vectors.read(vectors, family.name(), false), null);
  }

  @Override
  public String toString() {
    return "JumpStartEmbeddingCodec[" + family + ", batch " + maxBatchSize + "]";
  }
}
