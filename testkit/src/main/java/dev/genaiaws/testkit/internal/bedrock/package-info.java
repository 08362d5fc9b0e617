/**
 * The Bedrock Runtime emulation: model id resolution ({@code ModelCatalog}), one {@code
 * ModelFamily} per request/response schema, the Converse API and the request router ({@code
 * BedrockService}). Not a public API.
 */
@NullMarked
package dev.genaiaws.testkit.internal.bedrock;

import org.jspecify.annotations.NullMarked;
