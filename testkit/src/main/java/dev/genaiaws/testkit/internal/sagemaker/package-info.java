/**
 * The SageMaker Runtime emulation: container models (TGI, LMI, JumpStart text2text, embeddings),
 * payload splitting for response streams, async inference through S3, and the request router
 * ({@code SageMakerService}). Not a public API.
 */
@NullMarked
package dev.genaiaws.testkit.internal.sagemaker;

import org.jspecify.annotations.NullMarked;
