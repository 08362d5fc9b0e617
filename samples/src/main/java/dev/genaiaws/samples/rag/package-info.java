/**
 * Retrieval-augmented generation over a knowledge base: {@link dev.genaiaws.samples.rag.RagHandler}
 * (an API Gateway HTTP API Lambda function: question in, answer with citations out), {@link
 * dev.genaiaws.samples.rag.IngestionTrigger} (starts ingestion when documents change), and {@link
 * dev.genaiaws.samples.rag.RagCli} ({@code ask}: index a folder and answer questions, offline on
 * the testkit's emulator or with {@code --aws}). Deployment: {@code samples/rag-template.yaml};
 * guide: {@code docs/knowledge-bases.md}.
 */
@NullMarked
package dev.genaiaws.samples.rag;

import org.jspecify.annotations.NullMarked;
