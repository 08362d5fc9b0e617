package dev.genaiaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationEvent.Completed;
import dev.genaiaws.core.GenerationEvent.TextDelta;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistingGenerationClientTest {
  static final GenerationRequest REQUEST =
      GenerationRequest.builder()
          .modelId("anthropic.claude-3-haiku-20240307-v1:0")
          .system("You write short technical blogs.")
          .user("Write 200 words on serverless GenAI")
          .inferenceConfig(c -> c.maxTokens(512))
          .build();
  static final ResponseMetadata META =
      new ResponseMetadata(
          "rid-1", REQUEST.modelId(), Duration.ofMillis(900), 1, Map.of("invokedVariant", "v1"));

  @TempDir Path root;
  FileGenerationStore files;
  FakeClient fake;
  List<StoredGeneration> saved = new CopyOnWriteArrayList<>();
  List<String> savedOnThreads = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    files = FileGenerationStore.builder().root(root).prefix("blogs").build();
    fake =
        new FakeClient(
            GenerationResponse.builder()
                .text("Hello, serverless")
                .stopReason(StopReason.STOP, "end_turn")
                .usage(TokenUsage.of(12, 40))
                .metadata(META)
                .build());
  }

  @AfterEach
  void tearDown() {
    files.close();
  }

  PersistingGenerationClient.Builder client(GenerationStore store) {
    return PersistingGenerationClient.builder()
        .delegate(fake)
        .store(store)
        .onSaved(
            s -> {
              saved.add(s);
              savedOnThreads.add(Thread.currentThread().getName());
            });
  }

  @Test
  void generate_success_savesRecordAndReturnsKeyAndUriInMetadata() {
    try (PersistingGenerationClient client =
        client(files).metadata(Map.of("app", "blog-generator")).build()) {
      GenerationResponse response = client.generate(REQUEST);

      String key = response.metadata().attribute(PersistingGenerationClient.KEY_ATTRIBUTE);
      assertThat(key).startsWith("blogs/").endsWith(".json");
      assertThat(response.metadata().attribute(PersistingGenerationClient.URI_ATTRIBUTE))
          .isEqualTo(files.uri(key).toString());
      assertThat(response.metadata().attribute("invokedVariant")).isEqualTo("v1");
      assertThat(response.metadata().requestId()).isEqualTo("rid-1");
      assertThat(response.text()).isEqualTo("Hello, serverless");
      GenerationRecord record = files.load(key);
      assertThat(record.outputText()).isEqualTo("Hello, serverless");
      assertThat(record.messages()).hasSize(1);
      assertThat(record.usage()).isEqualTo(TokenUsage.of(12, 40));
      assertThat(record.requestId()).isEqualTo("rid-1");
      assertThat(record.metadata()).containsEntry("app", "blog-generator");
      assertThat(saved).singleElement().extracting(StoredGeneration::key).isEqualTo(key);
      assertThat(savedOnThreads).containsExactly(Thread.currentThread().getName());
    }
  }

  @Test
  void generate_imageResponse_savesImagesBesideRecord() {
    fake.response =
        GenerationResponse.builder()
            .content(
                List.of(
                    ImageBlock.of(new byte[] {1, 2, 3}, "image/png"),
                    ImageBlock.of(new byte[] {4, 5}, "image/jpeg")))
            .metadata(META)
            .build();
    try (PersistingGenerationClient client = client(files).build()) {
      client.generate(REQUEST);

      StoredGeneration s = saved.get(0);
      assertThat(s.imageKeys()).hasSize(2);
      assertThat(files.getBytes(s.imageKeys().get(0))).containsExactly(1, 2, 3);
      assertThat(files.head(s.imageKeys().get(1)).orElseThrow().contentType())
          .isEqualTo("image/jpeg");
    }
  }

  @Test
  void generateAsync_success_savesOffTheCallerAndCompletesWithKey() throws Exception {
    try (PersistingGenerationClient client = client(files).build()) {
      GenerationResponse response = client.generateAsync(REQUEST).get(10, TimeUnit.SECONDS);

      String key = response.metadata().attribute(PersistingGenerationClient.KEY_ATTRIBUTE);
      assertThat(files.load(key).outputText()).isEqualTo("Hello, serverless");
      assertThat(savedOnThreads).singleElement().asString().startsWith("genai-storage-");
    }
  }

  @Test
  void stream_persistStreamsOn_deliversEveryEventAndSavesAccumulatedText() {
    try (PersistingGenerationClient client = client(files).persistStreams(true).build();
        GenerationStream stream = client.stream(REQUEST)) {
      assertThat(stream.text()).isEqualTo("Hello, serverless");
      assertThat(stream.completed())
          .get()
          .extracting(Completed::usage)
          .isEqualTo(TokenUsage.of(12, 40));

      GenerationRecord record = files.load(saved.get(0).key());
      assertThat(record.outputText()).isEqualTo("Hello, serverless");
      assertThat(record.usage()).isEqualTo(TokenUsage.of(12, 40));
      assertThat(record.rawStopReason()).isEqualTo("end_turn");
      assertThat(record.requestId()).isEqualTo("rid-1");
    }
  }

  @Test
  void stream_persistStreamsOff_savesNothing() {
    try (PersistingGenerationClient client = client(files).build();
        GenerationStream stream = client.stream(REQUEST)) {
      assertThat(stream.text()).isEqualTo("Hello, serverless");
    }
    try (Stream<StoredObject> all = files.list("")) {
      assertThat(all).isEmpty();
    }
    assertThat(saved).isEmpty();
  }

  @Test
  void stream_slowSave_eventsDeliveredBeforeSaveFinishes() {
    CountDownLatch gate = new CountDownLatch(1);
    GenerationStore slow =
        new ForwardingStore(files) {
          @Override
          public StoredGeneration save(GenerationRecord record, List<ImageBlock> images) {
            try {
              assertThat(gate.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.save(record, images);
          }
        };
    try (PersistingGenerationClient client = client(slow).persistStreams(true).build();
        GenerationStream stream = client.stream(REQUEST)) {
      Iterator<GenerationEvent> events = stream.iterator();
      List<GenerationEvent> received = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        received.add(events.next());
      }
      assertThat(received).hasSize(3).last().isInstanceOf(Completed.class);
      assertThat(saved).isEmpty(); // every event arrived while the save was still held

      gate.countDown();

      assertThat(events.hasNext()).isFalse();
      assertThat(saved).hasSize(1);
    }
  }

  @Test
  void generate_saveFailsWithDefaultPolicy_throwsNotSavedCarryingTheResponse() {
    try (PersistingGenerationClient client = client(new FailingStore(files)).build()) {
      assertThatThrownBy(() -> client.generate(REQUEST))
          .isInstanceOfSatisfying(
              GenerationNotSavedException.class,
              e -> {
                assertThat(e.response().text()).isEqualTo("Hello, serverless");
                assertThat(e.getCause()).hasMessageContaining("disk on fire");
                assertThat(e.getMessage()).contains("could not be saved");
              });
      assertThat(saved).isEmpty();
    }
  }

  @Test
  void generate_saveFailsWithLogPolicy_returnsResponseWithoutKey() {
    try (PersistingGenerationClient client =
        client(new FailingStore(files)).onSaveFailure(SaveFailurePolicy.LOG_AND_CONTINUE).build()) {
      GenerationResponse response = client.generate(REQUEST);

      assertThat(response.text()).isEqualTo("Hello, serverless");
      assertThat(response.metadata().attribute(PersistingGenerationClient.KEY_ATTRIBUTE)).isNull();
    }
  }

  @Test
  void generateAsync_saveFails_futureFailsWithNotSaved() {
    try (PersistingGenerationClient client = client(new FailingStore(files)).build()) {
      CompletableFuture<GenerationResponse> future = client.generateAsync(REQUEST);

      assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(GenerationNotSavedException.class);
    }
  }

  @Test
  void stream_saveFails_allEventsDeliveredThenStreamFailsInsteadOfEnding() {
    try (PersistingGenerationClient client =
            client(new FailingStore(files)).persistStreams(true).build();
        GenerationStream stream = client.stream(REQUEST)) {
      Iterator<GenerationEvent> events = stream.iterator();
      List<GenerationEvent> received = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        received.add(events.next());
      }

      assertThatThrownBy(events::hasNext)
          .isInstanceOfSatisfying(
              GenerationNotSavedException.class,
              e -> assertThat(e.response().text()).isEqualTo("Hello, serverless"));
      assertThat(received)
          .extracting(Object::getClass)
          .containsExactly(TextDelta.class, TextDelta.class, Completed.class);
    }
  }

  @Test
  void stream_saveFailsWithLogPolicy_streamEndsNormally() {
    try (PersistingGenerationClient client =
            client(new FailingStore(files))
                .persistStreams(true)
                .onSaveFailure(SaveFailurePolicy.LOG_AND_CONTINUE)
                .build();
        GenerationStream stream = client.stream(REQUEST)) {
      assertThat(stream.text()).isEqualTo("Hello, serverless");
    }
  }

  @Test
  void generate_onSavedCallbackThrows_callStillSucceeds() {
    try (PersistingGenerationClient client =
        PersistingGenerationClient.builder()
            .delegate(fake)
            .store(files)
            .onSaved(
                s -> {
                  throw new IllegalStateException("listener bug");
                })
            .build()) {
      GenerationResponse response = client.generate(REQUEST);

      assertThat(response.metadata().attribute(PersistingGenerationClient.KEY_ATTRIBUTE))
          .isNotNull();
    }
  }

  @Test
  void close_wrapped_closesDelegateAndStoreOnce() {
    AtomicBoolean storeClosed = new AtomicBoolean();
    GenerationStore tracked =
        new ForwardingStore(files) {
          @Override
          public void close() {
            assertThat(storeClosed.getAndSet(true)).isFalse();
          }
        };
    PersistingGenerationClient client = PersistingGenerationClient.wrap(fake, tracked);

    client.close();
    client.close();

    assertThat(fake.closed).isEqualTo(1);
    assertThat(storeClosed).isTrue();
  }

  @Test
  void close_closeDelegateFalse_leavesDelegateOpen() {
    PersistingGenerationClient client =
        client(files).closeDelegate(false).closeStore(false).build();

    client.close();

    assertThat(fake.closed).isZero();
  }

  /**
   * A stand-in for a provider client: answers with a fixed response, or streams it in two deltas.
   */
  static final class FakeClient implements GenerationClient {
    volatile GenerationResponse response;
    volatile int closed;

    FakeClient(GenerationResponse response) {
      this.response = response;
    }

    @Override
    public GenerationResponse generate(GenerationRequest request) {
      return response;
    }

    @Override
    public CompletableFuture<GenerationResponse> generateAsync(GenerationRequest request) {
      return CompletableFuture.completedFuture(response);
    }

    @Override
    public Flow.Publisher<GenerationEvent> publisher(GenerationRequest request) {
      GenerationResponse r = response;
      String text = r.text();
      int half = text.length() / 2;
      return new ListPublisher(
          List.of(
              new TextDelta(text.substring(0, half)),
              new TextDelta(text.substring(half)),
              new Completed(r.stopReason(), r.rawStopReason(), r.usage(), r.metadata())));
    }

    @Override
    public synchronized void close() {
      closed++;
    }
  }

  /** Emits a fixed list of events, honouring demand, then completes. */
  static final class ListPublisher implements Flow.Publisher<GenerationEvent> {
    private final List<GenerationEvent> events;

    ListPublisher(List<GenerationEvent> events) {
      this.events = events;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super GenerationEvent> subscriber) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            private int next;
            private long demand;
            private boolean emitting;
            private boolean done;

            @Override
            public synchronized void request(long n) {
              demand += n;
              if (emitting) {
                return;
              }
              emitting = true;
              while (!done && demand > 0 && next < events.size()) {
                demand--;
                subscriber.onNext(events.get(next++));
              }
              if (!done && next == events.size()) {
                done = true;
                subscriber.onComplete();
              }
              emitting = false;
            }

            @Override
            public synchronized void cancel() {
              done = true;
            }
          });
    }
  }

  /** Forwards everything to another store; tests override what they need. */
  static class ForwardingStore implements GenerationStore {
    private final GenerationStore target;

    ForwardingStore(GenerationStore target) {
      this.target = target;
    }

    @Override
    public StoredGeneration save(GenerationRecord record, List<ImageBlock> images) {
      return target.save(record, images);
    }

    @Override
    public StoredGeneration saveAs(String key, GenerationRecord record, List<ImageBlock> images) {
      return target.saveAs(key, record, images);
    }

    @Override
    public GenerationRecord load(String key) {
      return target.load(key);
    }

    @Override
    public Stream<StoredObject> list(String prefix) {
      return target.list(prefix);
    }

    @Override
    public Stream<StoredObject> list() {
      return target.list();
    }

    @Override
    public Optional<StoredObject> head(String key) {
      return target.head(key);
    }

    @Override
    public void delete(String key) {
      target.delete(key);
    }

    @Override
    public URI putBytes(
        String key, byte[] bytes, String contentType, Map<String, String> metadata) {
      return target.putBytes(key, bytes, contentType, metadata);
    }

    @Override
    public byte[] getBytes(String key) {
      return target.getBytes(key);
    }

    @Override
    public URI uri(String key) {
      return target.uri(key);
    }

    @Override
    public void close() {
      target.close();
    }
  }

  /** A store whose every save fails, as a full disk or a denied bucket would. */
  static final class FailingStore extends ForwardingStore {
    FailingStore(GenerationStore target) {
      super(target);
    }

    @Override
    public StoredGeneration save(GenerationRecord record, List<ImageBlock> images) {
      throw new StorageException("blogs/x.json", "could not write blogs/x.json: disk on fire");
    }
  }
}
