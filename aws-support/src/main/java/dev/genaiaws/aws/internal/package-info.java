/**
 * The AWS SDK plumbing the provider adapters share: {@link
 * dev.genaiaws.aws.internal.AwsClientConfig} builds SDK clients the way the SDK's one retry layer
 * needs them (SDK retries off, url-connection for sync calls with a long read time-out, Netty on
 * HTTP/1.1 for async), {@link dev.genaiaws.aws.internal.LazyClient} holds an injected or lazily
 * built client and closes only what it built, {@link dev.genaiaws.aws.internal.SdkErrors} reads SDK
 * exceptions, {@link dev.genaiaws.aws.internal.SdkCalls} runs one SDK call (sync, async or event
 * stream) and maps its failure, and {@link dev.genaiaws.aws.internal.SdkTransport} is the byte-body
 * transport both runtime adapters extend. Internal: not an API, may change in any release.
 */
@NullMarked
package dev.genaiaws.aws.internal;

import org.jspecify.annotations.NullMarked;
