package dev.genaiaws.batch.internal;

import dev.genaiaws.aws.internal.S3Uri;
import dev.genaiaws.batch.BatchLimits;
import dev.genaiaws.batch.BatchRecord;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.NullUnmarked;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Encodes records into JSONL input files ({@code {"recordId": ..., "modelInput": <body>}} per line)
 * in a local temporary folder, split within the per-file limits, and refuses the whole input when a
 * record cannot be encoded or the job limits are broken, so nothing reaches S3 unless the whole
 * input is good. Memory stays bounded: one record at a time, plus the set of record ids (to refuse
 * duplicates). Delete with {@link #close()}. Internal.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class InputFiles implements AutoCloseable {
  private static final byte[] OPEN = "{\"recordId\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MIDDLE = "\",\"modelInput\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CLOSE = "}\n".getBytes(StandardCharsets.UTF_8);

  /**
   * One written file.
   *
   * @param name the file name, e.g. {@code part-00001.jsonl}
   * @param path where it is on disk
   * @param records records in it
   * @param bytes its size
   * @param ids the file of its record ids, one per line in the same order (transform input), or
   *     {@code null}
   */
  public record File(String name, Path path, int records, long bytes, Path ids) {}

  private final Path dir;
  private final List<File> files;
  private final long records;
  private final long bytes;

  private InputFiles(Path dir, List<File> files, long records, long bytes) {
    this.dir = dir;
    this.files = List.copyOf(files);
    this.records = records;
    this.bytes = bytes;
  }

  /**
   * Encodes every record with {@code encode} (which returns the model input JSON and throws {@link
   * InvalidRequestException} for a record a batch cannot take) and writes Bedrock record files
   * {@code part-00001.jsonl}, ... with one {@code {"recordId","modelInput"}} line per record.
   *
   * @throws InvalidRequestException naming the record when one is refused, or naming the limit when
   *     the input has too few or too many records or bytes; no file is left behind
   */
  public static <R> InputFiles write(
      Iterator<BatchRecord<R>> input, Function<R, byte[]> encode, BatchLimits limits) {
    return write(input, encode, limits, true);
  }

  /**
   * As {@link #write}, for SageMaker batch transform: one line per record holding just the request
   * body, in files named by the index of their first record ({@code records-0000000100.jsonl});
   * beside each, a {@code records-0000000100.ids} file holds the record ids, one per line in the
   * same order (SageMaker keeps the line order within a file), uploaded to {@link
   * #idsFolder(S3Uri)}.
   */
  public static <R> InputFiles writeLines(
      Iterator<BatchRecord<R>> input, Function<R, byte[]> encode, BatchLimits limits) {
    return write(input, encode, limits, false);
  }

  private static <R> InputFiles write(
      Iterator<BatchRecord<R>> input,
      Function<R, byte[]> encode,
      BatchLimits limits,
      boolean wrap) {
    Path dir;
    try {
      dir = Files.createTempDirectory("genai-aws-batch");
    } catch (IOException e) {
      throw new GenAiClientException(
          "could not create a temporary folder for the batch input: " + e, e);
    }
    List<File> files = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    long count = 0;
    long total = 0;
    OutputStream out = null;
    OutputStream idsOut = null;
    Path current = null;
    Path currentIds = null;
    int inFile = 0;
    long fileBytes = 0;
    try {
      while (input.hasNext()) {
        BatchRecord<R> record = input.next();
        if (record == null) {
          throw new InvalidRequestException("record " + count + " of the batch input is null");
        }
        if (count >= limits.maxRecordsPerJob()) {
          throw new InvalidRequestException(
              "the batch input holds more than "
                  + limits.maxRecordsPerJob()
                  + " records (the records-per-job quota): split it into several jobs, or raise"
                  + " BatchLimits.maxRecordsPerJob if your account's quota is higher");
        }
        if (!ids.add(record.recordId())) {
          throw new InvalidRequestException(
              "record id '"
                  + record.recordId()
                  + "' appears twice in the batch"
                  + " input: record ids must be unique, since results are joined to requests by id");
        }
        byte[] body;
        try {
          body = encode.apply(record.request());
        } catch (InvalidRequestException e) {
          throw new InvalidRequestException(
              "record " + record.recordId() + " cannot run in a batch: " + e.getMessage(), e);
        }
        byte[] id = record.recordId().getBytes(StandardCharsets.UTF_8);
        long lineBytes =
            wrap
                ? (long) OPEN.length + id.length + MIDDLE.length + body.length + CLOSE.length
                : body.length + 1L;
        if (lineBytes > limits.maxFileBytes()) {
          throw new InvalidRequestException(
              "record "
                  + record.recordId()
                  + " is "
                  + lineBytes
                  + " bytes, more than the input file size quota of "
                  + limits.maxFileBytes()
                  + " bytes");
        }
        if (out == null
            || inFile >= limits.maxRecordsPerFile()
            || fileBytes + lineBytes > limits.maxFileBytes()) {
          if (out != null) {
            out.close();
            closeQuietly(idsOut);
            files.add(
                new File(current.getFileName().toString(), current, inFile, fileBytes, currentIds));
          }
          current =
              dir.resolve(
                  wrap
                      ? String.format("part-%05d.jsonl", files.size() + 1)
                      : String.format("records-%010d.jsonl", count));
          out = new BufferedOutputStream(Files.newOutputStream(current), 1 << 16);
          if (!wrap) {
            currentIds = dir.resolve(String.format("records-%010d.ids", count));
            idsOut = new BufferedOutputStream(Files.newOutputStream(currentIds), 1 << 14);
          }
          inFile = 0;
          fileBytes = 0;
        }
        if (wrap) {
          out.write(OPEN);
          out.write(id);
          out.write(MIDDLE);
          out.write(body);
          out.write(CLOSE);
        } else {
          out.write(body);
          out.write('\n');
          idsOut.write(id);
          idsOut.write('\n');
        }
        inFile++;
        fileBytes += lineBytes;
        count++;
        total += lineBytes;
        if (total > limits.maxJobBytes()) {
          throw new InvalidRequestException(
              "the batch input is larger than the job size quota of "
                  + limits.maxJobBytes()
                  + " bytes: split it into several jobs");
        }
      }
      if (out != null) {
        out.close();
        out = null;
        if (idsOut != null) {
          idsOut.close();
          idsOut = null;
        }
        files.add(
            new File(current.getFileName().toString(), current, inFile, fileBytes, currentIds));
      }
      if (count < limits.minRecordsPerJob()) {
        throw new InvalidRequestException(
            "a batch job needs at least "
                + limits.minRecordsPerJob()
                + " records (the minimum-records quota) but the input holds "
                + count
                + "; for fewer, call generate() directly");
      }
      return new InputFiles(dir, files, count, total);
    } catch (IOException e) {
      closeQuietly(out);
      closeQuietly(idsOut);
      delete(dir);
      throw new GenAiClientException("could not write the batch input to " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(out);
      closeQuietly(idsOut);
      delete(dir);
      throw e;
    }
  }

  /**
   * Refuses an input folder that already holds objects: the service reads every object under it as
   * part of the job. Call before writing anything.
   */
  public static void requireEmpty(S3Client s3, S3Uri folder, String service) {
    boolean occupied =
        BatchErrors.call(
            "ListObjectsV2 " + folder,
            () ->
                s3.listObjectsV2(b -> b.bucket(folder.bucket()).prefix(folder.key()).maxKeys(1))
                        .keyCount()
                    > 0);
    if (occupied) {
      throw new InvalidRequestException(
          "the input folder "
              + folder
              + " already holds objects, which "
              + service
              + " would read as part of this job: choose another jobName or inputUri");
    }
  }

  /**
   * Uploads the files to {@code folder}, each under its own name, and their id files to {@link
   * #idsFolder}.
   */
  public void upload(S3Client s3, S3Uri folder, String contentType) {
    for (File f : files) {
      put(s3, folder.child(f.name()), f.path(), contentType);
      if (f.ids() != null) {
        put(
            s3,
            idsFolder(folder).child(f.ids().getFileName().toString()),
            f.ids(),
            "text/plain; charset=utf-8");
      }
    }
  }

  private static void put(S3Client s3, S3Uri at, Path file, String contentType) {
    BatchErrors.call(
        "PutObject " + at,
        () ->
            s3.putObject(
                b -> b.bucket(at.bucket()).key(at.key()).contentType(contentType),
                RequestBody.fromFile(file)));
  }

  /**
   * Where the record ids of a transform input folder are kept: beside it ({@code <folder>.ids/}),
   * outside the prefix the job reads, so SageMaker never sees them.
   */
  public static S3Uri idsFolder(S3Uri inputFolder) {
    String key = inputFolder.asFolder().key();
    return new S3Uri(inputFolder.bucket(), key.substring(0, key.length() - 1) + ".ids/");
  }

  public List<File> files() {
    return files;
  }

  public long records() {
    return records;
  }

  public long bytes() {
    return bytes;
  }

  /** Deletes the temporary files. */
  @Override
  public void close() {
    delete(dir);
  }

  private static void closeQuietly(OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // the folder is deleted next
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temporary folder left behind is not worth failing the call for
    }
  }
}
