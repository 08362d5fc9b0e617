package dev.genaiaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.storage.InvalidStorageKeyException.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link GenerationStore} promises, run against S3 (S3Mock) and a folder alike.
 * A subclass supplies a fresh, empty store per test and a way to read an object's content type
 * without going through the store.
 */
abstract class GenerationStoreContractTest {
  static final Instant NOW = Instant.parse("2026-11-23T07:59:00.123Z");
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 4, 5, 6};

  protected GenerationStore store;

  /** Makes this test's empty bucket or folder; called before each test. */
  protected abstract void prepareBackend();

  /**
   * A store over this test's bucket/folder, generated keys under {@code prefix}, time from {@code
   * clock}, and the given key strategy ({@code null} for the default).
   */
  protected abstract GenerationStore newStore(String prefix, Clock clock, KeyStrategy keyStrategy);

  protected GenerationStore newStore(String prefix, Clock clock) {
    return newStore(prefix, clock, null);
  }

  /**
   * The content type as the backend holds it (raw S3 HeadObject, or the folder store's own API).
   */
  protected abstract String rawContentType(String key);

  /**
   * Whether the backend makes "create if absent" atomic between concurrent writers of one key (AWS
   * S3 and a folder do). Only the same-key race test asks.
   */
  protected boolean backendCreatesAtomically() {
    return true;
  }

  @BeforeEach
  void openStore() {
    prepareBackend();
    store = newStore("blogs", Clock.systemUTC());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static GenerationRecord sampleRecord(String output) {
    return GenerationRecord.builder()
        .modelId("anthropic.claude-3-haiku-20240307-v1:0")
        .system("You write short technical blogs.")
        .message(Role.USER, "Write 200 words on serverless GenAI — naïve café ✓")
        .message(Role.ASSISTANT, "Sure.")
        .message(Role.USER, "Go on.")
        .inferenceConfig(
            InferenceConfig.builder()
                .maxTokens(512)
                .temperature(0.5)
                .topP(0.9)
                .stopSequences("END")
                .seed(42L)
                .build())
        .imageConfig(
            ImageConfig.builder().size(1024, 768).count(2).seed(7L).negativePrompt("blur").build())
        .outputText(output)
        .stopReason(StopReason.STOP, "end_turn")
        .usage(TokenUsage.of(25, 310))
        .requestId("req-123")
        .latency(Duration.ofMillis(1234).plusNanos(567))
        .metadata(Map.of("topic", "serverless", "author", "blog-bot"))
        .build();
  }

  @Test
  void save_recordWithTextUsageMetadataAndTwoImages_loadEqualsSaved() {
    GenerationRecord record = sampleRecord("Serverless GenAI is … ünïcødé 🚀");
    List<ImageBlock> images =
        List.of(new ImageBlock(PNG, "image/png", 7L), ImageBlock.of(JPEG, "image/jpeg"));

    StoredGeneration saved = store.save(record, images);

    assertThat(saved.key()).startsWith("blogs/").endsWith(".json");
    assertThat(saved.imageKeys()).hasSize(2);
    assertThat(saved.imageKeys().get(0)).isEqualTo(saved.key().replace(".json", "-1.png"));
    assertThat(saved.imageKeys().get(1)).isEqualTo(saved.key().replace(".json", "-2.jpg"));
    assertThat(saved.record().createdAt()).isNotNull();
    assertThat(saved.record().images())
        .extracting(StoredImage::mediaType)
        .containsExactly("image/png", "image/jpeg");
    GenerationRecord loaded = store.load(saved.key());
    assertThat(loaded).isEqualTo(saved.record());
    assertThat(loaded.toBuilder().createdAt(null).images(List.of()).build()).isEqualTo(record);
    assertThat(store.getBytes(saved.imageKeys().get(0))).isEqualTo(PNG);
    assertThat(store.getBytes(saved.imageKeys().get(1))).isEqualTo(JPEG);
    assertThat(store.getText(saved.key())).contains("\"schemaVersion\" : 1").contains("ünïcødé 🚀");
  }

  @Test
  void save_record_objectMetadataCarriesSchemaModelAndLabels() {
    StoredGeneration saved =
        store.save(
            sampleRecord("x")
                .withMetadata(Map.of("Not-Lowercase", "skipped", "non-ascii", "café")));

    assertThat(store.head(saved.key()).orElseThrow().metadata())
        .containsEntry("genai-schema-version", "1")
        .containsEntry("genai-model-id", "anthropic.claude-3-haiku-20240307-v1:0")
        .containsEntry("topic", "serverless")
        .doesNotContainKeys("Not-Lowercase", "non-ascii");
    assertThat(store.load(saved.key()).metadata()).containsEntry("non-ascii", "café");
  }

  @Test
  void save_images_storedWithTheirContentType() {
    StoredGeneration saved =
        store.save(
            sampleRecord("x"),
            List.of(ImageBlock.of(PNG, "image/png"), ImageBlock.of(JPEG, "image/jpeg")));

    assertThat(rawContentType(saved.imageKeys().get(0))).isEqualTo("image/png");
    assertThat(rawContentType(saved.imageKeys().get(1))).isEqualTo("image/jpeg");
    assertThat(rawContentType(saved.key())).startsWith("application/json");
    assertThat(store.head(saved.imageKeys().get(0)))
        .get()
        .extracting(StoredObject::size)
        .isEqualTo((long) PNG.length);
  }

  @Test
  void save_fixedClock_keyIsDatePartitionedUnderPrefix() {
    store = newStore("blogs", Clock.fixed(NOW, ZoneOffset.UTC));

    StoredGeneration saved = store.save(sampleRecord("x"));

    assertThat(saved.key()).matches("blogs/2026/11/23/20261123T075900123Z-[0-9a-f]{12}\\.json");
    assertThat(saved.record().createdAt()).isEqualTo(NOW);
    assertThat(saved.uri().toString()).endsWith(saved.key());
  }

  @Test
  void saveAs_keyAlreadyExists_throwsConflictNamingKeyAndKeepsOriginal() {
    String key = "blogs/fixed/post.json";
    store.saveAs(key, sampleRecord("first"), List.of());

    assertThatThrownBy(() -> store.saveAs(key, sampleRecord("second"), List.of()))
        .isInstanceOf(StorageConflictException.class)
        .hasMessageContaining(key)
        .satisfies(e -> assertThat(((StorageException) e).key()).isEqualTo(key));

    assertThat(store.load(key).outputText()).isEqualTo("first");
  }

  @Test
  void saveAs_imageKeyAlreadyExists_throwsConflictAndLeavesNoRecord() {
    String key = "blogs/fixed/with-image.json";
    store.putBytes("blogs/fixed/with-image-1.png", PNG, "image/png");

    assertThatThrownBy(
            () -> store.saveAs(key, sampleRecord("x"), List.of(ImageBlock.of(JPEG, "image/png"))))
        .isInstanceOf(StorageConflictException.class)
        .hasMessageContaining("blogs/fixed/with-image-1.png");

    assertThat(store.exists(key)).isFalse();
    assertThat(store.getBytes("blogs/fixed/with-image-1.png")).isEqualTo(PNG);
  }

  @Test
  void putText_keyAlreadyExists_throwsConflictAndKeepsOriginal() {
    store.putText("notes/a.txt", "original");

    assertThatThrownBy(() -> store.putText("notes/a.txt", "replacement"))
        .isInstanceOf(StorageConflictException.class)
        .hasMessageContaining("notes/a.txt");
    assertThatThrownBy(
            () -> store.putBytes("notes/a.txt", new byte[] {1}, "application/octet-stream"))
        .isInstanceOf(StorageConflictException.class);

    assertThat(store.getText("notes/a.txt")).isEqualTo("original");
  }

  @Test
  void saveAs_sameKeyFrom16ThreadsAtOnce_oneWinsOthersConflictAndContentIsIntact()
      throws Exception {
    String key = "race/one.json";
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger conflicts = new AtomicInteger();
    ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      String text = "writer-" + t;
      tasks.add(
          () -> {
            start.await();
            try {
              store.saveAs(key, sampleRecord(text), List.of());
              winners.add(text);
            } catch (StorageConflictException e) {
              conflicts.incrementAndGet();
            }
            return null;
          });
    }
    runAll(tasks, start);

    assertThat(winners.size() + conflicts.get()).isEqualTo(16);
    if (backendCreatesAtomically()) {
      assertThat(winners).hasSize(1);
      assertThat(conflicts).hasValue(15);
    } else {
      assertThat(winners).isNotEmpty();
    }
    assertThat(winners).contains(store.load(key).outputText());
  }

  @Test
  void save_16ThreadsConcurrently_nothingLostAndEveryRecordIntact() throws Exception {
    store =
        newStore(
            "concurrent",
            Clock.fixed(NOW, ZoneOffset.UTC)); // same millisecond: only the id differs
    int threads = 16;
    int perThread = 8;
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<StoredGeneration> saved = new ConcurrentLinkedQueue<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(
          () -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
              String text = "thread " + thread + " item " + i;
              saved.add(
                  store.save(
                      sampleRecord(text).withMetadata(Map.of("n", thread + "/" + i)),
                      List.of(ImageBlock.of(PNG, "image/png"))));
            }
            return null;
          });
    }
    runAll(tasks, start);

    assertThat(saved).hasSize(threads * perThread);
    Set<String> keys = saved.stream().map(StoredGeneration::key).collect(Collectors.toSet());
    assertThat(keys).hasSize(threads * perThread);
    for (StoredGeneration s : saved) {
      GenerationRecord loaded = store.load(s.key());
      assertThat(loaded).isEqualTo(s.record());
      assertThat(loaded.outputText())
          .isEqualTo("thread " + loaded.metadata().get("n").replace("/", " item "));
      assertThat(store.getBytes(s.imageKeys().get(0))).isEqualTo(PNG);
    }
    try (Stream<StoredObject> listed = store.list("concurrent/")) {
      assertThat(listed.filter(o -> o.key().endsWith(".json")).map(StoredObject::key))
          .containsExactlyInAnyOrderElementsOf(keys);
    }
  }

  @Test
  void list_1500Objects_returnsAllAcrossPagesInKeyOrder() throws Exception {
    int count = 1500;
    List<String> keys =
        IntStream.range(0, count)
            .mapToObj(i -> String.format("many/%02d/item-%04d.txt", i % 7, i))
            .toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (String key : keys) {
        writes.add(pool.submit(() -> store.putText(key, key)));
      }
      for (Future<?> w : writes) {
        w.get();
      }
    } finally {
      pool.shutdown();
    }
    store.putText("manx.txt", "not under the prefix");

    List<StoredObject> listed;
    try (Stream<StoredObject> s = store.list("many/")) {
      listed = s.toList();
    }

    assertThat(listed).hasSize(count);
    assertThat(listed)
        .extracting(StoredObject::key)
        .containsExactlyElementsOf(keys.stream().sorted().toList());
    assertThat(listed).allSatisfy(o -> assertThat(o.size()).isEqualTo(o.key().length()));
    try (Stream<StoredObject> s = store.list("many/03/")) {
      assertThat(s.count()).isEqualTo(keys.stream().filter(k -> k.startsWith("many/03/")).count());
    }
    try (Stream<StoredObject> s = store.list("many/0")) {
      assertThat(s.limit(3).map(StoredObject::key).toList())
          .containsExactly(keys.stream().sorted().limit(3).toArray(String[]::new));
    }
  }

  @Test
  void list_noObjectsUnderPrefix_isEmpty() {
    store.putText("a/b.txt", "x");

    try (Stream<StoredObject> s = store.list("nothing/here/")) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void list_withoutArgument_listsTheStorePrefix() {
    StoredGeneration saved = store.save(sampleRecord("x"));
    store.putText("elsewhere/x.txt", "x");

    try (Stream<StoredObject> s = store.list()) {
      assertThat(s.map(StoredObject::key)).containsExactly(saved.key());
    }
  }

  static Stream<Arguments> badKeys() {
    return Stream.of(
        Arguments.of("", Rule.EMPTY),
        Arguments.of(null, Rule.EMPTY),
        Arguments.of("/absolute/key.json", Rule.LEADING_SLASH),
        Arguments.of("a//b.json", Rule.EMPTY_SEGMENT),
        Arguments.of("a/b/", Rule.EMPTY_SEGMENT),
        Arguments.of("a/./b.json", Rule.DOT_SEGMENT),
        Arguments.of("a/../../etc/passwd", Rule.DOT_SEGMENT),
        Arguments.of("..", Rule.DOT_SEGMENT),
        Arguments.of("a/b\u0000.json", Rule.CONTROL_CHARACTER),
        Arguments.of("a/b\n.json", Rule.CONTROL_CHARACTER),
        Arguments.of("a/b\u007f.json", Rule.CONTROL_CHARACTER),
        Arguments.of("a\\..\\b.json", Rule.BACKSLASH),
        Arguments.of("k/" + "x".repeat(1023), Rule.TOO_LONG),
        Arguments.of("k/" + "é".repeat(512), Rule.TOO_LONG));
  }

  @ParameterizedTest
  @MethodSource("badKeys")
  void everyOperation_invalidKey_rejectedNamingTheRuleBeforeAnyIo(String key, Rule rule) {
    List<Runnable> operations =
        List.of(
            () -> store.putText(key, "x"),
            () -> store.putBytes(key, new byte[] {1}, "application/octet-stream"),
            () -> store.getText(key),
            () -> store.getBytes(key),
            () -> store.load(key),
            () -> store.head(key),
            () -> store.delete(key),
            () -> store.saveAs(key, sampleRecord("x"), List.of()));
    for (Runnable op : operations) {
      assertThatThrownBy(op::run)
          .isInstanceOf(InvalidStorageKeyException.class)
          .hasMessageContaining("invalid storage key")
          .hasMessageContaining(rule.description())
          .satisfies(e -> assertThat(((InvalidStorageKeyException) e).rule()).isEqualTo(rule));
    }
    try (Stream<StoredObject> s = store.list("")) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void putText_keyOfExactly1024Utf8Bytes_accepted() {
    // a folder store limits one file name to 255 bytes: use segments of 200
    String segmented =
        IntStream.range(0, 5).mapToObj(i -> "s" + "x".repeat(198)).collect(Collectors.joining("/"))
            + "/"
            + "y".repeat(1024 - 5 * 200 - 4)
            + ".txt";
    assertThat(segmented.getBytes(StandardCharsets.UTF_8)).hasSize(1024);

    store.putText(segmented, "long key");

    assertThat(store.getText(segmented)).isEqualTo("long key");
  }

  @Test
  void load_missingKey_throwsNotFoundNamingKey() {
    assertThatThrownBy(() -> store.load("blogs/none.json"))
        .isInstanceOf(StorageNotFoundException.class)
        .hasMessageContaining("blogs/none.json");
    assertThatThrownBy(() -> store.getBytes("blogs/none.png"))
        .isInstanceOf(StorageNotFoundException.class);
    assertThat(store.head("blogs/none.json")).isEmpty();
    assertThat(store.exists("blogs/none.json")).isFalse();
  }

  @Test
  void load_objectThatIsNotARecord_throwsStorageExceptionSayingSo() {
    store.putText("notes/plain.json", "{\"hello\": 1}", "application/json");
    store.putText("notes/garbage.json", "not json at all");

    assertThatThrownBy(() -> store.load("notes/plain.json"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("not a generation record")
        .hasMessageContaining("schemaVersion");
    assertThatThrownBy(() -> store.load("notes/garbage.json"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("not a generation record");
  }

  @Test
  void putText_unicodeAndContentType_roundTripsAsUtf8WithMetadata() {
    String text = "# Blog\n\nÜber café — 日本語 🚀";
    store.putText("posts/blog.md", text, "text/markdown; charset=utf-8");
    store.putBytes(
        "posts/blob.bin",
        new byte[] {0, 1, 2},
        "application/octet-stream",
        Map.of("source", "test"));

    assertThat(store.getText("posts/blog.md")).isEqualTo(text);
    assertThat(store.getBytes("posts/blog.md")).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    // S3Mock drops the space before charset; AWS S3 and the folder keep the header as sent
    assertThat(rawContentType("posts/blog.md").replace(" ", ""))
        .isEqualTo("text/markdown;charset=utf-8");
    assertThat(store.head("posts/blob.bin"))
        .get()
        .satisfies(
            o -> {
              assertThat(o.size()).isEqualTo(3);
              assertThat(o.metadata()).containsEntry("source", "test");
              assertThat(o.lastModified()).isNotNull();
            });
  }

  @Test
  void delete_savedGeneration_removesRecordAndImagesAndKeyCanBeReused() {
    StoredGeneration saved =
        store.saveAs(
            "blogs/d/post.json", sampleRecord("x"), List.of(ImageBlock.of(PNG, "image/png")));

    store.delete(saved);

    assertThat(store.exists(saved.key())).isFalse();
    assertThat(store.exists(saved.imageKeys().get(0))).isFalse();
    store.delete("blogs/d/never-existed.json");
    assertThat(
            store
                .saveAs("blogs/d/post.json", sampleRecord("again"), List.of())
                .record()
                .outputText())
        .isEqualTo("again");
  }

  @Test
  void save_generatedKeyTaken_retriesWithANewKey() {
    AtomicInteger calls = new AtomicInteger();
    KeyStrategy collidingOnce = record -> calls.getAndIncrement() == 0 ? "taken.json" : "free.json";
    store.putText("k/taken.json", "occupied");
    GenerationStore withStrategy = newStore("k", Clock.systemUTC(), collidingOnce);

    StoredGeneration saved = withStrategy.save(sampleRecord("x"));

    assertThat(saved.key()).isEqualTo("k/free.json");
    assertThat(store.getText("k/taken.json")).isEqualTo("occupied");
  }

  private static void runAll(List<Callable<Void>> tasks, CountDownLatch start) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Void> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
