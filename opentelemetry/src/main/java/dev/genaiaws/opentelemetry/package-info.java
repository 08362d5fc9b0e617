/**
 * OpenTelemetry traces and metrics for genai-aws clients, after the semantic conventions for
 * generative AI. Start at {@link dev.genaiaws.opentelemetry.GenAiTelemetry}: pass it as a listener
 * to any client builder.
 */
@NullMarked
package dev.genaiaws.opentelemetry;

import org.jspecify.annotations.NullMarked;
