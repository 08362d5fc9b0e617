/**
 * The Bedrock codecs: one per model family, each turning the neutral request into that family's
 * JSON and back. They are pure (no I/O) and public so that you can register your own or override
 * one on the client; {@link dev.genaiaws.bedrock.codec.BedrockCodecs} lists the built-in ones.
 */
@NullMarked
package dev.genaiaws.bedrock.codec;

import org.jspecify.annotations.NullMarked;
