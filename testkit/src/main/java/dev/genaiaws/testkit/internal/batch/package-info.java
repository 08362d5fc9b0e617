/**
 * The emulated Bedrock batch inference control plane ({@code CreateModelInvocationJob}, {@code
 * Get}, {@code List}, {@code Stop}) and the runner that executes jobs against S3 with the
 * emulator's own model families. Internal.
 */
@NullMarked
package dev.genaiaws.testkit.internal.batch;

import org.jspecify.annotations.NullMarked;
