package dev.genaiaws.storage;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationEvent.Completed;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.storage.internal.SavingPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link GenerationClient} that saves every successful generation to a {@link GenerationStore},
 * around any other client, so the code that calls it does not change.
 *
 * <pre>{@code
 * GenerationClient client = PersistingGenerationClient.builder()
 *     .delegate(BedrockGenerationClient.create())
 *     .store(S3GenerationStore.builder().bucket("my-blogs").prefix("blogs").build())
 *     .build();
 * GenerationResponse r = client.generate(request);                         // generated, then saved
 * String key = r.metadata().attribute(PersistingGenerationClient.KEY_ATTRIBUTE);
 * }</pre>
 *
 * <p><b>What is saved.</b> {@code generate} and {@code generateAsync}: every successful response,
 * with its images, as {@link GenerationRecord#of} plus the {@linkplain Builder#metadata(Function)
 * labels} you configure. Streams only with {@link Builder#persistStreams(boolean)
 * persistStreams(true)}: the text is accumulated as it passes through and saved when {@link
 * Completed} arrives; events reach you as soon as they arrive, and only the stream's end waits for
 * the save. A stream that fails or is cancelled before {@code Completed} is not saved.
 *
 * <p><b>Where it went.</b> The returned response's {@link ResponseMetadata#attributes()} hold
 * {@value #KEY_ATTRIBUTE} and {@value #URI_ATTRIBUTE}. Every save (streams included) is also
 * reported to {@link Builder#onSaved(Consumer)}: on the caller's thread for {@code generate}, on
 * the store executor for async calls and streams. An exception thrown by that callback is logged,
 * never turned into a failure of the call.
 *
 * <p><b>When saving fails</b> the {@link SaveFailurePolicy} decides: {@code FAIL} (default) throws
 * a {@link GenerationNotSavedException} carrying the response (for a stream: {@code onError}
 * instead of {@code onComplete}, after all events); {@code LOG_AND_CONTINUE} logs at WARN and
 * returns the response.
 *
 * <p>Saves of async calls and streams run on an executor (default: this client's own daemon
 * threads, never the common pool). {@link #close()} closes the delegate and the store (unless told
 * not to) and stops its own threads.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class PersistingGenerationClient implements GenerationClient {
  /** The response metadata attribute holding the saved record's key. */
  public static final String KEY_ATTRIBUTE = "storage.key";

  /** The response metadata attribute holding the saved record's URI. */
  public static final String URI_ATTRIBUTE = "storage.uri";

  private static final Logger LOG = LoggerFactory.getLogger(PersistingGenerationClient.class);

  private final GenerationClient delegate;
  private final GenerationStore store;
  private final boolean persistStreams;
  private final SaveFailurePolicy policy;
  private final Consumer<StoredGeneration> onSaved;
  private final Function<GenerationRequest, Map<String, String>> metadata;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
  private final boolean closeDelegate;
  private final boolean closeStore;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PersistingGenerationClient(Builder b) {
    this.delegate = Checks.notNull(b.delegate, "delegate: the client to wrap must be set");
    this.store = Checks.notNull(b.store, "store: where to save must be set");
    this.persistStreams = b.persistStreams;
    this.policy = b.policy;
    this.onSaved = b.onSaved;
    this.metadata = b.metadata;
    this.closeDelegate = b.closeDelegate;
    this.closeStore = b.closeStore;
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownExecutor = null;
    } else {
      this.ownExecutor = Executors.newCachedThreadPool(daemonThreads());
      this.executor = ownExecutor;
    }
  }

  /** Wraps a client with the defaults: save sync and async calls, fail the call if saving fails. */
  public static PersistingGenerationClient wrap(GenerationClient delegate, GenerationStore store) {
    return builder().delegate(delegate).store(store).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public GenerationResponse generate(GenerationRequest request) {
    GenerationResponse response = delegate.generate(request);
    return persist(request, response);
  }

  @Override
  public CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request) {
    return delegate
        .generateAsync(request)
        .thenApplyAsync(response -> persist(request, response), executor);
  }

  @Override
  public Flow.Publisher<GenerationEvent> publisher(GenerationRequest request) {
    Flow.Publisher<GenerationEvent> upstream = delegate.publisher(request);
    if (!persistStreams) {
      return upstream;
    }
    return new SavingPublisher(
        upstream,
        (text, completed) ->
            CompletableFuture.supplyAsync(
                () -> persist(request, completed.toResponse(text)), executor));
  }

  private GenerationResponse persist(GenerationRequest request, GenerationResponse response) {
    StoredGeneration saved;
    try {
      GenerationRecord record = GenerationRecord.of(request, response);
      Map<String, String> labels = metadata.apply(request);
      if (labels != null && !labels.isEmpty()) {
        record = record.withMetadata(labels);
      }
      saved = store.save(record, response.images());
    } catch (RuntimeException e) {
      if (policy == SaveFailurePolicy.FAIL) {
        throw new GenerationNotSavedException(response, e);
      }
      LOG.warn(
          "generation of {} (request id {}) was not saved and the response is returned anyway: {}",
          request.modelId(),
          response.metadata().requestId(),
          e.toString(),
          e);
      return response;
    }
    if (onSaved != null) {
      try {
        onSaved.accept(saved);
      } catch (RuntimeException e) {
        LOG.warn("the onSaved callback failed for {}; the generation is saved", saved.uri(), e);
      }
    }
    ResponseMetadata m = response.metadata();
    Map<String, String> attributes = new LinkedHashMap<>(m.attributes());
    attributes.put(KEY_ATTRIBUTE, saved.key());
    attributes.put(URI_ATTRIBUTE, saved.uri().toString());
    return response.withMetadata(
        new ResponseMetadata(m.requestId(), m.modelId(), m.latency(), m.attempts(), attributes));
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (closeDelegate) {
        delegate.close();
      }
    } finally {
      try {
        if (closeStore) {
          store.close();
        }
      } finally {
        if (ownExecutor != null) {
          ownExecutor.shutdown();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "PersistingGenerationClient["
        + delegate
        + " -> "
        + store
        + ", persistStreams="
        + persistStreams
        + ", onFailure="
        + policy
        + "]";
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "genai-storage-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Builder for {@link PersistingGenerationClient}; {@link #delegate} and {@link #store} are
   * required.
   */
  public static final class Builder {
    private GenerationClient delegate;
    private GenerationStore store;
    private boolean persistStreams;
    private SaveFailurePolicy policy = SaveFailurePolicy.FAIL;
    private Consumer<StoredGeneration> onSaved;
    private Function<GenerationRequest, Map<String, String>> metadata = r -> Map.of();
    private Executor executor;
    private boolean closeDelegate = true;
    private boolean closeStore = true;

    private Builder() {}

    /** The client that does the generating. */
    public Builder delegate(GenerationClient delegate) {
      this.delegate = delegate;
      return this;
    }

    /** Where generations are saved. */
    public Builder store(GenerationStore store) {
      this.store = store;
      return this;
    }

    /** Also save streams once they complete (default off). */
    public Builder persistStreams(boolean persistStreams) {
      this.persistStreams = persistStreams;
      return this;
    }

    /** What to do when saving fails (default {@link SaveFailurePolicy#FAIL}). */
    public Builder onSaveFailure(SaveFailurePolicy policy) {
      this.policy = Checks.notNull(policy, "policy");
      return this;
    }

    /** Called with every saved generation (streams included). */
    public Builder onSaved(Consumer<StoredGeneration> onSaved) {
      this.onSaved = onSaved;
      return this;
    }

    /** Labels added to every record, e.g. {@code Map.of("app", "blog-generator")}. */
    public Builder metadata(Map<String, String> metadata) {
      Map<String, String> copy = Map.copyOf(metadata);
      this.metadata = r -> copy;
      return this;
    }

    /** Labels computed per request, e.g. from the model id. */
    public Builder metadata(Function<GenerationRequest, Map<String, String>> metadata) {
      this.metadata = Checks.notNull(metadata, "metadata");
      return this;
    }

    /** Where saves of async calls and streams run (default: the client's own daemon threads). */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** Whether {@link #close()} closes the delegate (default true). */
    public Builder closeDelegate(boolean closeDelegate) {
      this.closeDelegate = closeDelegate;
      return this;
    }

    /** Whether {@link #close()} closes the store (default true). */
    public Builder closeStore(boolean closeStore) {
      this.closeStore = closeStore;
      return this;
    }

    public PersistingGenerationClient build() {
      return new PersistingGenerationClient(this);
    }
  }
}
