package dev.genaiaws.batch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genaiaws.batch.BatchManifest;
import dev.genaiaws.batch.BatchResult;
import dev.genaiaws.batch.RecordError;
import dev.genaiaws.bedrock.codec.CodecJson;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a batch job's output folder: the {@code .jsonl.out} files one after the other, one line at a time
 * (only the current file's reader is open and only the current line is in memory), and
 * {@code manifest.json.out}. Internal.
 */
public final class OutputFiles {
  private static final String SUFFIX = ".jsonl.out";
  private static final String MANIFEST = "manifest.json.out";

  private OutputFiles() {}

  /** The result files of the folder, in key order. */
  public static List<String> list(S3Client s3, S3Uri folder) {
    List<String> keys = new ArrayList<>();
    BatchErrors.call("ListObjectsV2 " + folder, () -> {
      s3.listObjectsV2Paginator(b -> b.bucket(folder.bucket()).prefix(folder.asFolder().key())).contents()
          .stream().map(S3Object::key).filter(k -> k.endsWith(SUFFIX)).sorted().forEach(keys::add);
      return null;
    });
    return keys;
  }

  /** The manifest, or empty when the service has not written it (yet). */
  public static Optional<BatchManifest> manifest(S3Client s3, S3Uri folder) {
    S3Uri at = folder.child(MANIFEST);
    byte[] bytes = BatchErrors.call("GetObject " + at, () -> {
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
    return Optional.of(new BatchManifest(m.path("totalRecordCount").asLong(), m.path("processedRecordCount").asLong(),
        m.path("successRecordCount").asLong(), m.path("errorRecordCount").asLong(),
        m.path("inputTokenCount").asLong(), m.path("outputTokenCount").asLong()));
  }

  /**
   * The results of the given files, decoded lazily with {@code decode} (which receives the
   * {@code modelOutput} body). A line that cannot be decoded becomes a failed result with code 0.
   */
  public static <T> Cursor<T> read(S3Client s3, String bucket, List<String> keys, Function<byte[], T> decode) {
    return new Cursor<>(s3, bucket, keys, decode);
  }

  private static JsonNode readLine(byte[] bytes, String where) {
    try {
      return CodecJson.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new GenAiClientException("could not read " + where + " as JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new GenAiClientException("could not read " + where + ": " + e, e);
    }
  }

  /** Iterates results file by file; close it to release the open file. */
  public static final class Cursor<T> implements Iterator<BatchResult<T>>, AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final Iterator<String> keys;
    private final Function<byte[], T> decode;
    private BufferedReader reader;
    private String currentKey;
    private long lineNumber;
    private BatchResult<T> next;

    private Cursor(S3Client s3, String bucket, List<String> keys, Function<byte[], T> decode) {
      this.s3 = s3;
      this.bucket = bucket;
      this.keys = List.copyOf(keys).iterator();
      this.decode = decode;
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
            ResponseInputStream<GetObjectResponse> in = BatchErrors.call("GetObject s3://" + bucket + "/"
                + currentKey, () -> s3.getObject(b -> b.bucket(bucket).key(currentKey)));
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
          }
          String line = reader.readLine();
          if (line != null) {
            lineNumber++;
            return line;
          }
          reader.close();
          reader = null;
        }
      } catch (IOException e) {
        throw new GenAiClientException("could not read s3://" + bucket + "/" + currentKey + ": " + e, e);
      }
    }

    private BatchResult<T> parse(String line) {
      String where = "line " + lineNumber + " of s3://" + bucket + "/" + currentKey;
      JsonNode node = readLine(line.getBytes(StandardCharsets.UTF_8), where);
      String id = node.path("recordId").asText("");
      if (id.isEmpty()) {
        throw new GenAiClientException(where + " has no recordId");
      }
      JsonNode error = node.get("error");
      JsonNode output = node.get("modelOutput");
      if (error != null && !error.isNull() || output == null || output.isNull()) {
        int code = error == null ? 0 : error.path("errorCode").asInt(0);
        String message = error == null ? "the output line has neither modelOutput nor error"
            : error.path("errorMessage").asText("");
        return BatchResult.failure(id, new RecordError(code, message));
      }
      try {
        return BatchResult.success(id, decode.apply(CodecJson.MAPPER.writeValueAsBytes(output)));
      } catch (GenAiException | IOException | UncheckedIOException e) {
        return BatchResult.failure(id, new RecordError(0, "the modelOutput could not be read: " + e.getMessage()));
      }
    }

    @Override
    public void close() {
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
