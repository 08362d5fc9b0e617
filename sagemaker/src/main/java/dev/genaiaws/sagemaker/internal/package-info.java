/**
 * Machinery of the SageMaker adapter: the transport over the SageMaker Runtime clients, error
 * mapping, the lazily built AWS clients and asynchronous inference polling. Not for use outside
 * this module; it may change in any release.
 */
@NullMarked
package dev.genaiaws.sagemaker.internal;

import org.jspecify.annotations.NullMarked;
