/**
 * The container codecs: pure translations between the neutral request and what the container behind
 * a SageMaker endpoint reads and writes. No I/O, no AWS types.
 *
 * <p>Start with {@link dev.genaiaws.sagemaker.codec.TgiCodec} (Hugging Face TGI and DJL LMI, the
 * containers JumpStart and the Hugging Face LLM images deploy) and its {@link
 * dev.genaiaws.sagemaker.codec.ChatTemplate}; {@link
 * dev.genaiaws.sagemaker.codec.JumpStartText2TextCodec} for Flan-T5 style models; {@link
 * dev.genaiaws.sagemaker.codec.JumpStartEmbeddingCodec} and {@link
 * dev.genaiaws.sagemaker.codec.HuggingFaceEmbeddingCodec} for embeddings; and {@link
 * dev.genaiaws.sagemaker.codec.RawJsonCodec} with {@link dev.genaiaws.sagemaker.codec.RawJson} for
 * any other container. The family names are in {@link dev.genaiaws.sagemaker.SageMakerFormats}.
 */
@NullMarked
package dev.genaiaws.sagemaker.codec;

import org.jspecify.annotations.NullMarked;
