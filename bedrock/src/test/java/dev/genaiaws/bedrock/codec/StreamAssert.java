package dev.genaiaws.bedrock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import java.util.List;

/**
 * Assertions on the events a stream decoder produced, shared by the codec tests of this package.
 */
final class StreamAssert {
  private StreamAssert() {}

  /**
   * The events hold the expected text and end with exactly one {@code Completed} carrying these
   * values.
   */
  static void assertStream(
      List<GenerationEvent> events, String text, StopReason reason, String raw, TokenUsage usage) {
    assertThat(Golden.text(events)).isEqualTo(text);
    List<GenerationEvent.Completed> completed =
        events.stream()
            .filter(GenerationEvent.Completed.class::isInstance)
            .map(GenerationEvent.Completed.class::cast)
            .toList();
    assertThat(completed).hasSize(1);
    assertThat(events.get(events.size() - 1)).isSameAs(completed.get(0));
    assertThat(completed.get(0).stopReason()).isEqualTo(reason);
    assertThat(completed.get(0).rawStopReason()).isEqualTo(raw);
    assertThat(completed.get(0).usage()).isEqualTo(usage);
  }
}
