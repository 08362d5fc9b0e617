/**
 * The benchmark harness behind {@code docs/benchmarks.md}: codec, overhead, streaming, concurrency,
 * cold-start, telemetry and batch measurements against the testkit emulators, started by {@link
 * dev.genaiaws.benchmarks.RunAll} (profile {@code -Pbenchmarks}). Not published.
 */
@NullMarked
package dev.genaiaws.benchmarks;

import org.jspecify.annotations.NullMarked;
