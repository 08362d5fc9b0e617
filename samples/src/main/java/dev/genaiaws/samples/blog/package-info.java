/**
 * The blog generator: the project's end-to-end sample, from a topic to a saved post.
 *
 * <p>Where to start:
 *
 * <ul>
 *   <li>{@link dev.genaiaws.samples.blog.BlogWriter}: the logic (prompt, generate or stream, save),
 *       on any {@code GenerationClient} and {@code GenerationStore};
 *   <li>{@link dev.genaiaws.samples.blog.BlogCli}: the command line program, offline by default
 *       (the testkit's emulator) or against Amazon Bedrock with {@code --aws};
 *   <li>{@link dev.genaiaws.samples.blog.BlogHandler}: the AWS Lambda function behind an API
 *       Gateway HTTP API, configured by {@link dev.genaiaws.samples.blog.BlogConfig}'s environment
 *       variables, primed for SnapStart; {@link dev.genaiaws.samples.blog.BlogStreamHandler} serves
 *       REST APIs too.
 * </ul>
 *
 * <p>The Lambda classes never load the CLI, picocli or the testkit: the function's zip ({@code
 * samples/target/genai-aws-blog-function.zip}) leaves them out, and the SDK comes from the layer.
 * See {@code docs/lambda.md} and {@code docs/samples.md}.
 */
@NullMarked
package dev.genaiaws.samples.blog;

import org.jspecify.annotations.NullMarked;
