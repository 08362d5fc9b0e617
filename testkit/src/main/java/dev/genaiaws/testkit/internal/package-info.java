/**
 * Machinery shared by the emulators (HTTP server, recording, event-stream encoding, the JSON schema
 * checker, deterministic text/embedding/image generation). Not a public API: it may change in any
 * release.
 */
@NullMarked
package dev.genaiaws.testkit.internal;

import org.jspecify.annotations.NullMarked;
