/**
 * Small helpers the samples share: the offline notice and fake credentials for the embedded
 * emulators, and the command-line plumbing (UTF-8 streams, one-line errors, exit codes; the options
 * every sample shares, {@code CommonOptions}, and the base of every sample command, {@code
 * SampleCommand}). Not part of any sample's lesson: start with the samples themselves.
 */
@NullMarked
package dev.genaiaws.samples.internal;

import org.jspecify.annotations.NullMarked;
