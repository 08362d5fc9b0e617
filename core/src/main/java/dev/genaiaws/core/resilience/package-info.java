/**
 * A total time budget and fallbacks over any {@link dev.genaiaws.core.GenerationClient}: start at
 * {@link dev.genaiaws.core.resilience.ResilientGenerationClient}. One deadline covers every
 * attempt, back-off, fallback and a stream's whole delivery; an ordered list of {@link
 * dev.genaiaws.core.resilience.FallbackTarget}s (other models, other regions) is tried when one is
 * throttled or unavailable beyond its retry policy, never after a stream has delivered output.
 */
@NullMarked
package dev.genaiaws.core.resilience;

import org.jspecify.annotations.NullMarked;
