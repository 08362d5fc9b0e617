package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #19: a finished stream that is still referenced kept about 3.1 MB of heap (2 MiB of it the
 * SDK's event-stream decoder buffer), so a few hundred kept streams exhausted a 1 GiB heap.
 * Measured here through the public API against the emulator: 100 finished streams kept, heap
 * compared after full collections.
 */
class FinishedStreamRetentionTest {
  private static final int STREAMS = 100;

  @Test
  void keptFinishedStreams_retainNoConnectionBuffers() {
    try (BedrockEmulator bedrock = BedrockEmulator.start();
        BedrockGenerationClient client =
            EmulatorClients.builder(bedrock.endpoint(), new RecordingSleeper()).build()) {
      GenerationRequest request =
          GenerationRequest.builder()
              .modelId("anthropic.claude-3-haiku-20240307-v1:0")
              .user("Hello")
              .build();
      try (GenerationStream warm = client.stream(request)) {
        warm.text();
      }
      long before = usedAfterGc();
      List<GenerationStream> kept = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        GenerationStream s = client.stream(request);
        assertThat(s.text()).isNotEmpty();
        kept.add(s); // finished, read to the end, but still referenced (not even closed)
      }
      long perStream = (usedAfterGc() - before) / STREAMS;
      System.out.println(
          "[retention] heap kept per finished stream: "
              + perStream
              + " bytes ("
              + STREAMS
              + " streams)");
      assertThat(kept).hasSize(STREAMS);
      assertThat(perStream).as("bytes kept per finished stream").isLessThan(256 * 1024);
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
