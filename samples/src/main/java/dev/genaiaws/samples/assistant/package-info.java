/**
 * An assistant that calls Java tools through the tool loop: {@link dev.genaiaws.samples.assistant.AssistantSample}.
 */
package dev.genaiaws.samples.assistant;
