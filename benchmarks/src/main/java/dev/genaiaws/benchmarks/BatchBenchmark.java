package dev.genaiaws.benchmarks;

import dev.genaiaws.batch.BatchLimits;
import dev.genaiaws.batch.BatchRecord;
import dev.genaiaws.batch.BatchResult;
import dev.genaiaws.batch.internal.InputFiles;
import dev.genaiaws.batch.internal.OutputFiles;
import dev.genaiaws.batch.internal.RecordEncoder;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.ModelCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batch inference throughput on this side of the wire, in records per second: encoding requests
 * with the family codec and writing them as JSONL input files ({@code InputFiles}, local disk, what
 * {@code submit} does before the upload), and reading a {@code .jsonl.out} result file line by line
 * and decoding each {@code modelOutput} ({@code OutputFiles}, from a local file instead of S3).
 * Inputs: the family's sample request and emulator answer from {@link CodecInputs}. Run by {@link
 * BatchRuns}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchBenchmark {
  static final int RECORDS = 1_000;

  @Param({"meta.llama3"})
  public String family;

  private List<BatchRecord<GenerationRequest>> records;
  private CodecRegistry.Resolution<ModelCodec> codec;
  private java.util.function.Function<GenerationRequest, byte[]> encoder;
  private String modelId;
  private Path results;

  @Setup
  public void setUp() throws Exception {
    CodecInputs in = CodecInputs.of(family);
    modelId = in.modelId;
    codec =
        RecordEncoder.resolve(
            dev.genaiaws.bedrock.codec.BedrockCodecs.textRegistry(), modelId, null);
    encoder =
        RecordEncoder.generation(
            "bedrock",
            dev.genaiaws.bedrock.codec.BedrockCodecs.textRegistry(),
            null,
            modelId,
            false,
            UnsupportedParameterPolicy.FAIL);
    records = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      records.add(BatchRecord.of(BatchRecord.autoId(i), in.small));
    }
    results = Files.createTempFile("batch-bench", ".jsonl.out");
    byte[] input = codec.codec().encode(in.small, codec.baseModelId());
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(results))) {
      for (int i = 0; i < RECORDS; i++) {
        out.write(
            ("{\"recordId\":\"" + BatchRecord.autoId(i) + "\",\"modelInput\":")
                .getBytes(StandardCharsets.UTF_8));
        out.write(input);
        out.write(",\"modelOutput\":".getBytes(StandardCharsets.UTF_8));
        out.write(in.responseBody);
        out.write("}\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(results);
  }

  /** Encode + write: records per second. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long encodeAndWrite() {
    try (InputFiles files =
        InputFiles.write(
            records.iterator(), encoder, BatchLimits.defaults().withMinRecordsPerJob(1))) {
      return files.bytes();
    }
  }

  /** Read + decode: records per second. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long readAndDecode() {
    long chars = 0;
    try (OutputFiles.Cursor<GenerationResponse> cursor =
        OutputFiles.read(
            key -> {
              try {
                return Files.newInputStream(Path.of(key));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "",
            List.of(results.toString()),
            codec.codec()::decode,
            false)) {
      while (cursor.hasNext()) {
        BatchResult<GenerationResponse> r = cursor.next();
        chars += r.get().text().length();
      }
    }
    return chars;
  }
}
