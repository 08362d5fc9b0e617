/**
 * The knowledge-base emulator's machinery: the in-memory index ({@link
 * dev.genaiaws.testkit.internal.kb.Index}, BM25 over chunks cut by {@link
 * dev.genaiaws.testkit.internal.kb.Chunker}), metadata filters, ingestion jobs, answer composition
 * with citations, sessions, and the HTTP routing of both the agent runtime and the agent control
 * plane ({@link dev.genaiaws.testkit.internal.kb.KnowledgeBaseService}). Written from the AWS API
 * reference, independently of the client module. Internal.
 */
@NullMarked
package dev.genaiaws.testkit.internal.kb;

import org.jspecify.annotations.NullMarked;
