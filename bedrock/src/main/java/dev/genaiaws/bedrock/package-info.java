/**
 * The Amazon Bedrock adapter. Start at {@link dev.genaiaws.bedrock.BedrockGenerationClient}: build
 * one (region, credentials, default inference config, retry policy, time-outs), share it, and call
 * {@code generate}, {@code generateAsync} or {@code stream} with a neutral {@link
 * dev.genaiaws.core.GenerationRequest}. {@link dev.genaiaws.bedrock.BedrockOptions} sets
 * Bedrock-only request fields (guardrail, trace, performance and service tier). Image models (Titan
 * Image, Nova Canvas, Stability) answer the same {@code generate} call with {@link
 * dev.genaiaws.core.ImageBlock}s (see {@code docs/images.md}). For vectors, use {@link
 * dev.genaiaws.bedrock.BedrockEmbeddingClient} (Titan Embeddings, Cohere Embed; see {@code
 * docs/embeddings.md}). The families and their codecs live in {@link dev.genaiaws.bedrock.codec}.
 */
@NullMarked
package dev.genaiaws.bedrock;

import org.jspecify.annotations.NullMarked;
