/**
 * The builder bases every client of this SDK shares, so that each has the same settings with the
 * same names, defaults and checks: {@link dev.genaiaws.aws.AwsClientBuilderBase} (region,
 * credentials: every builder that builds AWS clients, the job clients' too), {@link
 * dev.genaiaws.aws.EndpointClientBuilderBase} (and an endpoint: knowledge bases, ingestion,
 * customization), {@link dev.genaiaws.aws.ClientBuilderBase} (and retry policy, listeners, call and
 * attempt time-outs: the model clients), {@link dev.genaiaws.aws.GenerationClientBuilderBase}
 * (default inference parameters, unsupported parameters) and {@link
 * dev.genaiaws.aws.EmbeddingClientBuilderBase} (concurrency). You meet them only through a client's
 * {@code builder()}; everything else in this artifact is internal machinery.
 */
@NullMarked
package dev.genaiaws.aws;

import org.jspecify.annotations.NullMarked;
