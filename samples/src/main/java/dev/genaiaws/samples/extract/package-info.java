/**
 * Structured extraction: free text to a typed record, with a forced tool or native structured
 * output: {@link dev.genaiaws.samples.extract.ExtractSample}.
 */
@NullMarked
package dev.genaiaws.samples.extract;

import org.jspecify.annotations.NullMarked;
