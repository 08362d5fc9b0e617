package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The vectors of an {@link EmbeddingRequest}, one per text, in input order.
 *
 * <p>Vectors are copied in and out so the response stays immutable; {@link #vector(int)} is the
 * cheap way to read one.
 *
 * @param vectors one vector per input text
 * @param usage token counts (embedding models report input tokens only)
 * @param metadata request id(s), model id, latency, attempts
 */
public record EmbeddingResponse(
    List<float[]> vectors, TokenUsage usage, ResponseMetadata metadata) {

  public EmbeddingResponse {
    List<float[]> copy = new ArrayList<>(Checks.copyOf(vectors, "vectors").size());
    for (float[] v : vectors) {
      copy.add(v.clone());
    }
    vectors = List.copyOf(copy);
    usage = usage == null ? TokenUsage.none() : usage;
    metadata = metadata == null ? ResponseMetadata.empty() : metadata;
  }

  /** Copies of all vectors, in input order. */
  @Override
  public List<float[]> vectors() {
    return vectors.stream().map(float[]::clone).toList();
  }

  /** A copy of the vector of the {@code index}-th text. */
  public float[] vector(int index) {
    return vectors.get(index).clone();
  }

  /** How many vectors there are (the number of input texts). */
  public int size() {
    return vectors.size();
  }

  /** The vector length (0 when there are no vectors). */
  public int dimensions() {
    return vectors.isEmpty() ? 0 : vectors.get(0).length;
  }

  @Override
  public String toString() {
    return "EmbeddingResponse[" + size() + " vectors x " + dimensions() + ", " + usage + "]";
  }
}
