/**
 * Batch inference at scale: thousands of requests run by the provider's own batch service from S3,
 * at about half the on-demand price, with the same requests and answers as {@code generate}.
 *
 * <p>Start at {@link dev.genaiaws.batch.BedrockBatchClient} (Bedrock batch inference jobs): {@code
 * submit} a list, iterator or stream of {@code GenerationRequest}s (or {@code EmbeddingRequest}s)
 * with a {@link dev.genaiaws.batch.BatchJobConfig}, get a {@link dev.genaiaws.batch.BatchJob}
 * handle (status, progress, {@code await}, {@code stop}, re-attach by ARN with {@code attach}), and
 * read {@link dev.genaiaws.batch.BatchResults} streamed from S3, each {@link
 * dev.genaiaws.batch.BatchResult} joined to its request by record id. {@link
 * dev.genaiaws.batch.SageMakerTransformClient} does the same for SageMaker batch transform over an
 * endpoint's model ({@link dev.genaiaws.batch.TransformJob}). {@link
 * dev.genaiaws.batch.BatchLimits} holds the service quotas the input is checked against before
 * anything is written. Job handles implement the shared {@link dev.genaiaws.core.job.Job} shape of
 * core. Guide: {@code docs/batch.md}.
 */
@NullMarked
package dev.genaiaws.batch;

import org.jspecify.annotations.NullMarked;
