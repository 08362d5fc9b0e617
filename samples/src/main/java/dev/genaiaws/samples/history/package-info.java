/**
 * Past generations: {@link dev.genaiaws.samples.history.HistorySample} lists what the other samples saved
 * (newest first) and reloads one.
 */
package dev.genaiaws.samples.history;
