/**
 * The provider-neutral API. Start at {@link dev.genaiaws.core.GenerationClient}: build a
 * {@link dev.genaiaws.core.GenerationRequest}, get a {@link dev.genaiaws.core.GenerationResponse}, or
 * stream {@link dev.genaiaws.core.GenerationEvent}s through a {@link dev.genaiaws.core.GenerationStream}.
 * {@link dev.genaiaws.core.EmbeddingClient} turns texts into vectors. {@link dev.genaiaws.core.RetryPolicy}
 * says how failures are retried and {@link dev.genaiaws.core.GenerationListener} hooks in logging and
 * metrics. Provider modules (Bedrock, SageMaker) implement these interfaces.
 */
package dev.genaiaws.core;
