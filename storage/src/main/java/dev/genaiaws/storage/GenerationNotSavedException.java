package dev.genaiaws.storage;

import dev.genaiaws.core.GenerationResponse;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * The model answered, but the answer could not be saved ({@link SaveFailurePolicy#FAIL}). The cause
 * says why; {@link #response()} still holds the answer, so you can show it, retry the save, or save
 * it elsewhere.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public class GenerationNotSavedException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final transient GenerationResponse response;

  public GenerationNotSavedException(GenerationResponse response, @Nullable Throwable cause) {
    super(
        cause instanceof StorageException s ? s.key() : null,
        "the generation succeeded but could not be saved: "
            + cause.getMessage()
            + " (the response is kept in this exception's response())",
        cause,
        cause instanceof StorageException s && s.retryable());
    this.response = response;
  }

  /** The answer that was not saved. For a stream, its text, stop reason, usage and metadata. */
  public GenerationResponse response() {
    return response;
  }
}
