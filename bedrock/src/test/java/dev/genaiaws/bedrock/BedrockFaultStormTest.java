package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.FaultStorm;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.RecordingSleeper;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The fault storm of issue #19 against the Bedrock emulator: 32 callers, every fault the testkit injects,
 * sync, async, {@code stream()} and {@code publisher()}, five model families. The call count is 2,000 by
 * default and {@code -Dstorm.calls=...} (the {@code long} profile sets 20,000); the seed is fixed unless
 * {@code -Dstorm.seed} says otherwise. After the client is closed no thread or socket of it is left.
 */
class BedrockFaultStormTest {
  private static final List<String> MODELS = List.of("anthropic.claude-3-haiku-20240307-v1:0",
      "meta.llama3-8b-instruct-v1:0", "amazon.titan-text-express-v1", "mistral.mistral-7b-instruct-v0:2",
      "cohere.command-r-plus-v1:0");
  private static final int MAX_ATTEMPTS = 3;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** Every fault the testkit can inject, by name; {@code null} means no fault. */
  static final List<Supplier<Fault>> FAULTS = List.of(Fault::throttling, Fault::internalServer,
      Fault::serviceUnavailable, Fault::modelTimeout, Fault::modelNotReady, Fault::accessDenied,
      Fault::resourceNotFound, Fault::modelError, Fault::serviceQuotaExceeded,
      () -> Fault.validation("The input violated a constraint."), Fault::dropConnection);

  static String inject(BedrockEmulator bedrock, SplittableRandom r, String model) {
    int pick = r.nextInt(100);
    if (pick < 25) {
      return "none";
    }
    if (pick < 55) {
      Fault f = FAULTS.get(r.nextInt(FAULTS.size())).get();
      bedrock.enqueue(f);
      return f.kind() == Fault.Kind.DROP_CONNECTION ? "dropConnection" : f.errorCode();
    }
    if (pick < 80) {
      Fault.StreamError type = Fault.StreamError.values()[r.nextInt(Fault.StreamError.values().length)];
      bedrock.enqueue(Fault.inStream(type, r.nextInt(6)));
      return "inStream:" + type.memberName();
    }
    if (pick < 92) {
      bedrock.enqueue(Fault.delayFirstByte(Duration.ofMillis(r.nextInt(60))));
      return "delayFirstByte";
    }
    bedrock.forModel(model).enqueueResponse(r.nextBoolean() ? "{\"truncated\": " : "[1, 2, 3]");
    return "malformedBody";
  }

  @Test
  void storm_everyCallKeepsTheContract_andNothingLeaksAfterClose() throws Exception {
    int calls = Integer.getInteger("storm.calls", 2000 * Integer.getInteger("storm.scale", 1));
    long seed = Long.getLong("storm.seed", 19L);
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      dev.genaiaws.core.Leaks.Snapshot before = dev.genaiaws.core.Leaks.snapshot(bedrock.port());
      FaultStorm storm = new FaultStorm();
      BedrockGenerationClient client = BedrockGenerationClient.builder()
          .endpointOverride(bedrock.endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(EmulatorClients.CREDENTIALS)
          .retryPolicy(RetryPolicy.builder().maxAttempts(MAX_ATTEMPTS).sleeper(new RecordingSleeper()).build())
          .callTimeout(DEADLINE)
          .listener(storm.listener())
          .build();
      FaultStorm.Figures figures;
      try {
        figures = storm.run(client, (r, model) -> inject(bedrock, r, model),
            new FaultStorm.Plan(MODELS, 32, calls, seed, MAX_ATTEMPTS, DEADLINE, Duration.ofSeconds(20)),
            new References(bedrock, client));
      } finally {
        client.close();
      }
      System.out.println("[bedrock] " + figures.report());
      dev.genaiaws.core.Leaks.Snapshot after = dev.genaiaws.core.Leaks.awaitBack(before, bedrock.port());
      System.out.println("[bedrock] after close: " + after.describe(before));

      assertThat(figures.violations()).isEmpty();
      assertThat(figures.calls()).isEqualTo(calls);
      assertThat(figures.faults().keySet()).hasSizeGreaterThan(15);
      assertThat(after.clientThreads()).as("SDK threads left").isLessThanOrEqualTo(before.clientThreads());
      assertThat(after.clientConnections()).as("client sockets to the emulator left").isZero();
    }
  }

  /** The reference answer of a prompt: asked once, with nothing queued on the emulator. */
  private record References(BedrockEmulator bedrock, BedrockGenerationClient client)
      implements java.util.function.Function<GenerationRequest, String> {
    @Override
    public String apply(GenerationRequest request) {
      bedrock.reset();
      return client.generate(request).text();
    }
  }
}
