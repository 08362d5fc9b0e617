package dev.genaiaws.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.testing.RecordingSleeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbeddingRuntimeTest {

  /** Body = texts joined by '\n'; answer = same, each text's vector is [length, index-in-batch]. */
  static final class LineCodec implements EmbeddingCodec {
    final int batch;

    LineCodec(int batch) {
      this.batch = batch;
    }

    @Override
    public ModelFamily family() {
      return ModelFamily.of("test.embed");
    }

    @Override
    public int maxBatchSize(String modelId) {
      return batch;
    }

    @Override
    public byte[] encode(EmbeddingRequest request, List<String> texts, String modelId) {
      return String.join("\n", texts).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Batch decode(byte[] body) {
      String[] texts = new String(body, StandardCharsets.UTF_8).split("\n");
      List<float[]> vectors = new ArrayList<>();
      for (String t : texts) {
        vectors.add(new float[] {Float.parseFloat(t.substring(1))});
      }
      return new Batch(vectors, TokenUsage.of(texts.length, 0));
    }
  }

  /** Answers each call when the test says; counts calls in flight. */
  static final class ManualTransport implements Transport {
    final ConcurrentLinkedQueue<byte[]> bodies = new ConcurrentLinkedQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger failFirst = new AtomicInteger();

    @Override
    public RawResponse invoke(Invocation invocation) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<RawResponse> invokeAsync(Invocation invocation) {
      if (failFirst.getAndDecrement() > 0) {
        return CompletableFuture.failedFuture(
            new ThrottlingException(
                "slow", new ServiceErrorDetails(429, "ThrottlingException", null, "t"), null));
      }
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      bodies.add(invocation.body());
      CompletableFuture<RawResponse> answer = new CompletableFuture<>();
      byte[] body = invocation.body();
      queued.add(
          () -> {
            inFlight.decrementAndGet();
            answer.complete(
                new RawResponse(body, "id", TokenUsage.none(), Duration.ZERO, Map.of()));
          });
      return answer;
    }

    final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();

    void answerAll() {
      Runnable r;
      while ((r = queued.poll()) != null) {
        r.run();
      }
    }

    @Override
    public Flow.Publisher<byte[]> invokeStream(Invocation invocation) {
      throw new UnsupportedOperationException();
    }

    @Override
    public GenAiException mapError(Throwable error) {
      return (GenAiException) error;
    }

    @Override
    public void close() {}
  }

  private static EmbeddingRuntime runtime(
      ManualTransport t, int batch, int concurrency, RecordingSleeper sleeper) {
    CodecRegistry<EmbeddingCodec> codecs =
        CodecRegistry.<EmbeddingCodec>builder().register(new LineCodec(batch), "test.").build();
    return new EmbeddingRuntime(
        new EmbeddingRuntime.Settings(
            "test", codecs, null, sleeper.policy(3), List.of(), concurrency),
        t);
  }

  private static EmbeddingRequest texts(int n) {
    return EmbeddingRequest.builder()
        .modelId("test.embed-v1")
        .texts(IntStream.range(0, n).mapToObj(i -> "t" + i).toList())
        .build();
  }

  @Test
  void embedAsync_manyTextsOnePerCall_boundedConcurrencyAndInputOrder() {
    ManualTransport t = new ManualTransport();
    CompletableFuture<EmbeddingResponse> f =
        runtime(t, 1, 4, new RecordingSleeper()).embedAsync(texts(25));

    while (!f.isDone()) {
      assertThat(t.inFlight.get()).isLessThanOrEqualTo(4);
      t.answerAll();
    }

    EmbeddingResponse r = f.join();
    assertThat(t.maxInFlight.get()).isEqualTo(4);
    assertThat(t.bodies).hasSize(25);
    assertThat(r.size()).isEqualTo(25);
    for (int i = 0; i < 25; i++) {
      assertThat(r.vector(i)).containsExactly((float) i);
    }
    assertThat(r.usage().inputTokens()).isEqualTo(25);
    assertThat(r.metadata().attribute("batches")).isEqualTo("25");
  }

  @Test
  void embed_batchesOfThree_splitsAndKeepsOrder() {
    ManualTransport t = new ManualTransport();
    EmbeddingRuntime rt = runtime(t, 3, 2, new RecordingSleeper());
    CompletableFuture<EmbeddingResponse> f = rt.embedAsync(texts(8));
    while (!f.isDone()) {
      t.answerAll();
    }
    assertThat(t.bodies)
        .extracting(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("t0\nt1\nt2", "t3\nt4\nt5", "t6\nt7");
    assertThat(f.join().vector(7)).containsExactly(7f);
  }

  @Test
  void embed_throttledBatch_retriedUnderPolicy() {
    ManualTransport t = new ManualTransport();
    t.failFirst.set(2);
    RecordingSleeper sleeper = new RecordingSleeper();
    CompletableFuture<EmbeddingResponse> f = runtime(t, 5, 1, sleeper).embedAsync(texts(2));
    while (!f.isDone()) {
      t.answerAll();
    }
    assertThat(f.join().metadata().attempts()).isEqualTo(3);
    assertThat(sleeper.waits()).hasSize(2);
  }

  @Test
  void embed_unknownModel_failsBeforeSending() {
    ManualTransport t = new ManualTransport();
    assertThatThrownBy(
            () ->
                runtime(t, 1, 1, new RecordingSleeper())
                    .embed(EmbeddingRequest.builder().modelId("nope.x").text("a").build()))
        .isInstanceOf(dev.genaiaws.core.exception.UnknownModelException.class);
    assertThat(t.bodies).isEmpty();
  }

  @Test
  void embed_severalBatches_listenersToldOnceWithTheWholeResponse() {
    ManualTransport t = new ManualTransport();
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    GenerationListener l =
        new GenerationListener() {
          @Override
          public void onRequest(CallInfo call) {
            ids.add(call.callId());
          }

          @Override
          public void onEmbeddingResponse(CallInfo call, EmbeddingResponse response) {
            told.add(call.operation() + ":" + response.size());
            ids.add(call.callId());
          }
        };
    CodecRegistry<EmbeddingCodec> codecs =
        CodecRegistry.<EmbeddingCodec>builder().register(new LineCodec(3), "test.").build();
    EmbeddingRuntime rt =
        new EmbeddingRuntime(
            new EmbeddingRuntime.Settings(
                "test", codecs, null, new RecordingSleeper().policy(3), List.of(l), 2),
            t);

    CompletableFuture<EmbeddingResponse> f = rt.embedAsync(texts(8));
    while (!f.isDone()) {
      t.answerAll();
    }

    assertThat(f.join().size()).isEqualTo(8);
    assertThat(told).containsExactly("embed:8");
    assertThat(ids).hasSize(1).doesNotContain(0L);
  }

  @Test
  void embed_twoBatchesFail_errorToldOnce() {
    ManualTransport t = new ManualTransport();
    t.failFirst.set(100);
    List<GenAiException> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    GenerationListener l =
        new GenerationListener() {
          @Override
          public void onError(CallInfo call, GenAiException error) {
            errors.add(error);
          }
        };
    CodecRegistry<EmbeddingCodec> codecs =
        CodecRegistry.<EmbeddingCodec>builder().register(new LineCodec(1), "test.").build();
    EmbeddingRuntime rt =
        new EmbeddingRuntime(
            new EmbeddingRuntime.Settings(
                "test", codecs, null, new RecordingSleeper().policy(1), List.of(l), 2),
            t);

    CompletableFuture<EmbeddingResponse> f = rt.embedAsync(texts(2));

    assertThat(f).isCompletedExceptionally();
    assertThat(errors).hasSize(1);
  }
}
