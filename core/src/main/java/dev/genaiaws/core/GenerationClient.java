package dev.genaiaws.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Calls a generative model: the one interface every provider implements (Bedrock, SageMaker, ...).
 *
 * <pre>{@code
 * try (GenerationClient client = BedrockGenerationClient.create()) {
 *   GenerationResponse r = client.generate(req -> req
 *       .modelId("anthropic.claude-3-haiku-20240307-v1:0")
 *       .user("Write 200 words on serverless GenAI")
 *       .inferenceConfig(c -> c.maxTokens(512)));
 *   System.out.println(r.text());
 * }
 * }</pre>
 *
 * <p>Three ways to call, same request:
 *
 * <ul>
 *   <li>{@link #generate} blocks and returns the whole answer;
 *   <li>{@link #generateAsync} returns at once with a future;
 *   <li>{@link #stream} returns a {@link GenerationStream} that yields text as the model writes it
 *       ({@link #publisher} is the same as a {@link Flow.Publisher} for reactive code).
 * </ul>
 *
 * <p>Failures are unchecked {@link dev.genaiaws.core.exception.GenAiException}s, already retried by
 * the client's {@link RetryPolicy} where retrying can help. Implementations are thread-safe: build
 * one client and share it. {@link #close()} frees the HTTP clients the client built (never ones you
 * passed in).
 */
public interface GenerationClient extends AutoCloseable {

  /** Sends the request and waits for the whole answer. */
  GenerationResponse generate(GenerationRequest request);

  /**
   * Builds the request in place and sends it: {@code client.generate(r -> r.modelId(..).user(..))}.
   */
  default GenerationResponse generate(Consumer<GenerationRequest.Builder> request) {
    return generate(build(request));
  }

  /**
   * Sends the request without blocking. The future completes with the answer, or exceptionally with
   * a {@link dev.genaiaws.core.exception.GenAiException}; it never completes on the common pool.
   */
  CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request);

  /** Builds the request in place and sends it without blocking. */
  default CompletableFuture<GenerationResponse> generateAsync(
      Consumer<GenerationRequest.Builder> request) {
    return generateAsync(build(request));
  }

  /**
   * Streams the answer as the model writes it: {@link GenerationEvent.TextDelta}s, then one {@link
   * GenerationEvent.Completed}. Each subscription sends the request once; nothing is sent until a
   * subscriber arrives. A failure before the first event is retried by the policy; after it, never
   * (text already delivered is never delivered twice).
   */
  Flow.Publisher<GenerationEvent> publisher(GenerationRequest request);

  /**
   * Streams the answer into a blocking, iterable {@link GenerationStream}. Close it
   * (try-with-resources) to stop early and free the connection.
   *
   * <pre>{@code
   * try (GenerationStream s = client.stream(request)) {
   *   for (GenerationEvent e : s) {
   *     if (e instanceof GenerationEvent.TextDelta d) System.out.print(d.text());
   *   }
   * }
   * }</pre>
   */
  default GenerationStream stream(GenerationRequest request) {
    return GenerationStream.of(publisher(request));
  }

  /** Builds the request in place and streams the answer. */
  default GenerationStream stream(Consumer<GenerationRequest.Builder> request) {
    return stream(build(request));
  }

  /** Frees what the client built; idempotent; never throws a checked exception. */
  @Override
  void close();

  private static GenerationRequest build(Consumer<GenerationRequest.Builder> spec) {
    GenerationRequest.Builder b = GenerationRequest.builder();
    spec.accept(b);
    return b.build();
  }
}
