package dev.genaiaws.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of genai-aws calls. Implement it (or extend {@link
 * DefaultGenAiObservationConvention}) to change them, and pass it to {@link
 * GenAiObservationListener.Builder#convention(GenAiObservationConvention)}.
 */
public interface GenAiObservationConvention extends ObservationConvention<GenAiObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof GenAiObservationContext;
  }
}
