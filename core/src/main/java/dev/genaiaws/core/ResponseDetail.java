package dev.genaiaws.core;

/**
 * Marker for typed, family-specific data an answer carries beyond the neutral fields (Cohere
 * Command's token likelihoods, for instance). The codec that decodes the answer attaches it; you
 * read it by class, the mirror image of {@link ProviderOptions} on requests:
 *
 * <pre>{@code
 * GenerationResponse r = client.generate(request);
 * Optional<CohereLikelihoods> l = r.detail(CohereLikelihoods.class);
 * }</pre>
 *
 * <p>At most one value per class is kept. Implementations must be immutable, and their {@code
 * toString()} must not print prompt or output text.
 */
public interface ResponseDetail {}
