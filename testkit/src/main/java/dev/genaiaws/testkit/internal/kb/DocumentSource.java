package dev.genaiaws.testkit.internal.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where a data source's documents are read from at ingestion: an S3 bucket (through an {@link
 * S3Client}, e.g. on S3Mock) or, for buckets mapped to a local folder, that folder (the layout a
 * {@code FileGenerationStore} writes: keys are relative paths with {@code /}; its {@code .genai-*}
 * bookkeeping files are not objects).
 */
public final class DocumentSource {
  /**
   * The prefix of the bookkeeping files a FileGenerationStore keeps beside objects: not objects.
   */
  private static final String STORE_FILES = ".genai-";

  private final Supplier<S3Client> s3;
  private final Map<String, Path> folders = new ConcurrentHashMap<>();

  /**
   * @param s3 the S3 client for buckets without a folder, or {@code null} when there is none
   */
  public DocumentSource(Supplier<S3Client> s3) {
    this.s3 = s3;
  }

  /** Serves {@code bucket} from {@code folder}. */
  public void mapFolder(String bucket, Path folder) {
    folders.put(bucket, folder);
  }

  /** The keys under {@code prefix} (empty: all), sorted. */
  public List<String> keys(String bucket, String prefix) {
    Path folder = folders.get(bucket);
    if (folder != null) {
      if (!Files.isDirectory(folder)) {
        throw new IllegalStateException("The specified bucket does not exist: " + bucket);
      }
      try (Stream<Path> files = Files.walk(folder)) {
        return files
            .filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith(STORE_FILES))
            .map(p -> folder.relativize(p).toString().replace('\\', '/'))
            .filter(k -> k.startsWith(prefix))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    S3Client client = client(bucket);
    List<String> keys = new ArrayList<>();
    client
        .listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .forEach(keys::add);
    keys.sort(null);
    return keys;
  }

  /** The bytes of one object. */
  public byte[] read(String bucket, String key) {
    Path folder = folders.get(bucket);
    if (folder != null) {
      try {
        return Files.readAllBytes(folder.resolve(key));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return client(bucket).getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  private S3Client client(String bucket) {
    S3Client c = s3 == null ? null : s3.get();
    if (c == null) {
      throw new IllegalStateException(
          "no S3 client or folder for bucket "
              + bucket
              + ": give the emulator an s3Client/s3Endpoint or map the bucket to a folder");
    }
    return c;
  }
}
