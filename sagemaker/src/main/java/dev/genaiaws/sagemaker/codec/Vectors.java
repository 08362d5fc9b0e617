package dev.genaiaws.sagemaker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/** Reading vectors out of nested JSON arrays, shared by the embedding codecs. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class Vectors {
  private Vectors() {}

  static void refuseDimensions(EmbeddingRequest request, String family) {
    if (request.dimensions() != null) {
      throw new InvalidRequestException(
          "dimensions cannot be chosen for "
              + request.modelId()
              + " ("
              + family
              + "): the deployed model fixes the vector size, but "
              + request.dimensions()
              + " was asked for");
    }
  }

  /**
   * One vector per text from {@code [[f, ...], ...]}; a flat {@code [f, ...]} is one vector;
   * token-level output {@code [[[f, ...] per token], ...]} is mean-pooled.
   */
  static List<float[]> read(JsonNode array, String family, boolean normalize) {
    if (array == null || !array.isArray()) {
      throw new CodecException("the " + family + " answer holds no array of vectors", null);
    }
    List<float[]> out = new ArrayList<>();
    if (array.size() > 0 && array.get(0).isNumber()) {
      out.add(vector(array, family));
    } else {
      for (JsonNode item : array) {
        if (item.isArray() && item.size() > 0 && item.get(0).isArray()) {
          out.add(meanPool(item, family));
        } else {
          out.add(vector(item, family));
        }
      }
    }
    if (normalize) {
      out.replaceAll(Vectors::unit);
    }
    return out;
  }

  private static float[] vector(JsonNode node, String family) {
    if (!node.isArray()) {
      throw new CodecException(
          "the "
              + family
              + " answer holds a "
              + node.getNodeType()
              + " where a vector"
              + " was expected",
          null);
    }
    float[] v = new float[node.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode x = node.get(i);
      if (!x.isNumber()) {
        throw new CodecException(
            "the " + family + " answer holds a " + x.getNodeType() + " inside a vector", null);
      }
      v[i] = (float) x.asDouble();
    }
    return v;
  }

  private static float[] meanPool(JsonNode tokens, String family) {
    float[] sum = null;
    for (JsonNode t : tokens) {
      float[] v = vector(t, family);
      if (sum == null) {
        sum = v;
      } else {
        for (int i = 0; i < Math.min(sum.length, v.length); i++) {
          sum[i] += v[i];
        }
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= tokens.size();
    }
    return sum;
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
