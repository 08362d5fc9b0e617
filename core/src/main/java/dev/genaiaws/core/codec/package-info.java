/**
 * The codec SPI: how one model family's JSON is written and read. Start at {@link
 * dev.genaiaws.core.codec.ModelCodec} (text and image generation) and {@link
 * dev.genaiaws.core.codec.EmbeddingCodec}; {@link dev.genaiaws.core.codec.CodecRegistry} finds the
 * codec for a model id (profiles and ARNs included) and {@link
 * dev.genaiaws.core.codec.ParameterSupport} declares the parameters a family accepts. Codecs are
 * pure: no I/O, no AWS types, no retries.
 */
@NullMarked
package dev.genaiaws.core.codec;

import org.jspecify.annotations.NullMarked;
