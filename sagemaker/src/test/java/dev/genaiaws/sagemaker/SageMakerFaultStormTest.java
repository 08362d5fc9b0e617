package dev.genaiaws.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.testing.FaultStorm;
import dev.genaiaws.core.testing.Leaks;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.SageMakerEmulator;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The fault storm of issue #19 against the SageMaker emulator: 32 callers, every fault the testkit
 * injects (rendered in SageMaker's vocabulary), TGI and LMI endpoints, sync, async, {@code
 * stream()} and {@code publisher()}. 1,000 calls by default, {@code -Dstorm.calls=...} for more
 * (the {@code long} profile).
 */
class SageMakerFaultStormTest {
  private static final List<String> ENDPOINTS = List.of("tgi", "lmi");
  private static final int MAX_ATTEMPTS = 3;
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final List<Supplier<Fault>> FAULTS =
      List.of(
          Fault::throttling,
          Fault::internalServer,
          Fault::serviceUnavailable,
          Fault::modelTimeout,
          Fault::modelNotReady,
          Fault::accessDenied,
          Fault::resourceNotFound,
          Fault::modelError,
          Fault::serviceQuotaExceeded,
          () -> Fault.validation("The input violated a constraint."),
          Fault::dropConnection);

  private static String inject(SageMakerEmulator sagemaker, SplittableRandom r, String endpoint) {
    int pick = r.nextInt(100);
    if (pick < 25) {
      return "none";
    }
    if (pick < 55) {
      Fault f = FAULTS.get(r.nextInt(FAULTS.size())).get();
      sagemaker.enqueue(f);
      return f.kind() == Fault.Kind.DROP_CONNECTION ? "dropConnection" : f.errorCode();
    }
    if (pick < 80) {
      Fault.StreamError type =
          java.util.List.of(Fault.StreamError.values())
              .get(r.nextInt(Fault.StreamError.values().length));
      sagemaker.enqueue(Fault.inStream(type, r.nextInt(6)));
      return "inStream:" + type.memberName();
    }
    if (pick < 92) {
      sagemaker.enqueue(Fault.delayFirstByte(Duration.ofMillis(r.nextInt(60))));
      return "delayFirstByte";
    }
    sagemaker
        .forEndpoint(endpoint)
        .enqueueResponse(r.nextBoolean() ? "{\"generated_text\": " : "<html>busy</html>");
    return "malformedBody";
  }

  @Test
  void storm_everyCallKeepsTheContract_andNothingLeaksAfterClose() throws Exception {
    int calls = Integer.getInteger("storm.calls", 1000 * Integer.getInteger("storm.scale", 1));
    long seed = Long.getLong("storm.seed", 19L);
    try (SageMakerEmulator sagemaker =
        SageMakerEmulator.builder()
            .endpoint("tgi", SageMakerEmulator.Container.TGI)
            .endpoint("lmi", SageMakerEmulator.Container.LMI)
            .streamPartSize(16)
            .start()) {
      Leaks.Snapshot before = Leaks.snapshot(sagemaker.port());
      FaultStorm storm = new FaultStorm();
      SageMakerGenerationClient client =
          TestClients.builder(sagemaker.endpoint())
              .defaultFormat(SageMakerFormats.TGI)
              .endpoint("lmi", SageMakerFormats.LMI)
              .retryPolicy(
                  RetryPolicy.builder()
                      .maxAttempts(MAX_ATTEMPTS)
                      .sleeper(new RecordingSleeper())
                      .build())
              .callTimeout(DEADLINE)
              .listener(storm.listener())
              .build();
      FaultStorm.Figures figures;
      try {
        figures =
            storm.run(
                client,
                (r, endpoint) -> inject(sagemaker, r, endpoint),
                new FaultStorm.Plan(
                    ENDPOINTS, 32, calls, seed, MAX_ATTEMPTS, DEADLINE, Duration.ofSeconds(20)),
                (GenerationRequest request) -> {
                  sagemaker.reset();
                  return client.generate(request).text();
                });
      } finally {
        client.close();
      }
      System.out.println("[sagemaker] " + figures.report());
      Leaks.Snapshot after = Leaks.awaitBack(before, sagemaker.port());
      System.out.println("[sagemaker] after close: " + after.describe(before));

      assertThat(figures.violations()).isEmpty();
      assertThat(figures.calls()).isEqualTo(calls);
      assertThat(after.clientThreads())
          .as("SDK threads left")
          .isLessThanOrEqualTo(before.clientThreads());
      assertThat(after.clientConnections()).as("client sockets to the emulator left").isZero();
    }
  }
}
