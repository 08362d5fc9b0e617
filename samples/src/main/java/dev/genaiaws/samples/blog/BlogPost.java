package dev.genaiaws.samples.blog;

import dev.genaiaws.core.TokenUsage;
import java.net.URI;

/**
 * A blog post that was written and saved.
 *
 * @param key the storage key of its record, e.g. {@code
 *     blogs/2026/11/23/20261123T081500123Z-3f9a1c0b7d2e.json}
 * @param uri where it was saved: {@code s3://bucket/key} or a {@code file:} URI
 * @param modelId the model that wrote it
 * @param text the post
 * @param usage input and output tokens
 * @param requestId the service's request id, or {@code null}
 */
public record BlogPost(
    String key, URI uri, String modelId, String text, TokenUsage usage, String requestId) {
  @Override
  public String toString() {
    return "BlogPost[key="
        + key
        + ", model="
        + modelId
        + ", "
        + text.length()
        + " chars, "
        + usage
        + "]";
  }
}
