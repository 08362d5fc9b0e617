/**
 * The exceptions of the SDK, all unchecked. Start at {@link
 * dev.genaiaws.core.exception.GenAiException}: {@code retryable()} says whether trying again can
 * help, {@code attempts()} how often it was tried. {@link
 * dev.genaiaws.core.exception.GenAiClientException} covers what failed on this side (bad input,
 * unreadable answers, broken connections); {@link
 * dev.genaiaws.core.exception.GenAiServiceException} what the service refused, with status, error
 * code and request id.
 */
@NullMarked
package dev.genaiaws.core.exception;

import org.jspecify.annotations.NullMarked;
