package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.resilience.FallbackTarget;
import dev.genaiaws.core.resilience.ResilientGenerationClient;
import dev.genaiaws.core.testing.FaultStorm;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The fault storm of issue #19 against the Bedrock emulator: 32 callers, every fault the testkit
 * injects, sync, async, {@code stream()} and {@code publisher()}, five model families. The call
 * count is 2,000 by default and {@code -Dstorm.calls=...} (the {@code long} profile sets 20,000);
 * the seed is fixed unless {@code -Dstorm.seed} says otherwise. After the client is closed no
 * thread or socket of it is left.
 */
class BedrockFaultStormTest {
  private static final List<String> MODELS =
      List.of(
          "anthropic.claude-3-haiku-20240307-v1:0",
          "meta.llama3-8b-instruct-v1:0",
          "amazon.titan-text-express-v1",
          "mistral.mistral-7b-instruct-v0:2",
          "cohere.command-r-plus-v1:0");
  private static final int MAX_ATTEMPTS = 3;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** Every fault the testkit can inject, by name; {@code null} means no fault. */
  static final List<Supplier<Fault>> FAULTS =
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
      Fault.StreamError type =
          java.util.List.of(Fault.StreamError.values())
              .get(r.nextInt(Fault.StreamError.values().length));
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
      dev.genaiaws.core.testing.Leaks.Snapshot before =
          dev.genaiaws.core.testing.Leaks.snapshot(bedrock.port());
      FaultStorm storm = new FaultStorm();
      BedrockGenerationClient client =
          BedrockGenerationClient.builder()
              .endpointOverride(bedrock.endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(EmulatorClients.CREDENTIALS)
              .retryPolicy(
                  RetryPolicy.builder()
                      .maxAttempts(MAX_ATTEMPTS)
                      .sleeper(new RecordingSleeper())
                      .build())
              .callTimeout(DEADLINE)
              .listener(storm.listener())
              .build();
      FaultStorm.Figures figures;
      dev.genaiaws.core.testing.Leaks.Snapshot settled;
      int[] halfClosed;
      int[] most = new int[2];
      // Issue #19 item 5: the sockets of both sides are counted while the storm abandons requests
      // (dropped,
      // timed out, streams failed mid-way), then once it is over with the client still open.
      java.util.concurrent.ScheduledExecutorService sampler =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      var unusedSampling =
          sampler.scheduleWithFixedDelay(
              () -> {
                dev.genaiaws.core.testing.Leaks.Snapshot s =
                    dev.genaiaws.core.testing.Leaks.snapshot(bedrock.port());
                most[0] = Math.max(most[0], s.clientConnections());
                most[1] = Math.max(most[1], s.serverConnections());
              },
              0,
              200,
              java.util.concurrent.TimeUnit.MILLISECONDS);
      try {
        figures =
            storm.run(
                client,
                (r, model) -> inject(bedrock, r, model),
                new FaultStorm.Plan(
                    MODELS, 32, calls, seed, MAX_ATTEMPTS, DEADLINE, Duration.ofSeconds(20)),
                new References(bedrock, client));
        sampler.shutdown();
        sampler.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        settled =
            dev.genaiaws.core.testing.Leaks.awaitSockets(
                bedrock.port(),
                s ->
                    s.serverConnections() <= s.clientConnections()
                        && dev.genaiaws.core.testing.Leaks.halfClosed(bedrock.port())[1] == 0);
        halfClosed = dev.genaiaws.core.testing.Leaks.halfClosed(bedrock.port());
      } finally {
        sampler.shutdownNow();
        client.close();
      }
      System.out.println("[bedrock] " + figures.report());
      dev.genaiaws.core.testing.Leaks.awaitSockets(
          bedrock.port(),
          s -> s.clientConnections() == 0 && s.serverConnections() == before.serverConnections());
      dev.genaiaws.core.testing.Leaks.Snapshot after =
          dev.genaiaws.core.testing.Leaks.awaitBack(before, bedrock.port());
      System.out.println(
          "[bedrock] sockets during the storm, at most: client "
              + most[0]
              + ", emulator-side "
              + most[1]
              + "; after it, client open: client "
              + settled.clientConnections()
              + ", emulator-side "
              + settled.serverConnections()
              + " (half-closed: "
              + halfClosed[0]
              + " / "
              + halfClosed[1]
              + ")");
      System.out.println("[bedrock] after close: " + after.describe(before));

      assertThat(figures.violations()).isEmpty();
      assertThat(figures.calls()).isEqualTo(calls);
      assertThat(figures.faults().keySet()).hasSizeGreaterThan(15);
      assertThat(after.clientThreads())
          .as("SDK threads left")
          .isLessThanOrEqualTo(before.clientThreads());
      assertThat(after.clientConnections()).as("client sockets to the emulator left").isZero();
      assertThat(after.serverConnections())
          .as("emulator-side sockets left")
          .isEqualTo(before.serverConnections());
      assertThat(settled.serverConnections())
          .as("emulator-side sockets without a client peer, client open")
          .isLessThanOrEqualTo(settled.clientConnections());
      assertThat(halfClosed)
          .as("half-closed sockets (client side, emulator side), client open")
          .containsExactly(0, 0);
    }
  }

  /**
   * Issue #19 item 7 under the same storm: a {@link ResilientGenerationClient} over two emulated
   * regions, both under random faults, with a total time-out. The storm's listener sits on the
   * resilient client, so it sees one call per request with one attempt per region tried: at most 2,
   * a fallback only after a retryable error, stream text never repeated nor mixed from two regions,
   * and the region that answered named.
   */
  @Test
  void storm_withAFallbackRegion_keepsTheContract_andNamesTheRegionThatAnswered() throws Exception {
    int calls = Integer.getInteger("storm.calls", 1000 * Integer.getInteger("storm.scale", 1));
    long seed = Long.getLong("storm.seed", 19L);
    try (BedrockEmulator east = BedrockEmulator.start();
        BedrockEmulator west = BedrockEmulator.start()) {
      dev.genaiaws.core.testing.Leaks.Snapshot eastBefore =
          dev.genaiaws.core.testing.Leaks.snapshot(east.port());
      dev.genaiaws.core.testing.Leaks.Snapshot westBefore =
          dev.genaiaws.core.testing.Leaks.snapshot(west.port());
      FaultStorm storm = new FaultStorm();
      Map<String, Integer> answeredBy = new java.util.concurrent.ConcurrentHashMap<>();
      Map<String, Integer> westFaults = new java.util.concurrent.ConcurrentSkipListMap<>();
      java.util.concurrent.atomic.AtomicInteger misnamed =
          new java.util.concurrent.atomic.AtomicInteger();
      GenerationListener answers =
          new GenerationListener() {
            @Override
            public void onResponse(CallInfo call, GenerationResponse response) {
              answeredBy.merge(call.provider(), 1, Integer::sum);
              if (!call.provider()
                  .equals(
                      response.metadata().attribute(ResilientGenerationClient.TARGET_ATTRIBUTE))) {
                misnamed.incrementAndGet();
              }
            }
          };
      BedrockGenerationClient eastClient =
          region(east, Region.US_EAST_1, 1); // any retryable error falls back
      BedrockGenerationClient westClient = region(west, Region.US_WEST_2, 2);
      ResilientGenerationClient client =
          ResilientGenerationClient.builder()
              .target(FallbackTarget.of("us-east-1", eastClient))
              .target(FallbackTarget.of("us-west-2", westClient))
              .totalTimeout(DEADLINE)
              .fallbackOn(GenAiException::retryable)
              .listener(storm.listener())
              .listener(answers)
              .build();
      FaultStorm.Figures figures;
      try {
        figures =
            storm.run(
                client,
                (r, model) -> {
                  if (r.nextInt(3) == 0) {
                    westFaults.merge(inject(west, r, model), 1, Integer::sum);
                  }
                  return inject(east, r, model);
                },
                new FaultStorm.Plan(MODELS, 32, calls, seed, 2, DEADLINE, Duration.ofSeconds(20)),
                request -> {
                  east.reset();
                  west.reset();
                  return eastClient.generate(request).text();
                });
      } finally {
        client.close();
        eastClient.close();
        westClient.close();
      }
      System.out.println(
          "[bedrock, fallback east -> west] "
              + figures.report()
              + "\n  (faults above: east's)"
              + " faults injected in the west: "
              + westFaults
              + "\n  answered by "
              + answeredBy);
      dev.genaiaws.core.testing.Leaks.Snapshot eastAfter =
          dev.genaiaws.core.testing.Leaks.awaitBack(eastBefore, east.port());
      dev.genaiaws.core.testing.Leaks.Snapshot westAfter =
          dev.genaiaws.core.testing.Leaks.awaitBack(westBefore, west.port());
      System.out.println(
          "[bedrock, fallback] after close: east "
              + eastAfter.describe(eastBefore)
              + "; west "
              + westAfter.describe(westBefore));

      assertThat(figures.violations()).isEmpty();
      assertThat(figures.calls()).isEqualTo(calls);
      assertThat(answeredBy.get("us-west-2")).as("calls the fallback region answered").isPositive();
      assertThat(answeredBy.get("us-east-1")).as("calls the primary answered").isPositive();
      assertThat(misnamed)
          .as("answers naming another region than the one that answered")
          .hasValue(0);
      assertThat(eastAfter.clientConnections() + westAfter.clientConnections()).isZero();
    }
  }

  private static BedrockGenerationClient region(
      BedrockEmulator emulator, Region region, int attempts) {
    return BedrockGenerationClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(region)
        .credentialsProvider(EmulatorClients.CREDENTIALS)
        .retryPolicy(
            RetryPolicy.builder().maxAttempts(attempts).sleeper(new RecordingSleeper()).build())
        .callTimeout(DEADLINE)
        .build();
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
