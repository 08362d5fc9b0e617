/**
 * A small tool-calling loop: hand Java functions to the model. Start at {@link
 * dev.genaiaws.core.tools.ToolLoop}: describe each function as a {@link
 * dev.genaiaws.core.tools.Tool} with a record for its input, and the loop calls the model, runs the
 * tools it asks for (several at once when it asks for several), sends the results back, and stops
 * when the model answers, or fails at the step limit. A {@link
 * dev.genaiaws.core.tools.ToolLoopListener} sees every step.
 */
@NullMarked
package dev.genaiaws.core.tools;

import org.jspecify.annotations.NullMarked;
