package dev.genaiaws.benchmarks;

import dev.genaiaws.core.codec.EmbeddingCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Encode and decode of every family in the embedding codec registry (set by {@link CodecRuns}). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EmbeddingCodecBenchmark {
  @Param({"amazon.titan-embed-text"})
  public String family;

  private EmbeddingInputs in;

  @Setup
  public void setUp() {
    in = EmbeddingInputs.of(family);
  }

  @Benchmark
  public byte[] encodeSmall() {
    return in.codec.encode(in.request, in.batch, in.modelId);
  }

  @Benchmark
  public EmbeddingCodec.Batch decode() {
    return in.codec.decode(in.responseBody);
  }
}
