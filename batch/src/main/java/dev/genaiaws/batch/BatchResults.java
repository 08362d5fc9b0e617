package dev.genaiaws.batch;

import dev.genaiaws.batch.internal.OutputFiles;
import dev.genaiaws.core.exception.GenAiClientException;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of a finished batch job, read from S3 file by file and line by line as you iterate: a
 * job of 100,000 records never has to fit in memory. Output order is not input order; join on
 * {@link BatchResult#recordId()}. Iterate once; close it (try-with-resources) to release the open
 * S3 stream when you stop early.
 *
 * <pre>{@code
 * try (BatchResults<GenerationResponse> results = job.results()) {
 *   for (BatchResult<GenerationResponse> r : results) { ... }
 * }
 * }</pre>
 *
 * @param <T> {@code GenerationResponse} or {@code EmbeddingResponse}
 */
public final class BatchResults<T> implements Iterable<BatchResult<T>>, AutoCloseable {
  private final OutputFiles.Cursor<T> cursor;
  private final int files;
  private boolean iterated;

  BatchResults(OutputFiles.Cursor<T> cursor, int files) {
    this.cursor = cursor;
    this.files = files;
  }

  /** How many result files the job wrote. */
  public int fileCount() {
    return files;
  }

  /**
   * The results, read lazily.
   *
   * @throws GenAiClientException when called a second time (the results are streamed, not kept)
   */
  @Override
  public Iterator<BatchResult<T>> iterator() {
    if (iterated) {
      throw new GenAiClientException(
          "batch results are streamed and can be iterated once: call results() again");
    }
    iterated = true;
    return cursor;
  }

  /** The results as a sequential stream; closing the stream closes these results. */
  public Stream<BatchResult<T>> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  @Override
  public void close() {
    cursor.close();
  }

  @Override
  public String toString() {
    return "BatchResults[" + files + " files]";
  }
}
