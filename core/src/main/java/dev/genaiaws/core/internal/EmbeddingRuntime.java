package dev.genaiaws.core.internal;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.codec.CodecRegistry;
import dev.genaiaws.core.codec.EmbeddingCodec;
import dev.genaiaws.core.codec.ModelFamily;
import dev.genaiaws.core.exception.CodecException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one implementation of an embedding call: split the texts into the batches the model accepts,
 * send them through the {@link Transport} with at most {@code maxConcurrency} in flight, each under
 * the retry policy, and put the vectors back in input order. Internal.
 */
public final class EmbeddingRuntime {

  /**
   * A runtime for one client.
   *
   * @param provider e.g. {@code bedrock}
   * @param codecs the registry of embedding codecs
   * @param familyOverride a family every request uses unless it names one, or null
   * @param retryPolicy the one retry layer
   * @param listeners hooks
   * @param maxConcurrency batches in flight at once, at least 1
   * @param callTimeout the longest a whole call may take (no retry starts after it, and each
   *     attempt gets what is left as its time-out), or {@code null}
   */
  public record Settings(
      String provider,
      CodecRegistry<EmbeddingCodec> codecs,
      ModelFamily familyOverride,
      RetryPolicy retryPolicy,
      List<GenerationListener> listeners,
      int maxConcurrency,
      @Nullable Duration callTimeout) {
    /** Settings without a call time-out. */
    public Settings(
        String provider,
        CodecRegistry<EmbeddingCodec> codecs,
        ModelFamily familyOverride,
        RetryPolicy retryPolicy,
        List<GenerationListener> listeners,
        int maxConcurrency) {
      this(provider, codecs, familyOverride, retryPolicy, listeners, maxConcurrency, null);
    }

    public Settings {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(codecs, "codecs");
      retryPolicy = retryPolicy == null ? RetryPolicy.defaults() : retryPolicy;
      listeners = listeners == null ? List.of() : List.copyOf(listeners);
      if (maxConcurrency < 1) {
        throw new InvalidRequestException("maxConcurrency must be >= 1 but was " + maxConcurrency);
      }
    }
  }

  private final Settings settings;
  private final Transport transport;
  private final RetryExecutor retry;
  private final Listeners listeners;

  public EmbeddingRuntime(Settings settings, Transport transport) {
    this.settings = settings;
    this.transport = transport;
    this.retry = new RetryExecutor(settings.provider() + "-embed", settings.retryPolicy());
    this.listeners = new Listeners(settings.listeners());
  }

