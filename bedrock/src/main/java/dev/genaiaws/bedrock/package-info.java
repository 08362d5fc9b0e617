/**
 * The Amazon Bedrock adapter. Start at {@link dev.genaiaws.bedrock.BedrockGenerationClient}: build one
 * (region, credentials, default inference config, retry policy, time-outs), share it, and call
 * {@code generate}, {@code generateAsync} or {@code stream} with a neutral
 * {@link dev.genaiaws.core.GenerationRequest}. {@link dev.genaiaws.bedrock.BedrockOptions} sets
 * Bedrock-only request fields (guardrail, trace, performance and service tier). The families and their
 * codecs live in {@link dev.genaiaws.bedrock.codec}.
 */
package dev.genaiaws.bedrock;
