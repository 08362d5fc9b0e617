package dev.genaiaws.testkit.internal.sagemaker;

/**
 * An {@code s3://bucket/key} location.
 *
 * @param bucket the bucket
 * @param key the key (may be empty for a bucket-level prefix)
 */
public record S3Location(String bucket, String key) {

  /** Parses {@code s3://bucket/key}. */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
      throw new IllegalArgumentException("not an s3:// URI: " + uri);
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    return slash < 0
        ? new S3Location(rest, "")
        : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** A location under this prefix. */
  public S3Location child(String name) {
    String k = key.isEmpty() || key.endsWith("/") ? key + name : key + "/" + name;
    return new S3Location(bucket, k);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
