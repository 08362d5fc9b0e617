package dev.genaiaws.aws.internal;

import dev.genaiaws.core.exception.InvalidRequestException;

/**
 * An {@code s3://bucket/key} URI, for every module that reads or writes S3 objects by URI
 * (SageMaker async inference, batch jobs). Internal.
 *
 * @param bucket the bucket
 * @param key the key (may be empty for a bucket's root prefix)
 */
public record S3Uri(String bucket, String key) {

  /** Parses {@code s3://bucket/key}. */
  public static S3Uri parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new InvalidRequestException(
          "an S3 location must look like s3://bucket/key but was " + uri);
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new InvalidRequestException("an S3 location must name a bucket but was " + uri);
    }
    return new S3Uri(bucket, key);
  }

  /** This location as a folder prefix: an empty key, or one ending with {@code /}. */
  public S3Uri asFolder() {
    return key.isEmpty() || key.endsWith("/") ? this : new S3Uri(bucket, key + "/");
  }

  /** This location as a prefix with the object name appended ({@code /} added when missing). */
  public S3Uri child(String name) {
    String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
    return new S3Uri(bucket, prefix + name);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
