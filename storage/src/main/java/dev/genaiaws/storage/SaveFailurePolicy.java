package dev.genaiaws.storage;

/**
 * What a {@link PersistingGenerationClient} does when a generation was made but could not be saved.
 */
public enum SaveFailurePolicy {
  /**
   * The call fails with a {@link GenerationNotSavedException} that still carries the response (the
   * default: nothing is lost silently, and the text you paid for is not thrown away either).
   */
  FAIL,
  /**
   * The failure is logged at WARN with the key and the cause, and the caller gets the response
   * unchanged.
   */
  LOG_AND_CONTINUE
}
