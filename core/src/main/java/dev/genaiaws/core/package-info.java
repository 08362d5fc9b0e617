/**
 * The provider-neutral API. Start at {@link dev.genaiaws.core.GenerationClient}: build a {@link
 * dev.genaiaws.core.GenerationRequest}, get a {@link dev.genaiaws.core.GenerationResponse}, or
 * stream {@link dev.genaiaws.core.GenerationEvent}s through a {@link
 * dev.genaiaws.core.GenerationStream}. {@link dev.genaiaws.core.EmbeddingClient} turns texts into
 * vectors. {@link dev.genaiaws.core.RetryPolicy} says how failures are retried and {@link
 * dev.genaiaws.core.GenerationListener} hooks in logging and metrics. Provider modules (Bedrock,
 * SageMaker) implement these interfaces.
 *
 * <p>Conversations with tools: {@link dev.genaiaws.core.ToolSpec} and {@link
 * dev.genaiaws.core.ToolConfig} on the request, {@link dev.genaiaws.core.ToolUseBlock} / {@link
 * dev.genaiaws.core.ToolResultBlock} in messages, {@link dev.genaiaws.core.ResponseFormat} for
 * structured output, {@link dev.genaiaws.core.Reasoning}, {@link dev.genaiaws.core.DocumentBlock},
 * {@link dev.genaiaws.core.CachePointBlock}; JSON values are {@link dev.genaiaws.core.JsonValue}.
 * The tool loop is in {@code dev.genaiaws.core.tools}.
 */
@NullMarked
package dev.genaiaws.core;

import org.jspecify.annotations.NullMarked;
