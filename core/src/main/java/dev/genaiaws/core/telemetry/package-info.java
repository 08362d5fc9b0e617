/**
 * The names genai-aws uses to describe its calls in telemetry, after the OpenTelemetry semantic
 * conventions for generative AI. Start at {@link dev.genaiaws.core.telemetry.GenAiConventions}; the
 * OpenTelemetry and Micrometer add-ons ({@code genai-aws-opentelemetry}, {@code
 * genai-aws-micrometer}) are built on it.
 */
@NullMarked
package dev.genaiaws.core.telemetry;

import org.jspecify.annotations.NullMarked;
