/** Machinery of the OpenTelemetry add-on: per-call spans and metric instruments. Not an API. */
@NullMarked
package dev.genaiaws.opentelemetry.internal;

import org.jspecify.annotations.NullMarked;
