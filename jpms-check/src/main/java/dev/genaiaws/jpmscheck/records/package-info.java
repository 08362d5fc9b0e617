/** A user's record type, opened to {@code dev.genaiaws.core} for structured output. */
@NullMarked
package dev.genaiaws.jpmscheck.records;

import org.jspecify.annotations.NullMarked;
