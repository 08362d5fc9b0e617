/**
 * Embeddings: {@link dev.genaiaws.samples.embeddings.SemanticSearchSample} embeds a folder of text
 * files and ranks them against a query by cosine similarity.
 */
@NullMarked
package dev.genaiaws.samples.embeddings;

import org.jspecify.annotations.NullMarked;
