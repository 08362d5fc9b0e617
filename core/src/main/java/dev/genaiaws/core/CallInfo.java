package dev.genaiaws.core;

/**
 * What a {@link GenerationListener} is told about a call.
 *
 * @param provider e.g. {@code bedrock} or {@code sagemaker}
 * @param operation {@code generate}, {@code generateAsync}, {@code stream} or {@code embed}
 * @param modelId the model id, profile, ARN or endpoint name
 * @param attempt the attempt number, 1 for the first
 * @param request the request (its {@code toString()} hides the prompt; the prompt itself is there for
 *     listeners that choose to read it), or {@code null} for embeddings
 */
public record CallInfo(String provider, String operation, String modelId, int attempt,
    GenerationRequest request) {}
