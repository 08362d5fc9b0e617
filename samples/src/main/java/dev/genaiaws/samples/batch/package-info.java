/**
 * The batch blog sample: a blog post for every topic of a file, through one Bedrock batch inference
 * job. Start at {@link dev.genaiaws.samples.batch.BatchBlogSample}.
 */
@NullMarked
package dev.genaiaws.samples.batch;

import org.jspecify.annotations.NullMarked;
