/**
 * Small helpers the samples share: the offline notice and fake credentials for the embedded emulators, and
 * the command-line plumbing (UTF-8 streams, one-line errors, exit codes). Not part of any sample's lesson:
 * start with the samples themselves.
 */
@NullMarked
package dev.genaiaws.samples.internal;

import org.jspecify.annotations.NullMarked;
