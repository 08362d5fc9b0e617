package dev.genaiaws.core.codec;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;

/**
 * Turns the neutral {@link GenerationRequest} into one model family's JSON and the family's answers
 * back. A codec is pure: no I/O, no AWS types, no retries, no state (except in the {@link
 * StreamDecoder}s it makes); it is safe to share across threads.
 *
 * <p>The adapter calls it in this order: {@link #parameters} to check and merge the inference
 * config, {@link #encode} to build the body, then {@link #decode} or {@link #newStreamDecoder} for
 * the answer.
 */
public interface ModelCodec extends FamilyCodec {

  /** Which inference parameters the model takes, and their ranges. */
  ParameterSupport parameters(String modelId);

  /**
   * The request body for the model.
   *
   * @param request the request, its inference config already merged with the client's defaults and
   *     checked against {@link #parameters}
   * @param modelId the base model id the request resolved to (profile prefixes and ARNs removed
   *     where possible); codecs use it to tell models of one family apart
   * @throws dev.genaiaws.core.exception.InvalidRequestException when the request cannot be
   *     expressed (an image for a text-only model, roles in an order the family refuses, ...)
   */
  byte[] encode(GenerationRequest request, String modelId);

  /**
   * The request body for a streamed call (InvokeModelWithResponseStream). Most families send the
   * same body either way, which is what this default does; a family whose body must say that it
   * streams (Cohere Command's {@code "stream": true}) overrides it. Adapters call this, not {@link
   * #encode}, when they stream.
   *
   * @param request as for {@link #encode}
   * @param modelId as for {@link #encode}
   * @throws dev.genaiaws.core.exception.InvalidRequestException as for {@link #encode}
   */
  default byte[] encodeForStream(GenerationRequest request, String modelId) {
    return encode(request, modelId);
  }

  /**
   * Reads a complete (non-streamed) answer. Usage the body does not carry is left at 0; metadata
   * empty.
   *
   * @throws dev.genaiaws.core.exception.CodecException if the body cannot be read
   * @throws dev.genaiaws.core.exception.ContentBlockedException if the model filtered the output
   */
  GenerationResponse decode(byte[] body);

  /**
   * Reads a complete answer knowing the request it answers, for families whose answer leaves out
   * what the request said (Titan Image does not echo the seed it drew with). The client calls this
   * one; the default ignores the request and calls {@link #decode(byte[])}.
   *
   * @param request the request as sent (defaults merged)
   */
  default GenerationResponse decode(byte[] body, GenerationRequest request) {
    return decode(body);
  }

  /**
   * Whether this family's own API can carry everything the request uses. The default accepts plain
   * requests only (text and images: {@link GenerationRequest#isPlain()}); a family whose API has
   * tools, reasoning or documents (Claude Messages) says so here. A request this refuses fails
   * before sending, or (Bedrock's {@code AUTO} routing) goes through the Converse API instead.
   */
  default boolean canExpress(GenerationRequest request) {
    return request.isPlain();
  }

  /** A fresh decoder for one stream. */
  StreamDecoder newStreamDecoder();

  /** Whether the family can stream at all (image models cannot). */
  default boolean supportsStreaming() {
    return true;
  }

  /**
   * Whether this codec's models generate images (and so take an {@code ImageConfig}). A request
   * with an image config is refused before sending when its codec says no.
   */
  default boolean generatesImages() {
    return false;
  }
}
