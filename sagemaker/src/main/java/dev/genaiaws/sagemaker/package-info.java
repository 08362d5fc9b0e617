/**
 * Models on Amazon SageMaker endpoints behind the provider-neutral API. Start with {@link
 * dev.genaiaws.sagemaker.SageMakerGenerationClient} (real-time, streaming, embeddings and
 * asynchronous inference), name your endpoints' container formats with {@link
 * dev.genaiaws.sagemaker.SageMakerFormats}, and set per-call SageMaker headers with {@link
 * dev.genaiaws.sagemaker.SageMakerOptions}. Asynchronous inference is configured with {@link
 * dev.genaiaws.sagemaker.AsyncInferenceOptions} and tracked with an {@link
 * dev.genaiaws.sagemaker.AsyncInferenceHandle}. The container codecs are in {@code
 * dev.genaiaws.sagemaker.codec}.
 */
@NullMarked
package dev.genaiaws.sagemaker;

import org.jspecify.annotations.NullMarked;
