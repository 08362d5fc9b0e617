package dev.genaiaws.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.exception.GenAiClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link GenerationClient} must show, whatever the provider. An adapter's test
 * extends this class, points {@link #client()} at its emulator and names a model; it may add
 * provider tests. Shipped in core's test-jar.
 *
 * <p>The emulators generate deterministic text from the prompt, so the same request gives the same
 * text through {@code generate}, {@code generateAsync} and {@code stream}.
 */
public abstract class GenerationClientContractTest {

  /** The client under test, shared by the tests of one class. */
  protected abstract GenerationClient client();

  /** A text model (or endpoint) that the emulator serves. */
  protected abstract String modelId();

  /** Extra request settings a provider needs (e.g. a family option for an endpoint). */
  protected GenerationRequest.Builder customize(GenerationRequest.Builder builder) {
    return builder;
  }

  /** A value of {@code temperature} that the model must refuse before sending. */
  protected double outOfRangeTemperature() {
    return 99.0;
  }

  /**
   * Whether the provider reports prompt tokens on a plain call. SageMaker containers (TGI, LMI) do
   * not unless asked for per-token details, so their adapter returns {@code false} and only output
   * tokens are checked.
   */
  protected boolean reportsInputTokens() {
    return true;
  }

  /** How many requests reached the emulator so far (to check bad input is never sent). */
  protected abstract int requestsSent();

  /**
   * Whether the model can stream. For one that cannot (AI21 Jurassic-2), the stream tests check
   * instead that {@code stream} refuses the request before sending anything.
   */
  protected boolean streams() {
    return true;
  }

  /**
   * For models that cannot stream: {@code stream} fails at once, naming the problem, and sends
   * nothing.
   */
  private boolean refusedWhenNotStreaming(GenerationRequest req) {
    if (streams()) {
      return false;
    }
    int before = requestsSent();
    assertThatThrownBy(() -> client().stream(req))
        .isInstanceOf(GenAiClientException.class)
        .hasMessageContaining("cannot stream");
    assertThat(requestsSent()).isEqualTo(before);
    return true;
  }

  protected GenerationRequest request(String prompt, int maxTokens) {
    return customize(
            GenerationRequest.builder()
                .modelId(modelId())
                .user(prompt)
                .inferenceConfig(c -> c.maxTokens(maxTokens)))
        .build();
  }

  @Test
  void generate_simplePrompt_returnsTextUsageAndMetadata() {
    GenerationResponse r = client().generate(request("Write a haiku about the sea", 200));

    assertThat(r.text()).isNotBlank();
    if (reportsInputTokens()) {
      assertThat(r.usage().inputTokens()).isPositive();
    }
    assertThat(r.usage().outputTokens()).isPositive();
    assertThat(r.metadata().requestId()).isNotBlank();
    assertThat(r.metadata().modelId()).isEqualTo(modelId());
    assertThat(r.metadata().attempts()).isEqualTo(1);
    assertThat(r.stopReason()).isIn(StopReason.STOP, StopReason.LENGTH);
  }

  @Test
  void generate_tinyMaxTokens_stopsForLength() {
    GenerationResponse r = client().generate(request("Tell me a very long story about dragons", 3));

    assertThat(r.stopReason()).isEqualTo(StopReason.LENGTH);
    assertThat(r.rawStopReason()).isNotBlank();
    assertThat(r.usage().outputTokens()).isBetween(1, 3);
  }

  @Test
  void generateAsync_sameRequest_sameTextAsSync() {
    GenerationRequest req = request("Explain eventual consistency", 100);
    String sync = client().generate(req).text();

    AtomicReference<String> thread = new AtomicReference<>();
    CompletableFuture<GenerationResponse> f =
        client()
            .generateAsync(req)
            .whenComplete((r, e) -> thread.set(Thread.currentThread().getName()));
    GenerationResponse async = f.join();

    assertThat(async.text()).isEqualTo(sync);
    assertThat(thread.get()).doesNotContain("commonPool");
  }

  @Test
  void stream_simplePrompt_deltasThenOneCompletedWithSameTextAsSync() {
    GenerationRequest req = request("Describe a lighthouse", 120);
    if (refusedWhenNotStreaming(req)) {
      return;
    }
    GenerationResponse sync = client().generate(req);

    List<GenerationEvent> events = new ArrayList<>();
    try (GenerationStream s = client().stream(req)) {
      s.forEach(events::add);
    }

    assertThat(events).hasSizeGreaterThan(1);
    assertThat(events.get(events.size() - 1)).isInstanceOf(GenerationEvent.Completed.class);
    assertThat(events.stream().filter(GenerationEvent.Completed.class::isInstance)).hasSize(1);
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(GenerationEvent.TextDelta.class::isInstance)
        .forEach(e -> text.append(((GenerationEvent.TextDelta) e).text()));
    assertThat(text.toString()).isEqualTo(sync.text());
    GenerationEvent.Completed done = (GenerationEvent.Completed) events.get(events.size() - 1);
    assertThat(done.stopReason()).isEqualTo(sync.stopReason());
    assertThat(done.usage().outputTokens()).isPositive();
    assertThat(done.metadata().requestId()).isNotBlank();
  }

  @Test
  void stream_closedAfterFirstDelta_stopsQuietly() {
    if (refusedWhenNotStreaming(request("Write a long essay on rivers", 500))) {
      return;
    }
    try (GenerationStream s = client().stream(request("Write a long essay on rivers", 500))) {
      GenerationEvent first = s.iterator().next();
      assertThat(first).isInstanceOf(GenerationEvent.TextDelta.class);
    }
  }

  @Test
  void stream_textHelper_drainsWholeAnswer() {
    GenerationRequest req = request("Name three colours", 60);
    if (refusedWhenNotStreaming(req)) {
      return;
    }
    try (GenerationStream s = client().stream(req)) {
      assertThat(s.text()).isEqualTo(client().generate(req).text());
    }
  }

  @Test
  void generate_outOfRangeParameter_failsBeforeSending() {
    int before = requestsSent();
    GenerationRequest bad =
        customize(
                GenerationRequest.builder()
                    .modelId(modelId())
                    .user("hi")
                    .inferenceConfig(c -> c.maxTokens(10).temperature(outOfRangeTemperature())))
            .build();

    assertThatThrownBy(() -> client().generate(bad))
        .isInstanceOf(GenAiClientException.class)
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> client().stream(bad)).isInstanceOf(GenAiClientException.class);
    assertThat(requestsSent()).isEqualTo(before);
  }

  @Test
  void generate_concurrentCallers_allSucceed() {
    List<CompletableFuture<GenerationResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      GenerationRequest req = request("Question number " + i, 40);
      calls.add(CompletableFuture.supplyAsync(() -> client().generate(req)));
    }
    for (CompletableFuture<GenerationResponse> c : calls) {
      assertThat(c.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join().text()).isNotBlank();
    }
  }

  @Test
  void toString_ofRequestAndResponse_neverContainsPromptOrAnswer() {
    GenerationRequest req = request("my secret prompt about zebras", 50);
    GenerationResponse r = client().generate(req);
    assertThat(req.toString()).doesNotContain("zebras");
    assertThat(r.toString()).doesNotContain(r.text().substring(0, Math.min(10, r.text().length())));
  }
}
