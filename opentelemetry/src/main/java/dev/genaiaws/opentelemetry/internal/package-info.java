/** Machinery of the OpenTelemetry add-on: per-call spans and metric instruments. Not an API. */
package dev.genaiaws.opentelemetry.internal;
