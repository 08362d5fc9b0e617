package dev.genaiaws.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.CallTimeoutException;
import dev.genaiaws.core.testing.Leaks;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Issue #19 item 5: requests a client abandons (futures cancelled while the emulator holds the
 * answer, streams closed after their first event, calls past their time-out) leave no socket
 * behind, on the client's side or the emulator's, while the client stays open, and nothing at all
 * once it is closed. Connections are counted in the kernel's table ({@code /proc/net/tcp}) during
 * the run and after; on systems without it every count reads 0 and the test proves nothing.
 */
class AbandonedRequestsSocketsTest {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  private static final int ROUNDS = 4;
  private static final int PER_KIND = 8;

  private static GenerationRequest request(int i) {
    return GenerationRequest.builder()
        .modelId(MODEL)
        .user("abandoned request " + i)
        .inferenceConfig(c -> c.maxTokens(200))
        .build();
  }

  @Test
  void abandonedRequests_leaveNoSocketOnEitherSide() throws Exception {
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      int port = bedrock.port();
      Leaks.Snapshot baseline = Leaks.snapshot(port);
      BedrockGenerationClient client =
          BedrockGenerationClient.builder()
              .endpointOverride(bedrock.endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(EmulatorClients.CREDENTIALS)
              .retryPolicy(RetryPolicy.none())
              .build();
      int abandoned = 0;
      int maxClient = 0;
      int maxServer = 0;
      Leaks.Snapshot settled;
      int[] halfClosed;
      try {
        for (int round = 0; round < ROUNDS; round++) {
          // 1. futures cancelled while the emulator holds their answer
          List<CompletableFuture<GenerationResponse>> futures = new ArrayList<>();
          for (int i = 0; i < PER_KIND; i++) {
            bedrock.enqueue(Fault.delayFirstByte(Duration.ofMillis(500)));
          }
          for (int i = 0; i < PER_KIND; i++) {
            futures.add(client.generateAsync(request(i)));
          }
          for (int i = 0; i < PER_KIND; i++) {
            assertThat(bedrock.takeRequest(Duration.ofSeconds(30))).isPresent();
          }
          Leaks.Snapshot during = Leaks.snapshot(port);
          maxClient = Math.max(maxClient, during.clientConnections());
          maxServer = Math.max(maxServer, during.serverConnections());
          futures.forEach(f -> f.cancel(true));
          abandoned += PER_KIND;

          // 2. streams closed after their first event
          for (int i = 0; i < PER_KIND; i++) {
            try (GenerationStream s = client.stream(request(100 + i))) {
              Iterator<GenerationEvent> it = s.iterator();
              assertThat(it.hasNext()).isTrue();
              it.next();
            }
            bedrock.takeRequest(Duration.ofSeconds(30));
          }
          abandoned += PER_KIND;

          // 3. calls past their time-out, abandoned by the AWS SDK
          for (int i = 0; i < PER_KIND; i++) {
            bedrock.enqueue(Fault.delayFirstByte(Duration.ofMillis(800)));
          }
          List<CompletableFuture<GenerationResponse>> late = new ArrayList<>();
          for (int i = 0; i < PER_KIND; i++) {
            late.add(
                client.generateAsync(
                    request(200 + i).toBuilder().timeout(Duration.ofMillis(200)).build()));
          }
          for (CompletableFuture<GenerationResponse> f : late) {
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(CallTimeoutException.class);
            bedrock.takeRequest(Duration.ofSeconds(30));
          }
          during = Leaks.snapshot(port);
          maxClient = Math.max(maxClient, during.clientConnections());
          maxServer = Math.max(maxServer, during.serverConnections());
          abandoned += PER_KIND;
        }
        // The emulator's handlers finish their delayed answers into closed sockets; then every
        // connection the
        // emulator still holds must be one the client holds too (its idle pool), and none
        // half-closed.
        settled =
            Leaks.awaitSockets(
                port,
                s ->
                    s.serverConnections() <= s.clientConnections()
                        && Leaks.halfClosed(port)[1] == 0);
        halfClosed = Leaks.halfClosed(port);
        // Still usable: the pool is healthy after all that.
        assertThat(client.generate(request(999)).text()).isNotEmpty();
      } finally {
        client.close();
      }
      Leaks.Snapshot closed =
          Leaks.awaitSockets(
              port,
              s ->
                  s.clientConnections() == baseline.clientConnections()
                      && s.serverConnections() == baseline.serverConnections());
      System.out.println(
          "[bedrock] abandoned "
              + abandoned
              + " requests ("
              + ROUNDS
              + " rounds of "
              + PER_KIND
              + " cancelled, "
              + PER_KIND
              + " closed streams, "
              + PER_KIND
              + " timed out): during, at most "
              + maxClient
              + " client / "
              + maxServer
              + " emulator-side connections; settled, client open: "
              + settled.clientConnections()
              + " / "
              + settled.serverConnections()
              + " (half-closed "
              + halfClosed[0]
              + " / "
              + halfClosed[1]
              + "); after close: "
              + closed.describe(baseline));

      assertThat(maxServer).as("the emulator saw the abandoned requests' connections").isPositive();
      assertThat(settled.serverConnections())
          .as("emulator-side sockets without a client peer")
          .isLessThanOrEqualTo(settled.clientConnections());
      assertThat(halfClosed[1]).as("emulator-side sockets whose client has gone").isZero();
      assertThat(halfClosed[0]).as("client-side sockets the emulator has closed").isZero();
      assertThat(closed.clientConnections()).isEqualTo(baseline.clientConnections());
      assertThat(closed.serverConnections()).isEqualTo(baseline.serverConnections());
    }
  }
}
