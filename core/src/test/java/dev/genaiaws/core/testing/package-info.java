/**
 * Test fixtures that core's test-jar shares with the other modules' tests: sleepers that record or
 * hold back-offs ({@link dev.genaiaws.core.testing.RecordingSleeper}, {@link
 * dev.genaiaws.core.testing.ManualSleeper}), the fault storm and leak counters ({@link
 * dev.genaiaws.core.testing.FaultStorm}, {@link dev.genaiaws.core.testing.Leaks}), fuzz inputs
 * ({@link dev.genaiaws.core.testing.Fuzz}) and the client contract tests every adapter extends.
 *
 * <p>They live in a package of their own, not in {@code dev.genaiaws.core}: core is a named module
 * ({@code module-info.java}), and a test-jar class in one of its packages would be a split package
 * for the other modules' tests (docs/design/decisions.md, "Module descriptors").
 */
@NullMarked
package dev.genaiaws.core.testing;

import org.jspecify.annotations.NullMarked;
