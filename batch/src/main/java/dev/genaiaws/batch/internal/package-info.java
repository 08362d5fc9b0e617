/**
 * Machinery of the batch module: writing JSONL input files within the service limits, refusing
 * records a batch cannot take, reading result files line by line, mapping AWS errors. Internal: not
 * part of the API.
 */
@NullMarked
package dev.genaiaws.batch.internal;

import org.jspecify.annotations.NullMarked;
