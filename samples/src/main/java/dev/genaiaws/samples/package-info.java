/**
 * Runnable programs built on genai-aws, one package per sample.
 *
 * <p>Start with {@link dev.genaiaws.samples.blog}: the blog generator, as a command line program
 * ({@link dev.genaiaws.samples.blog.BlogCli}) and as an AWS Lambda function behind API Gateway
 * ({@link dev.genaiaws.samples.blog.BlogHandler}). {@link dev.genaiaws.samples.SamplesMain} is the
 * entry point of {@code genai-aws-samples.jar}: {@code java -jar genai-aws-samples.jar [sample]
 * args...}.
 */
@NullMarked
package dev.genaiaws.samples;

import org.jspecify.annotations.NullMarked;
