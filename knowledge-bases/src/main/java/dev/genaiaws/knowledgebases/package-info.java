/**
 * Retrieval-augmented generation over Amazon Bedrock Knowledge Bases: documents in S3 are chunked
 * and embedded into a vector store by the service, and questions are answered from them with
 * citations.
 *
 * <p>Where to start:
 *
 * <ul>
 *   <li>{@link dev.genaiaws.knowledgebases.KnowledgeBaseClient}: {@code retrieve} passages ({@link
 *       dev.genaiaws.knowledgebases.RetrieveRequest}, {@link
 *       dev.genaiaws.knowledgebases.MetadataFilter}, {@link dev.genaiaws.knowledgebases.Reranking},
 *       {@link dev.genaiaws.knowledgebases.RetrievalPage}), {@code answer} questions ({@link
 *       dev.genaiaws.knowledgebases.AnswerRequest}, {@link dev.genaiaws.knowledgebases.Answer},
 *       {@link dev.genaiaws.knowledgebases.Citation}), stream answers ({@link
 *       dev.genaiaws.knowledgebases.AnswerStream}, {@link
 *       dev.genaiaws.knowledgebases.AnswerEvent}), hold a {@link
 *       dev.genaiaws.knowledgebases.Conversation}, or answer with your own {@link
 *       dev.genaiaws.core.GenerationClient} ({@code answerWith}).
 *   <li>{@link dev.genaiaws.knowledgebases.KnowledgeBaseIngestion}: upload documents with their
 *       metadata to the data source's bucket and run ingestion jobs ({@link
 *       dev.genaiaws.knowledgebases.IngestionJob}, {@link
 *       dev.genaiaws.knowledgebases.IngestionStatistics}).
 * </ul>
 *
 * <p>An add-on artifact ({@code genai-aws-knowledge-bases}): it is not in the Lambda layer; a
 * function that needs it packages it itself. Offline tests run against the testkit's {@code
 * KnowledgeBaseEmulator}. Guide: {@code docs/knowledge-bases.md}.
 */
@NullMarked
package dev.genaiaws.knowledgebases;

import org.jspecify.annotations.NullMarked;
