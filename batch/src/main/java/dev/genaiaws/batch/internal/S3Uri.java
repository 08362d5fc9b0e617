package dev.genaiaws.batch.internal;

import dev.genaiaws.core.exception.InvalidRequestException;

/**
 * An {@code s3://bucket/key} location. Internal.
 *
 * @param bucket the bucket
 * @param key the key or prefix, possibly empty
 */
public record S3Uri(String bucket, String key) {

  /** Parses {@code s3://bucket/key}. */
  public static S3Uri parse(String uri) {
    if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
      throw new InvalidRequestException("expected an s3://bucket/key URI but got '" + uri + "'");
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** This location as a folder prefix: empty, or ending with {@code /}. */
  public S3Uri asFolder() {
    return key.isEmpty() || key.endsWith("/") ? this : new S3Uri(bucket, key + "/");
  }

  /** A location under this folder. */
  public S3Uri child(String name) {
    return new S3Uri(bucket, asFolder().key + name);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
