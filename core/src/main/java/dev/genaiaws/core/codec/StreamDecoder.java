package dev.genaiaws.core.codec;

import dev.genaiaws.core.GenerationEvent;
import java.util.function.Consumer;

/**
 * Turns one stream's chunks into events. Stateful and used by one stream only (Claude's usage
 * arrives in two chunks; a SageMaker token line may be split across payload parts); get a fresh one
 * from {@link ModelCodec#newStreamDecoder()} for each stream.
 *
 * <p>It emits {@link GenerationEvent.TextDelta}s and exactly one {@link GenerationEvent.Completed},
 * either when a chunk says the stream is done or, at the latest, from {@link #finish}. Metadata
 * (request id, ...) is left empty: the adapter fills it in.
 */
public interface StreamDecoder {

  /**
   * Decodes one chunk: for Bedrock the model's chunk JSON (already unwrapped from the event's
   * base64 {@code bytes}); for SageMaker the raw bytes of a payload part.
   *
   * @throws dev.genaiaws.core.exception.CodecException if the chunk cannot be read
   */
  void decode(byte[] chunk, Consumer<GenerationEvent> sink);

  /** The stream ended: flush anything buffered and emit {@code Completed} if not done yet. */
  void finish(Consumer<GenerationEvent> sink);
}
