/**
 * Past generations: {@link dev.genaiaws.samples.history.HistorySample} lists what the other samples
 * saved (newest first) and reloads one.
 */
@NullMarked
package dev.genaiaws.samples.history;

import org.jspecify.annotations.NullMarked;
