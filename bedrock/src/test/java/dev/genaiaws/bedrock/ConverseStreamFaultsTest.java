package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.exception.ModelErrorException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ConverseStream failures: mapped like InvokeModel's, retried only before the first event. */
class ConverseStreamFaultsTest {
  private static final String NOVA = "us.amazon.nova-lite-v1:0";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static final RecordingSleeper SLEEPER = new RecordingSleeper();
  private static BedrockGenerationClient client;

  @BeforeAll
  static void setUp() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), SLEEPER).api(BedrockApi.CONVERSE).build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  @Test
  void throttledBeforeFirstEvent_retriedAndSucceeds() {
    BEDROCK.emulator().enqueue(Fault.throttling());
    try (GenerationStream s = client.stream(req -> req.modelId(NOVA).user("Hello"))) {
      assertThat(s.text()).isNotBlank();
      assertThat(s.completed().orElseThrow().metadata().attempts()).isEqualTo(2);
    }
    assertThat(BEDROCK.emulator().requests())
        .hasSize(2)
        .allMatch(r -> r.operation().equals("converse-stream"));
  }

  @Test
  void inStreamExceptionAfterEvents_mappedAndNotRetried() {
    BEDROCK.emulator().enqueue(Fault.inStream(Fault.StreamError.MODEL_STREAM_ERROR, 3));
    List<GenerationEvent> seen = new ArrayList<>();
    try (GenerationStream s =
        client.stream(req -> req.modelId(NOVA).user("Tell me a long story"))) {
      assertThatThrownBy(() -> s.forEach(seen::add)).isInstanceOf(ModelErrorException.class);
    }
    assertThat(seen).isNotEmpty().noneMatch(GenerationEvent.Completed.class::isInstance);
    assertThat(BEDROCK.emulator().requestCount()).isEqualTo(1);
  }

  @Test
  void throttlingEventAfterEvents_mappedToThrottling() {
    BEDROCK.emulator().enqueue(Fault.inStream(Fault.StreamError.THROTTLING, 2));
    try (GenerationStream s =
        client.stream(req -> req.modelId(NOVA).user("Tell me a long story"))) {
      assertThatThrownBy(s::text).isInstanceOf(ThrottlingException.class);
    }
    assertThat(BEDROCK.emulator().requestCount()).isEqualTo(1);
  }
}
