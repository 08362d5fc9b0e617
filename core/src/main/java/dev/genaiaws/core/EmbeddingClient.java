package dev.genaiaws.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Turns texts into vectors, for retrieval, clustering and classification.
 *
 * <pre>{@code
 * EmbeddingResponse r = client.embed(e -> e.modelId("cohere.embed-english-v3")
 *     .texts(documents).inputType(EmbeddingInputType.SEARCH_DOCUMENT));
 * }</pre>
 *
 * <p>Give as many texts as you like: the client splits them into the batches the model accepts
 * (calling concurrently where the model takes one text per call) and returns the vectors in input
 * order. Thread-safe; close it when done.
 */
public interface EmbeddingClient extends AutoCloseable {

  /** Embeds the texts and waits for all vectors. */
  EmbeddingResponse embed(EmbeddingRequest request);

  /** Builds the request in place and embeds it. */
  default EmbeddingResponse embed(Consumer<EmbeddingRequest.Builder> request) {
    EmbeddingRequest.Builder b = EmbeddingRequest.builder();
    request.accept(b);
    return embed(b.build());
  }

  /** Embeds without blocking; the default runs {@link #embed} on the client's executor. */
  CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request);

  @Override
  void close();
}
