package dev.genaiaws.core;

/**
 * Marker for typed, provider- or family-specific options that have no neutral name (a guardrail id,
 * a SageMaker target variant, Cohere's {@code truncate}). Each adapter defines its own options
 * record; you attach it to a request and the adapter looks it up by class:
 *
 * <pre>{@code
 * request = request.toBuilder().option(new MyOptions(...)).build();
 * Optional<MyOptions> o = request.option(MyOptions.class);
 * }</pre>
 *
 * <p>At most one value per class is kept; a later one replaces an earlier one. Implementations must
 * be immutable and their {@code toString()} must not print prompt text or secrets.
 */
public interface ProviderOptions {}
