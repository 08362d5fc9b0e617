package dev.genaiaws.customization.internal;

import dev.genaiaws.bedrock.internal.BedrockErrors;
import dev.genaiaws.core.exception.GenAiException;
import java.util.function.Supplier;

/** One control-plane call with the SDK's failures mapped to the SDK's exceptions. Internal. */
public final class ControlCalls {
  private ControlCalls() {}

  /**
   * Runs {@code call}; an AWS SDK failure becomes a {@link GenAiException} naming {@code resource},
   * its cause and request id kept.
   */
  public static <T> T call(String resource, Supplier<T> call) {
    try {
      return call.get();
    } catch (GenAiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw BedrockErrors.map(e, resource);
    }
  }
}
