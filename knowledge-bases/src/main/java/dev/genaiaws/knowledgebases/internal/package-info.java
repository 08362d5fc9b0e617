/**
 * The knowledge-base client's machinery: conversions to and from the {@code bedrock-agent-runtime}
 * model ({@link dev.genaiaws.knowledgebases.internal.Wire}), error mapping ({@link
 * dev.genaiaws.knowledgebases.internal.KnowledgeBaseErrors}), model ARNs, the streamed-answer
 * bridge on core's {@code StreamCall}, the bring-your-own-model prompt and citation reading, and
 * ingestion's S3 layout. Internal: not an API, may change in any release.
 */
@NullMarked
package dev.genaiaws.knowledgebases.internal;

import org.jspecify.annotations.NullMarked;
