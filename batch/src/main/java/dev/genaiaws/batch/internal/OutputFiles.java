package dev.genaiaws.batch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.aws.internal.S3Uri;
import dev.genaiaws.aws.internal.codec.CodecJson;
import dev.genaiaws.batch.BatchManifest;
import dev.genaiaws.batch.BatchRecord;
import dev.genaiaws.batch.BatchResult;
import dev.genaiaws.batch.RecordError;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a batch job's output folder: the {@code .jsonl.out} files one after the other, one line at
 * a time (only the current file's reader is open and only the current line is in memory), and
 * {@code manifest.json.out}. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class OutputFiles {
  private static final String SUFFIX = ".jsonl.out";
  private static final String MANIFEST = "manifest.json.out";
  private static final Pattern TRANSFORM_FILE = Pattern.compile("records-(\\d{10})\\.jsonl\\.out");

  private OutputFiles() {}

  /** The result files of the folder, in key order. */
  public static List<String> list(S3Client s3, S3Uri folder) {
    List<String> keys = new ArrayList<>();
    BatchErrors.call(
        "ListObjectsV2 " + folder,
        () -> {
          s3
              .listObjectsV2Paginator(
                  b -> b.bucket(folder.bucket()).prefix(folder.asFolder().key()))
              .contents()
              .stream()
              .map(S3Object::key)
              .filter(k -> k.endsWith(SUFFIX))
              .sorted()
              .forEach(keys::add);
          return null;
        });
    return keys;
  }

  /** The manifest, or empty when the service has not written it (yet). */
  public static Optional<BatchManifest> manifest(S3Client s3, S3Uri folder) {
    S3Uri at = folder.child(MANIFEST);
    byte[] bytes =
        BatchErrors.call(
            "GetObject " + at,
            () -> {
              try {
                return s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key())).asByteArray();
              } catch (NoSuchKeyException e) {
                return null;
              }
            });
    if (bytes == null) {
      return Optional.empty();
    }
    JsonNode m = readLine(bytes, at.toString());
    return Optional.of(
        new BatchManifest(
            m.path("totalRecordCount").asLong(),
            m.path("processedRecordCount").asLong(),
            m.path("successRecordCount").asLong(),
            m.path("errorRecordCount").asLong(),
            m.path("inputTokenCount").asLong(),
            m.path("outputTokenCount").asLong()));
  }

  /**
   * The results of the given files, decoded lazily with {@code decode} (which receives the {@code
   * modelOutput} body). A line that cannot be decoded becomes a failed result with code 0.
   */
  public static <T> Cursor<T> read(
      S3Client s3, String bucket, List<String> keys, Function<byte[], T> decode) {
    return read(opener(s3, bucket), "s3://" + bucket + "/", keys, decode, false);
  }

  /**
   * The results of files opened with {@code open} (S3 objects, or local files for the benchmarks).
   *
   * @param base what to put before a key in messages, e.g. {@code s3://bucket/}
   * @param transform whether the files are SageMaker transform output (ids from file names and line
   *     numbers)
   */
  public static <T> Cursor<T> read(
      Function<String, InputStream> open,
      String base,
      List<String> keys,
      Function<byte[], T> decode,
      boolean transform) {
    return new Cursor<>(open, null, base, keys, decode, transform);
  }

  private static Function<String, InputStream> opener(S3Client s3, String bucket) {
    return key ->
        BatchErrors.call(
            "GetObject s3://" + bucket + "/" + key,
            () -> s3.getObject(b -> b.bucket(bucket).key(key)));
  }

  /**
   * The results of SageMaker batch transform output files ({@code records-<first
   * index>.jsonl.out}): each line is one answer body, for the record whose id is the same line of
   * {@code <ids>/records-<first index>.ids} (written with the input), or, for input written without
   * id files, {@link BatchRecord#autoId} of the file's first index plus the line's position. A line
   * that cannot be decoded becomes a failed result with code 0.
   */
  public static <T> Cursor<T> readTransform(
      S3Client s3, String bucket, List<String> keys, S3Uri ids, Function<byte[], T> decode) {
    Function<String, InputStream> idsOpen =
        key -> {
          String name = key.substring(key.lastIndexOf('/') + 1);
          S3Uri at = ids.child(name.substring(0, name.length() - ".jsonl.out".length()) + ".ids");
          return BatchErrors.call(
              "GetObject " + at,
              () -> {
                try {
                  return s3.getObject(b -> b.bucket(at.bucket()).key(at.key()));
                } catch (NoSuchKeyException e) {
                  return null;
                }
              });
        };
    return new Cursor<>(opener(s3, bucket), idsOpen, "s3://" + bucket + "/", keys, decode, true);
  }

  /**
   * The index of the first record of a transform file named {@code records-0000000100.jsonl.out}.
   */
  static long firstIndex(String key) {
    Matcher m = TRANSFORM_FILE.matcher(key.substring(key.lastIndexOf('/') + 1));
    if (!m.matches()) {
      throw new GenAiClientException(
          "the transform output "
              + key
              + " was not written for an input file of this"
              + " SDK (records-<first index>.jsonl): its record ids cannot be recovered");
    }
    return Long.parseLong(m.group(1));
  }

  private static JsonNode readLine(byte[] bytes, String where) {
    try {
      return CodecJson.parse(bytes);
    } catch (JsonProcessingException e) {
      throw new GenAiClientException(
          "could not read " + where + " as JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new GenAiClientException("could not read " + where + ": " + e, e);
    }
  }

  /** Iterates results file by file; close it to release the open file. */
  public static final class Cursor<T> implements Iterator<BatchResult<T>>, AutoCloseable {
    private final Function<String, InputStream> open;
    private final Function<String, InputStream> idsOpen;
    private final String base;
    private final Iterator<String> keys;
    private final Function<byte[], T> decode;
    private final boolean transform;
    private long firstIndex;
    private BufferedReader reader;
    private BufferedReader ids;
    private String currentKey;
    private long lineNumber;
    private BatchResult<T> next;

    private Cursor(
        Function<String, InputStream> open,
        Function<String, InputStream> idsOpen,
        String base,
        List<String> keys,
        Function<byte[], T> decode,
        boolean transform) {
      this.open = open;
      this.idsOpen = idsOpen;
      this.base = base;
      this.keys = List.copyOf(keys).iterator();
      this.decode = decode;
      this.transform = transform;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        String line = nextLine();
        if (line == null) {
          return false;
        }
        if (!line.isBlank()) {
          next = parse(line);
        } else if (transform) {
          // a transform line stands for its input line's record even when empty: keep the ids in
          // step
          next =
              BatchResult.failure(
                  transformId(), new RecordError(0, "the container's answer line is empty"));
        }
      }
      return true;
    }

    @Override
    public BatchResult<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more batch results");
      }
      BatchResult<T> r = next;
      next = null;
      return r;
    }

    private String nextLine() {
      try {
        while (true) {
          if (reader == null) {
            if (!keys.hasNext()) {
              return null;
            }
            currentKey = keys.next();
            lineNumber = 0;
            firstIndex = transform ? firstIndex(currentKey) : 0;
            InputStream in = open.apply(currentKey);
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            InputStream idsIn = transform && idsOpen != null ? idsOpen.apply(currentKey) : null;
            ids =
                idsIn == null
                    ? null
                    : new BufferedReader(new InputStreamReader(idsIn, StandardCharsets.UTF_8));
          }
          String line = reader.readLine();
          if (line != null) {
            lineNumber++;
            return line;
          }
          reader.close();
          reader = null;
          closeIds();
        }
      } catch (IOException e) {
        throw new GenAiClientException("could not read " + base + currentKey + ": " + e, e);
      }
    }

    private BatchResult<T> parse(String line) {
      if (transform) {
        String id = transformId();
        try {
          return BatchResult.success(id, decode.apply(line.getBytes(StandardCharsets.UTF_8)));
        } catch (GenAiException | UncheckedIOException e) {
          return BatchResult.failure(
              id, new RecordError(0, "the answer could not be read: " + e.getMessage()));
        }
      }
      String where = "line " + lineNumber + " of " + base + currentKey;
      JsonNode node = readLine(line.getBytes(StandardCharsets.UTF_8), where);
      String id = node.path("recordId").asText("");
      if (id.isEmpty()) {
        throw new GenAiClientException(where + " has no recordId");
      }
      JsonNode error = node.get("error");
      JsonNode output = node.get("modelOutput");
      if ((error != null && !error.isNull()) || output == null || output.isNull()) {
        int code = error == null ? 0 : error.path("errorCode").asInt(0);
        String message =
            error == null
                ? "the output line has neither modelOutput nor error"
                : error.path("errorMessage").asText("");
        return BatchResult.failure(id, new RecordError(code, message));
      }
      try {
        return BatchResult.success(id, decode.apply(CodecJson.toJsonBytes(output)));
      } catch (GenAiException | IOException | UncheckedIOException e) {
        return BatchResult.failure(
            id, new RecordError(0, "the modelOutput could not be read: " + e.getMessage()));
      }
    }

    /**
     * The record id of the current transform line: from the ids file, else from the file name and
     * line.
     */
    private String transformId() {
      if (ids == null) {
        return BatchRecord.autoId(firstIndex + lineNumber - 1);
      }
      String id;
      try {
        id = ids.readLine();
      } catch (IOException e) {
        throw new GenAiClientException(
            "could not read the record ids of " + base + currentKey + ": " + e, e);
      }
      if (id == null || id.isBlank()) {
        throw new GenAiClientException(
            "the record ids written with the input of "
                + base
                + currentKey
                + " end before line "
                + lineNumber
                + ": the output does not match its input");
      }
      return id;
    }

    private void closeIds() {
      if (ids != null) {
        try {
          ids.close();
        } catch (IOException ignored) {
          // closing a read stream: nothing to save
        }
        ids = null;
      }
    }

    @Override
    public void close() {
      closeIds();
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException ignored) {
          // closing a read stream: nothing to save
        }
        reader = null;
      }
    }
  }
}
