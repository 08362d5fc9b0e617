/**
 * An assistant that calls Java tools through the tool loop: {@link
 * dev.genaiaws.samples.assistant.AssistantSample}.
 */
@NullMarked
package dev.genaiaws.samples.assistant;

import org.jspecify.annotations.NullMarked;
