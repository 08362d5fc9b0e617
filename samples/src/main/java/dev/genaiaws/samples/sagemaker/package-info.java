/**
 * SageMaker endpoints: {@link dev.genaiaws.samples.sagemaker.SageMakerSample} calls a
 * text-generation endpoint in real time, streaming, or through asynchronous inference.
 */
@NullMarked
package dev.genaiaws.samples.sagemaker;

import org.jspecify.annotations.NullMarked;
