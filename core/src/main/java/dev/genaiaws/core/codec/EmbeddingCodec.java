package dev.genaiaws.core.codec;

import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.TokenUsage;
import java.util.List;

/**
 * Turns a batch of texts into one embedding model's JSON and its answer into vectors. Pure, like
 * {@link ModelCodec}.
 */
public interface EmbeddingCodec extends FamilyCodec {

  /** The most texts one call may carry (1 for Titan; 96 for Cohere Embed). */
  int maxBatchSize(String modelId);

  /**
   * The body for one batch.
   *
   * @param request the whole request (dimensions, normalisation, input type, options)
   * @param batch the texts of this call, at most {@link #maxBatchSize}
   * @throws dev.genaiaws.core.exception.InvalidRequestException when a setting is not valid for the
   *     model
   */
  byte[] encode(EmbeddingRequest request, List<String> batch, String modelId);

  /** Reads one batch's answer. */
  Batch decode(byte[] body);

  /**
   * One batch's vectors, in the batch's order, and its usage (0 where the body has none).
   *
   * @param vectors one per text of the batch
   * @param usage token counts from the body
   */
  record Batch(List<float[]> vectors, TokenUsage usage) {
    public Batch {
      vectors = List.copyOf(vectors);
      usage = usage == null ? TokenUsage.none() : usage;
    }
  }
}
