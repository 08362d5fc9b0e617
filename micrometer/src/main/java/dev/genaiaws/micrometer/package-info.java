/**
 * Micrometer observations and meters for genai-aws clients, after the OpenTelemetry semantic
 * conventions for generative AI. Start at {@link dev.genaiaws.micrometer.GenAiObservationListener};
 * change names and tags with a {@link dev.genaiaws.micrometer.GenAiObservationConvention}.
 */
@NullMarked
package dev.genaiaws.micrometer;

import org.jspecify.annotations.NullMarked;
