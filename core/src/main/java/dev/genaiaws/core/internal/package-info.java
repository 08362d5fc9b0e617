/**
 * Machinery shared by the provider adapters: the generation pipeline ({@link
 * dev.genaiaws.core.internal.GenerationRuntime}) over a {@link
 * dev.genaiaws.core.internal.Transport}, retries, stream bridging and validation helpers. Not part
 * of the public API: it may change in any release.
 */
@NullMarked
package dev.genaiaws.core.internal;

import org.jspecify.annotations.NullMarked;
