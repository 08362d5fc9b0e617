package dev.genaiaws.batch.internal;

import dev.genaiaws.bedrock.internal.BedrockErrors;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.ValidationException;
import java.util.function.Supplier;

/**
 * Runs one control-plane or S3 call and maps what the AWS SDK throws to the SDK's exceptions (through the
 * Bedrock adapter's mapper: both are AWS JSON services with the same error shape), cause and request id kept.
 * Internal.
 */
public final class BatchErrors {
  private BatchErrors() {}

  /** The result of {@code call}, or its failure mapped; {@code what} names the call in messages. */
  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (GenAiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw BedrockErrors.map(e, what);
    }
  }

  /** Whether a failure was the service's validation error (e.g. a model that needs an inference profile). */
  public static boolean isValidation(GenAiException e) {
    return e instanceof ValidationException;
  }
}
