package dev.genaiaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.storage.InvalidStorageKeyException.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract against a temporary folder, plus what only a folder has (layout, sidecars,
 * escapes).
 */
class FileGenerationStoreTest extends GenerationStoreContractTest {
  @TempDir Path root;

  @Override
  protected void prepareBackend() {
    // @TempDir is fresh and empty for every test
  }

  @Override
  protected GenerationStore newStore(String prefix, Clock clock, KeyStrategy keyStrategy) {
    return FileGenerationStore.builder()
        .root(root)
        .prefix(prefix)
        .clock(clock)
        .keyStrategy(keyStrategy)
        .build();
  }

  @Override
  protected String rawContentType(String key) {
    return store.head(key).orElseThrow().contentType();
  }

  @Test
  void putText_key_isFileUnderRootWithSidecarHiddenFromListing() throws IOException {
    store.putText("a/b/c.md", "hello", "text/markdown; charset=utf-8");

    assertThat(Files.readString(root.resolve("a/b/c.md"), StandardCharsets.UTF_8))
        .isEqualTo("hello");
    try (Stream<Path> files = Files.list(root.resolve("a/b"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("c.md", ".genai-meta-c.md.properties");
    }
    assertThat(store.list("").map(StoredObject::key).toList()).containsExactly("a/b/c.md");
    assertThat(store.uri("a/b/c.md")).isEqualTo(root.resolve("a/b/c.md").toUri());
  }

  @Test
  void head_fileWrittenByHand_contentTypeDerivedFromExtension() throws IOException {
    Files.createDirectories(root.resolve("hand"));
    Files.write(root.resolve("hand/pic.png"), PNG);

    assertThat(store.head("hand/pic.png"))
        .get()
        .extracting(StoredObject::contentType)
        .isEqualTo("image/png");
    assertThat(store.head("hand")).isEmpty();
  }

  @Test
  void putText_reservedName_rejected() {
    assertThatThrownBy(() -> store.putText("a/.genai-meta-x.properties", "x"))
        .isInstanceOfSatisfying(
            InvalidStorageKeyException.class,
            e -> assertThat(e.rule()).isEqualTo(Rule.RESERVED_NAME));
  }

  @Test
  void putText_pathPartIsAnObject_failsExplainingTheFolderLimit() {
    store.putText("a", "object");

    assertThatThrownBy(() -> store.putText("a/b", "x"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("both 'a' and 'a/b'");
    assertThatThrownBy(() -> store.putText("a", "x")).isInstanceOf(StorageConflictException.class);
  }

  @Test
  void putText_existingFolderAsKey_failsWithoutClaimingConflict() {
    store.putText("dir/x.txt", "x");

    assertThatThrownBy(() -> store.putText("dir", "x"))
        .isInstanceOf(StorageException.class)
        .isNotInstanceOf(StorageConflictException.class)
        .hasMessageContaining("folder");
  }

  @Test
  void create_defaultRoot_isGenerationsInWorkingDirectory() {
    assertThat(FileGenerationStore.create().root())
        .isEqualTo(Path.of("generations").toAbsolutePath());
  }

  @Test
  void putBytes_noFsync_stillCreateOnly() {
    try (GenerationStore fast = FileGenerationStore.builder().root(root).fsync(false).build()) {
      fast.putText("f.txt", "one");

      assertThatThrownBy(() -> fast.putText("f.txt", "two"))
          .isInstanceOf(StorageConflictException.class);
      assertThat(fast.getText("f.txt")).isEqualTo("one");
    }
  }
}
