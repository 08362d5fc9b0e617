package dev.genaiaws.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import dev.genaiaws.testkit.Fault;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Observations of real calls through the Bedrock client against the emulator. */
class GenAiObservationListenerTest {
  private static final String NOVA = "amazon.nova-lite-v1:0";

  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final List<Observation.Context> started = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private GenAiObservationListener listener;
  private BedrockGenerationClient client;

  @BeforeEach
  void setUp() {
    registry
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public void onStart(Observation.Context context) {
                started.add(context);
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
    listener = GenAiObservationListener.builder(registry).meterRegistry(meters).build();
    client =
        BedrockGenerationClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .retryPolicy(
                RetryPolicy.builder().maxAttempts(3).sleeper(new RecordingSleeper()).build())
            .listener(listener)
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder()
        .modelId(NOVA)
        .user("Name a fruit.")
        .inferenceConfig(c -> c.maxTokens(40).temperature(0.3))
        .build();
  }

  @Test
  void generate_oneObservationWithConventionTags_tokenUsageRecorded() {
    GenerationResponse r = client.generate(request());

    assertThat(registry)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo("gen_ai.client.operation")
        .hasContextualNameEqualTo("chat " + NOVA)
        .hasBeenStarted()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
        .hasLowCardinalityKeyValue("gen_ai.provider.name", "aws.bedrock")
        .hasLowCardinalityKeyValue("gen_ai.request.model", NOVA)
        .hasLowCardinalityKeyValue("gen_ai.response.model", NOVA)
        .hasLowCardinalityKeyValue("error.type", KeyValue.NONE_VALUE)
        .hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "40")
        .hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.3")
        .hasHighCardinalityKeyValue(
            "gen_ai.usage.input_tokens", String.valueOf(r.usage().inputTokens()))
        .hasHighCardinalityKeyValue(
            "gen_ai.usage.output_tokens", String.valueOf(r.usage().outputTokens()))
        .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", r.rawStopReason())
        .hasHighCardinalityKeyValue("aws.request_id", r.metadata().requestId())
        .doesNotHaveError();
    DistributionSummary out =
        meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary();
    Assertions.assertThat(out.count()).isEqualTo(1);
    Assertions.assertThat(out.totalAmount()).isEqualTo(r.usage().outputTokens());
    Assertions.assertThat(listener.openObservations()).isZero();
  }

  @Test
  void retriedThenFailed_oneObservationWithRetryEventAndError() {
    BEDROCK.emulator().enqueue(Fault.throttling()).enqueue(Fault.validation("no"));

    assertThatThrownBy(() -> client.generate(request())).isInstanceOf(ValidationException.class);

    assertThat(registry)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("error.type", "ValidationException")
        .hasError()
        .hasBeenStopped();
    Observation.Context ctx = started.get(0);
    Assertions.assertThat(((GenAiObservationContext) ctx).attempts()).isEqualTo(2);
    Assertions.assertThat(meters.find("gen_ai.client.token.usage").meters()).isEmpty();
  }

  @Test
  void stream_observedFromStartToLastEvent_timeToFirstChunkTimed() {
    try (GenerationStream s = client.stream(request())) {
      Assertions.assertThat(s.text()).isNotEmpty();
    }

    assertThat(registry)
        .hasSingleObservationThat()
        .hasBeenStopped()
        .hasHighCardinalityKeyValueWithKey("gen_ai.usage.output_tokens");
    Assertions.assertThat(meters.get("gen_ai.client.operation.time_to_first_chunk").timer().count())
        .isEqualTo(1);
  }

  @Test
  void callerObservation_isTheParent() {
    Observation parent = Observation.start("caller", registry);
    try (Observation.Scope ignored = parent.openScope()) {
      client.generateAsync(request()).join();
    } finally {
      parent.stop();
    }

    Observation.Context call =
        started.stream()
            .filter(c -> c instanceof GenAiObservationContext)
            .findFirst()
            .orElseThrow();
    Assertions.assertThat(call.getParentObservation()).isSameAs(parent);
  }

  @Test
  void customConvention_replacesTheDefault() {
    GenAiObservationListener custom =
        GenAiObservationListener.builder(registry)
            .convention(
                new DefaultGenAiObservationConvention() {
                  @Override
                  public String getName() {
                    return "my.ai.calls";
                  }

                  @Override
                  public KeyValues getLowCardinalityKeyValues(GenAiObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "search");
                  }
                })
            .build();
    try (BedrockGenerationClient c =
        BedrockGenerationClient.builder()
            .endpointOverride(BEDROCK.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .listener(custom)
            .build()) {
      c.generate(request());
    }
    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("my.ai.calls")
        .hasLowCardinalityKeyValue("team", "search");
  }

  @Test
  void builder_nullRegistry_clearError() {
    assertThatThrownBy(() -> GenAiObservationListener.builder(null))
        .isInstanceOf(GenAiException.class)
        .hasMessageContaining("ObservationRegistry.NOOP");
  }
}
