package dev.genaiaws.core.codec;

/**
 * What every codec has: the family it speaks for. See {@link ModelCodec} and {@link
 * EmbeddingCodec}.
 */
public interface FamilyCodec {
  /** The family this codec encodes for. */
  ModelFamily family();
}
