package dev.genaiaws.benchmarks;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.codec.StreamDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encode, decode and stream-decode of every family in the codec registry ({@code family} is set by
 * {@link CodecRuns} from the registry). Inputs come from the emulator; see {@link CodecInputs}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  @Param({"anthropic.claude-messages"})
  public String family;

  private CodecInputs in;

  @Setup
  public void setUp() throws Exception {
    in = CodecInputs.of(family);
  }

  @Benchmark
  public byte[] encodeSmall() {
    return in.codec.encode(in.small, in.modelId);
  }

  @Benchmark
  public byte[] encodeLarge() {
    return in.codec.encode(
        java.util.Objects.requireNonNull(in.large, "no large request for an image family"),
        in.modelId);
  }

  @Benchmark
  public GenerationResponse decode() {
    return in.codec.decode(in.responseBody);
  }

  @Benchmark
  public void streamDecode(Blackhole bh) {
    StreamDecoder decoder = in.codec.newStreamDecoder();
    java.util.function.Consumer<GenerationEvent> sink = bh::consume;
    for (byte[] chunk : in.chunks) {
      decoder.decode(chunk, sink);
    }
    decoder.finish(sink);
  }
}
