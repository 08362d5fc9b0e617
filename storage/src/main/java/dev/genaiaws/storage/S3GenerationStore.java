package dev.genaiaws.storage;

import dev.genaiaws.aws.EndpointClientBuilderBase;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.storage.internal.StorageKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * A {@link GenerationStore} in an S3 bucket: one JSON object per generation, one object per image.
 *
 * <pre>{@code
 * try (S3GenerationStore store = S3GenerationStore.builder()
 *     .bucket("my-blogs").prefix("blogs").sseKms("alias/blogs").build()) {
 *   StoredGeneration saved = store.save(request, response);  // s3://my-blogs/blogs/2026/11/23/...json
 * }
 * }</pre>
 *
 * <p><b>No overwrites.</b> Every {@code PutObject} carries {@code If-None-Match: *}: S3 refuses to
 * write over an existing key with 412 Precondition Failed, atomically, even between concurrent
 * writers; that becomes a {@link StorageConflictException}. S3 answers 409
 * ConditionalRequestConflict while a conflicting write is in flight: the store retries once, then
 * reports a conflict. S3-compatible servers that ignore the header would overwrite silently, so
 * {@link Builder#headBeforeWrite(boolean)} adds a {@code HeadObject} check first; that check alone
 * is racy (two writers can both see "absent"), the header is what makes it safe on AWS.
 *
 * <p>Each object gets its content type, user metadata, a CRC32 checksum that S3 verifies, and the
 * configured server-side encryption and storage class. Listing pages through {@code ListObjectsV2}
 * lazily.
 *
 * <p><b>The client.</b> Pass your own {@link S3Client} (it is never closed by the store, and keeps
 * its own retry settings), or let the builder make one on the small url-connection HTTP client from
 * {@link Builder#region}, {@link Builder#endpointOverride} and {@link Builder#credentialsProvider}
 * (the default chains when unset); the store closes that one in {@link #close()}.
 *
 * <p>IAM: {@code s3:PutObject}, {@code s3:GetObject}, {@code s3:DeleteObject} on {@code
 * arn:aws:s3:::bucket/prefix/*}, {@code s3:ListBucket} on the bucket (with a prefix condition), and
 * {@code kms:GenerateDataKey} / {@code kms:Decrypt} on the key when using SSE-KMS.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class S3GenerationStore extends ObjectGenerationStore {
  private final S3Client s3;
  private final boolean ownsClient;
  private final String bucket;
  private final ServerSideEncryption sse;
  private final String kmsKeyId;
  private final StorageClass storageClass;
  private final ChecksumAlgorithm checksumAlgorithm;
  private final boolean headBeforeWrite;
  private final AtomicBoolean closed = new AtomicBoolean();

  private S3GenerationStore(Builder b) {
    super(b.prefix, b.keyStrategy, b.clock);
    if (b.bucket == null || b.bucket.isBlank()) {
      throw new InvalidRequestException(
          "bucket must be set: S3GenerationStore.builder().bucket(\"my-bucket\")");
    }
    this.bucket = b.bucket;
    this.sse = b.sse;
    this.kmsKeyId = b.kmsKeyId;
    this.storageClass = b.storageClass;
    this.checksumAlgorithm = b.checksumAlgorithm;
    this.headBeforeWrite = b.headBeforeWrite;
    if (b.s3Client != null) {
      this.s3 = b.s3Client;
      this.ownsClient = false;
    } else {
      this.s3 = b.buildClient();
      this.ownsClient = true;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bucket written to. */
  public String bucket() {
    return bucket;
  }

  @Override
  public Stream<StoredObject> list(String prefix) {
    String p = StorageKeys.validatePrefix(prefix);
    Iterator<S3Object> pages =
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(p.isEmpty() ? null : p))
            .contents()
            .iterator();
    Iterator<StoredObject> objects =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              return pages
                  .hasNext(); // fetches the next page of up to 1,000 keys when this one is used up
            } catch (SdkException e) {
              throw failure(null, "list s3://" + bucket + "/" + p, e);
            }
          }

          @Override
          public StoredObject next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            S3Object o = pages.next();
            return new StoredObject(
                o.key(),
                uri(o.key()),
                o.size() == null ? 0 : o.size(),
                o.lastModified(),
                null,
                Map.of());
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            objects, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  @Override
  public Optional<StoredObject> head(String key) {
    StorageKeys.validate(key);
    try {
      HeadObjectResponse h = s3.headObject(r -> r.bucket(bucket).key(key));
      return Optional.of(
          new StoredObject(
              key,
              uri(key),
              h.contentLength() == null ? 0 : h.contentLength(),
              h.lastModified(),
              h.contentType(),
              h.metadata()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure(key, "read the metadata of " + uri(key), e);
    } catch (SdkException e) {
      throw failure(key, "read the metadata of " + uri(key), e);
    }
  }

  @Override
  public void delete(String key) {
    StorageKeys.validate(key);
    try {
      s3.deleteObject(r -> r.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw failure(key, "delete " + uri(key), e);
    }
  }

  @Override
  public URI putBytes(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
    StorageKeys.validate(key);
    Checks.notNull(bytes, "bytes");
    URI uri = uri(key);
    if (headBeforeWrite && head(key).isPresent()) {
      throw new StorageConflictException(key, uri.toString(), null);
    }
    PutObjectRequest.Builder put =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .ifNoneMatch("*")
            .contentType(contentType == null ? "application/octet-stream" : contentType)
            .metadata(metadata == null ? Map.of() : metadata);
    if (checksumAlgorithm != null) {
      put.checksumAlgorithm(checksumAlgorithm);
    }
    if (sse != null) {
      put.serverSideEncryption(sse);
      if (kmsKeyId != null) {
        put.ssekmsKeyId(kmsKeyId);
      }
    }
    if (storageClass != null) {
      put.storageClass(storageClass);
    }
    PutObjectRequest request = put.build();
    for (int attempt = 1; ; attempt++) {
      try {
        s3.putObject(request, RequestBody.fromBytes(bytes));
        return uri;
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          throw new StorageConflictException(key, uri.toString(), e);
        }
        if (e.statusCode() == 409 && attempt < 2) {
          continue; // ConditionalRequestConflict: a concurrent write is in flight; the retry gets
          // 412 or wins
        }
        if (e.statusCode() == 409) {
          throw new StorageConflictException(key, uri.toString(), e);
        }
        throw failure(key, "write " + uri, e);
      } catch (SdkException e) {
        throw failure(key, "write " + uri, e);
      }
    }
  }

  @Override
  public byte[] getBytes(String key) {
    StorageKeys.validate(key);
    try {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
      return bytes.asByteArray();
    } catch (NoSuchKeyException e) {
      throw new StorageNotFoundException(key, uri(key).toString(), e);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new StorageNotFoundException(key, uri(key).toString(), e);
      }
      throw failure(key, "read " + uri(key), e);
    } catch (SdkException e) {
      throw failure(key, "read " + uri(key), e);
    }
  }

  @Override
  public URI uri(String key) {
    try {
      return new URI("s3", bucket, "/" + key, null);
    } catch (URISyntaxException e) {
      throw new StorageException(
          key, "cannot form an s3:// URI for bucket '" + bucket + "' and key '" + key + "'", e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsClient) {
      s3.close();
    }
  }

  private StorageException failure(@Nullable String key, String what, SdkException e) {
    if (e instanceof S3Exception s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      boolean retryable = s.statusCode() >= 500 || s.statusCode() == 429 || "SlowDown".equals(code);
      String hint =
          s.statusCode() == 403
              ? ": check the IAM policy allows it (see docs/storage.md)"
              : s.statusCode() == 404 && "NoSuchBucket".equals(code)
                  ? ": the bucket '" + bucket + "' does not exist"
                  : "";
      return new StorageException(
          key,
          "could not "
              + what
              + ": S3 answered "
              + s.statusCode()
              + (code == null ? "" : " " + code)
              + " (request id "
              + s.requestId()
              + ")"
              + hint,
          e,
          retryable);
    }
    return new StorageException(
        key,
        "could not " + what + ": " + e.getMessage(),
        e,
        e instanceof SdkClientException && e.retryable());
  }

  @Override
  public String toString() {
    return "S3GenerationStore[s3://"
        + bucket
        + "/"
        + prefix()
        + ", sse="
        + sse
        + ", storageClass="
        + storageClass
        + ", ownsClient="
        + ownsClient
        + "]";
  }

  /**
   * Builder for {@link S3GenerationStore}. Only {@link #bucket} is required. Either pass a client
   * with {@link #s3Client}, or let the store build one (url-connection HTTP client) from the
   * region, endpoint and credentials given here.
   */
  public static final class Builder extends EndpointClientBuilderBase<Builder> {
    private S3Client s3Client;
    private boolean forcePathStyle;
    private String bucket;
    private String prefix = "generations";
    private KeyStrategy keyStrategy;
    private ServerSideEncryption sse;
    private @Nullable String kmsKeyId;
    private StorageClass storageClass;
    private ChecksumAlgorithm checksumAlgorithm = ChecksumAlgorithm.CRC32;
    private boolean headBeforeWrite;
    private Clock clock;

    private Builder() {}

    /** The client to use. The store never closes it; it keeps its own retry and HTTP settings. */
    public Builder s3Client(S3Client s3Client) {
      this.s3Client = s3Client;
      return this;
    }

    /**
     * Path-style addressing for the client the store builds (S3-compatible servers, local
     * emulators).
     */
    public Builder forcePathStyle(boolean forcePathStyle) {
      this.forcePathStyle = forcePathStyle;
      return this;
    }

    /** The bucket; required. */
    public Builder bucket(String bucket) {
      this.bucket = bucket;
      return this;
    }

    /** The prefix of generated keys (default {@code generations}; empty for none). */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * How generated keys look (default {@link KeyStrategy#datePartitioned(Clock)} with this store's
     * clock).
     */
    public Builder keyStrategy(KeyStrategy keyStrategy) {
      this.keyStrategy = keyStrategy;
      return this;
    }

    /** SSE-S3: S3-managed keys ({@code AES256}). */
    public Builder sseS3() {
      this.sse = ServerSideEncryption.AES256;
      this.kmsKeyId = null;
      return this;
    }

    /**
     * SSE-KMS with the given key id, ARN or alias ({@code alias/blogs}); {@code null} for the
     * AWS-managed {@code aws/s3} key. Callers need {@code kms:GenerateDataKey} to write and {@code
     * kms:Decrypt} to read.
     */
    public Builder sseKms(String kmsKeyId) {
      this.sse = ServerSideEncryption.AWS_KMS;
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    /** Any server-side encryption the SDK knows, with an optional KMS key id. */
    public Builder serverSideEncryption(ServerSideEncryption sse, String kmsKeyId) {
      this.sse = sse;
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    /** The storage class of new objects (default: the bucket's, normally STANDARD). */
    public Builder storageClass(StorageClass storageClass) {
      this.storageClass = storageClass;
      return this;
    }

    /** The checksum S3 verifies on upload (default CRC32; {@code null} for none). */
    public Builder checksumAlgorithm(ChecksumAlgorithm checksumAlgorithm) {
      this.checksumAlgorithm = checksumAlgorithm;
      return this;
    }

    /**
     * Also check with {@code HeadObject} before each write (default off). Only for S3-compatible
     * servers that ignore {@code If-None-Match}: the check narrows, but cannot close, the window in
     * which two writers both see the key as free. AWS S3 enforces the header atomically and needs
     * no check.
     */
    public Builder headBeforeWrite(boolean headBeforeWrite) {
      this.headBeforeWrite = headBeforeWrite;
      return this;
    }

    /** The clock for {@code createdAt} and generated keys (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The client the store builds when none was given: url-connection, these settings. */
    private S3Client buildClient() {
      S3ClientBuilder builder =
          S3Client.builder().httpClient(UrlConnectionHttpClient.builder().build());
      Region region = awsRegion();
      if (region != null) {
        builder.region(region);
      }
      URI endpoint = awsEndpoint();
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      AwsCredentialsProvider credentials = awsCredentials();
      if (credentials != null) {
        builder.credentialsProvider(credentials);
      }
      if (forcePathStyle) {
        builder.forcePathStyle(true);
      }
      return builder.build();
    }

    public S3GenerationStore build() {
      return new S3GenerationStore(this);
    }
  }
}
