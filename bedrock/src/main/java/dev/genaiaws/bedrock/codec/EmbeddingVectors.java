package dev.genaiaws.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.core.exception.CodecException;

/** Reads JSON arrays of numbers into vectors for the embedding codecs. Internal to this package. */
final class EmbeddingVectors {
  private EmbeddingVectors() {}

  /**
   * A JSON array of numbers as a vector; the error names the family and field, never the content.
   */
  static float[] floats(JsonNode array, String family, String field) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw new CodecException(
          "the "
              + family
              + " answer has no "
              + field
              + " vector: is the model id matched to the right family?",
          null);
    }
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode n = array.get(i);
      if (!n.isNumber()) {
        throw new CodecException(
            "the "
                + family
                + " answer's "
                + field
                + " holds a "
                + n.getNodeType()
                + " at "
                + i
                + " where a number belongs",
            null);
      }
      v[i] = (float) n.asDouble();
    }
    return v;
  }
}
