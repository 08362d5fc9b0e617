package dev.genaiaws.core.internal;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.ModelCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.codec.ParameterSupport;
import dev.genaiaws.core.codec.StreamDecoder;
import dev.genaiaws.core.exception.GenAiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Test collaborators of the runtime: a codec of plain text and a transport that plays a script. */
final class Fakes {
  private Fakes() {}

  /**
   * Body = "maxTokens|prompt"; answers are plain text; stream chunks are text, "END:reason"
   * completes.
   */
  static final class TextCodec implements ModelCodec {
    @Override
    public ModelFamily family() {
      return ModelFamily.of("test.text");
    }

    @Override
    public ParameterSupport parameters(String modelId) {
      return ParameterSupport.builder("test.text").maxTokens(1, 100).temperature(0, 1).build();
    }

    @Override
    public byte[] encode(GenerationRequest request, String modelId) {
      return (request.inferenceConfig().maxTokens() + "|" + request.lastUserText())
          .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The streamed body says so, like Cohere Command's {@code "stream": true}: "stream|" + the
     * body.
     */
    @Override
    public byte[] encodeForStream(GenerationRequest request, String modelId) {
      return ("stream|" + new String(encode(request, modelId), StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public GenerationResponse decode(byte[] body) {
      return GenerationResponse.builder()
          .text(new String(body, StandardCharsets.UTF_8))
          .stopReason(StopReason.STOP, "done")
          .build();
    }

    @Override
    public StreamDecoder newStreamDecoder() {
      return new StreamDecoder() {
        @Override
        public void decode(byte[] chunk, Consumer<GenerationEvent> sink) {
          String s = new String(chunk, StandardCharsets.UTF_8);
          if (s.equals("BAD")) {
            throw new IllegalStateException("an unreadable chunk");
          }
          if (s.startsWith("END:")) {
            sink.accept(
                new GenerationEvent.Completed(
                    StopReason.LENGTH, s.substring(4), TokenUsage.of(2, 3), null));
          } else {
            sink.accept(new GenerationEvent.TextDelta(s));
          }
        }

        @Override
        public void finish(Consumer<GenerationEvent> sink) {}
      };
    }
  }

  /** One scripted stream attempt: chunks, then an error or completion. */
  record StreamScript(List<String> chunks, GenAiException error) {}

  static final class ScriptedTransport implements Transport {
    final Deque<Object> outcomes = new ArrayDeque<>();
    final Deque<StreamScript> streams = new ArrayDeque<>();
    final List<Invocation> invocations = new ArrayList<>();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();

    /**
     * When set, invokeAsync answers with a future the test completes or watches (nothing is
     * scripted).
     */
    volatile boolean pendingAsync;

    final List<CompletableFuture<RawResponse>> pending =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Set by each stream attempt: a large buffer its subscription holds, as the SDK's decoder does.
     */
    volatile java.lang.ref.WeakReference<byte[]> ballast;

    ScriptedTransport then(Object outcome) {
      outcomes.add(outcome);
      return this;
    }

    ScriptedTransport thenStream(StreamScript s) {
      streams.add(s);
      return this;
    }

    static RawResponse ok(String text) {
      return new RawResponse(
          text.getBytes(StandardCharsets.UTF_8),
          "req-1",
          TokenUsage.of(11, 22),
          Duration.ofMillis(5),
          Map.of("k", "v"));
    }

    private RawResponse next(Invocation inv) {
      synchronized (this) {
        invocations.add(inv);
      }
      Object o = outcomes.poll();
      if (o instanceof GenAiException e) {
        throw e;
      }
      if (o == null) {
        throw new AssertionError("no scripted outcome left");
      }
      return (RawResponse) o;
    }

    @Override
    public RawResponse invoke(Invocation invocation) {
      return next(invocation);
    }

    @Override
    public CompletableFuture<RawResponse> invokeAsync(Invocation invocation) {
      if (pendingAsync) {
        synchronized (this) {
          invocations.add(invocation);
        }
        CompletableFuture<RawResponse> f = new CompletableFuture<>();
        pending.add(f);
        return f;
      }
      try {
        return CompletableFuture.completedFuture(next(invocation));
      } catch (GenAiException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    public Flow.Publisher<byte[]> invokeStream(Invocation invocation) {
      synchronized (this) {
        invocations.add(invocation);
      }
      StreamScript script = streams.poll();
      return subscriber -> {
        invocation.streamStarted("stream-req-" + invocation.attempt(), Map.of());
        Deque<String> left = new ArrayDeque<>(script.chunks());
        AtomicBoolean done = new AtomicBoolean();
        byte[] buffer = new byte[2 * 1024 * 1024];
        ballast = new java.lang.ref.WeakReference<>(buffer);
        subscriber.onSubscribe(
            new Flow.Subscription() {
              private final byte[] decoderBuffer = buffer;

              @Override
              public void request(long n) {
                for (long i = 0; i < n && !done.get(); i++) {
                  String c = left.poll();
                  if (c != null) {
                    subscriber.onNext(c.getBytes(StandardCharsets.UTF_8));
                  }
                  if (left.isEmpty() && done.compareAndSet(false, true)) {
                    if (script.error() != null) {
                      subscriber.onError(script.error());
                    } else {
                      subscriber.onComplete();
                    }
                  }
                }
              }

              @Override
              public void cancel() {
                done.set(true);
                java.util.Arrays.fill(decoderBuffer, (byte) 0);
                cancels.incrementAndGet();
              }
            });
        if (script.chunks().isEmpty() && done.compareAndSet(false, true)) {
          if (script.error() != null) {
            subscriber.onError(script.error());
          } else {
            subscriber.onComplete();
          }
        }
      };
    }

    @Override
    public GenAiException mapError(Throwable error) {
      return error instanceof GenAiException g
          ? g
          : new dev.genaiaws.core.exception.GenAiClientException("mapped: " + error, error, false);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
