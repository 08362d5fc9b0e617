package dev.genaiaws.storage;

import dev.genaiaws.core.testing.Fuzz;
import dev.genaiaws.storage.internal.RecordJson;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the storage record reader (issue #19): a stored object that is broken (truncated by a
 * failed upload, edited by hand, another program's file) reads as a {@link StorageException}, never
 * anything else.
 */
class RecordReaderFuzzTest {

  @Provide
  Arbitrary<byte[]> records() {
    return Fuzz.broken(
        List.of(
            RecordJson.write(GenerationRecordTest.full()),
            RecordJson.write(
                GenerationRecord.builder().modelId("amazon.titan-text-express-v1").build())));
  }

  @Property(seed = "19", edgeCases = EdgeCasesMode.MIXIN)
  void read_brokenRecord_onlyStorageException(@ForAll("records") byte[] json) {
    Fuzz.onlyOwnExceptions(() -> RecordJson.read(json, "blogs/2026/11/30/x.json"));
  }

  @Provide
  Arbitrary<byte[]> goodRecords() {
    return net.jqwik.api.Arbitraries.of(
        RecordJson.write(GenerationRecordTest.full()),
        RecordJson.write(
            GenerationRecord.builder().modelId("amazon.titan-text-express-v1").build()));
  }

  /**
   * Records grown every way: the work of reading grows linearly (counted as allocation, not timed).
   */
  @Property(seed = "19", generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void read_workGrowsLinearlyWithTheRecord(
      @ForAll("goodRecords") byte[] json, @ForAll Fuzz.Growth growth) {
    Fuzz.growsLinearly(
        scale -> Fuzz.grown(json, growth, scale),
        8,
        b -> RecordJson.read(b, "blogs/2026/11/30/x.json"));
  }
}