  /** Embeds all texts and waits. */
  public EmbeddingResponse embed(EmbeddingRequest request) {
    try {
      return embedAsync(request).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof GenAiException g) {
        throw g;
      }
      throw e;
    }
  }

  /** Embeds all texts without blocking; batches run with bounded concurrency. */
  public CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request) {
    if (request == null) {
      return CompletableFuture.failedFuture(
          new InvalidRequestException("request must not be null"));
    }
    CodecRegistry.Resolution<EmbeddingCodec> r;
    List<byte[]> bodies = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    try {
      ModelFamily family = request.option(ModelFamily.class).orElse(settings.familyOverride());
      r = settings.codecs().resolve(request.modelId(), family);
      int batch = Math.max(1, r.codec().maxBatchSize(r.baseModelId()));
      List<String> texts = request.texts();
      for (int i = 0; i < texts.size(); i += batch) {
        List<String> part = texts.subList(i, Math.min(texts.size(), i + batch));
        bodies.add(r.codec().encode(request, part, r.baseModelId()));
        sizes.add(part.size());
      }
    } catch (GenAiException e) {
      return CompletableFuture.failedFuture(e);
    }
    EmbeddingCodec codec = r.codec();
    String base = r.baseModelId();
    int n = bodies.size();
    EmbeddingCodec.Batch[] results = new EmbeddingCodec.Batch[n];
    RawResponse[] raws = new RawResponse[n];
    int[] attempts = new int[n];
    CompletableFuture<EmbeddingResponse> done = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    long deadline =
        settings.callTimeout() == null ? Long.MAX_VALUE : start + settings.callTimeout().toNanos();
    long id = Listeners.nextCallId();
    AtomicBoolean failed = new AtomicBoolean();
    // the first failure fails the call and is reported once; later ones (other batches) are dropped
    Consumer<Throwable> fail =
        cause -> {
          if (failed.compareAndSet(false, true)) {
            if (cause instanceof GenAiException g) {
              listeners.onError(
                  new CallInfo(
                      settings.provider(), "embed", request.modelId(), g.attempts(), null, id),
                  g);
            }
            done.completeExceptionally(cause);
          }
        };

    Runnable[] launch = new Runnable[1];
    launch[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= n || done.isDone()) {
            return;
          }
          var unused =
              retry
                  .executeAsync(
                      attempt -> {
                        attempts[i] = attempt;
                        listeners.onRequest(
                            new CallInfo(
                                settings.provider(),
                                "embed",
                                request.modelId(),
                                attempt,
                                null,
                                id));
                        Invocation inv =
                            new Invocation(
                                request.modelId(),
                                request.options(),
                                null,
                                base,
                                bodies.get(i),
                                remaining(deadline),
                                attempt);
                        return transport
                            .invokeAsync(inv)
                            .thenApply(
                                raw -> {
                                  raws[i] = raw;
                                  try {
                                    return codec.decode(raw.body());
                                  } catch (GenAiException e) {
                                    throw e;
                                  } catch (RuntimeException e) {
                                    throw new CodecException(
                                        "could not read the embedding answer of "
                                            + request.modelId()
                                            + ": "
                                            + e,
                                        e);
                                  }
                                });
                      },
                      deadline,
                      (a, e, d) ->
                          listeners.onRetry(
                              new CallInfo(
                                  settings.provider(), "embed", request.modelId(), a, null, id),
                              e,
                              d))
                  .whenComplete(
                      (batch, error) -> {
                        if (error != null) {
                          Throwable cause =
                              error instanceof CompletionException && error.getCause() != null
                                  ? error.getCause()
                                  : error;
                          fail.accept(cause);
                          return;
                        }
                        if (batch.vectors().size() != sizes.get(i)) {
                          fail.accept(
                              new CodecException(
                                  "the model returned "
                                      + batch.vectors().size()
                                      + " vectors for "
                                      + sizes.get(i)
                                      + " texts",
                                  null));
                          return;
                        }
                        results[i] = batch;
                        if (finished.incrementAndGet() == n) {
                          EmbeddingResponse response =
                              assemble(request, results, raws, attempts, start);
                          listeners.onEmbeddingResponse(
                              new CallInfo(
                                  settings.provider(),
                                  "embed",
                                  request.modelId(),
                                  response.metadata().attempts(),
                                  null,
                                  id),
                              response);
                          done.complete(response);
                        } else {
                          launch[0].run();
                        }
                      });
        };
    for (int k = 0; k < Math.min(n, settings.maxConcurrency()); k++) {
      launch[0].run();
    }
    return done;
  }

  /** What is left of the call's time, or {@code null} without a call time-out. */
  private static @Nullable Duration remaining(long deadline) {
    if (deadline == Long.MAX_VALUE) {
      return null;
    }
    return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000L));
  }

  private EmbeddingResponse assemble(
      EmbeddingRequest request,
      EmbeddingCodec.Batch[] results,
      RawResponse[] raws,
      int[] attempts,
      long start) {
    List<float[]> vectors = new ArrayList<>(request.texts().size());
    TokenUsage usage = TokenUsage.none();
    for (int i = 0; i < results.length; i++) {
      vectors.addAll(results[i].vectors());
      usage = usage.plus(results[i].usage().orElse(raws[i].headerUsage()));
    }
    String requestId = raws.length == 1 ? raws[0].requestId() : null;
    Map<String, String> attributes =
        raws.length == 1 ? raws[0].attributes() : Map.of("batches", Integer.toString(raws.length));
    ResponseMetadata md =
        new ResponseMetadata(
            requestId,
            request.modelId(),
            Duration.ofNanos(System.nanoTime() - start),
            Arrays.stream(attempts).max().orElse(1),
            attributes);
    return new EmbeddingResponse(vectors, usage, md);
  }

  public void close() {
    transport.close();
  }
}
