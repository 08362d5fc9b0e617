package dev.genaiaws.samples.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.Role;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.samples.blog.BlogCli;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.storage.GenerationRecord;
import dev.genaiaws.storage.StoredGeneration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history sample against a local folder store: records saved here, and a post the blog CLI
 * wrote.
 */
class HistorySampleTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return HistorySample.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private StoredGeneration save(String model, String text, Instant at, int in, int outTokens) {
    FileGenerationStore store =
        FileGenerationStore.builder()
            .root(dir)
            .prefix("blogs")
            .clock(Clock.fixed(at, ZoneOffset.UTC))
            .build();
    GenerationRecord record =
        GenerationRecord.builder()
            .modelId(model)
            .message(Role.USER, "prompt")
            .outputText(text)
            .usage(TokenUsage.of(in, outTokens))
            .build();
    return store.save(record);
  }

  @Test
  void run_threeRecords_listsThemNewestFirstWithModelDateAndUsage() {
    StoredGeneration oldest =
        save("meta.llama3-8b-instruct-v1:0", "one", Instant.parse("2026-11-21T10:00:00Z"), 5, 50);
    StoredGeneration newest =
        save(
            "anthropic.claude-3-haiku-20240307-v1:0",
            "three",
            Instant.parse("2026-11-23T08:30:00Z"),
            7,
            70);
    StoredGeneration middle =
        save("amazon.nova-lite-v1:0", "two", Instant.parse("2026-11-22T09:15:00Z"), 6, 60);

    int code = run("--dir", dir.toString());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(lines())
        .containsExactly(
            newest.key()
                + "  2026-11-23 08:30:00Z  anthropic.claude-3-haiku-20240307-v1:0  7/70 tokens",
            middle.key() + "  2026-11-22 09:15:00Z  amazon.nova-lite-v1:0  6/60 tokens",
            oldest.key() + "  2026-11-21 10:00:00Z  meta.llama3-8b-instruct-v1:0  5/50 tokens");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 of 3 record(s)");
  }

  @Test
  void run_limitAndPrefix_listOnlyThose() {
    save("m.a-v1", "one", Instant.parse("2026-11-21T10:00:00Z"), 1, 1);
    StoredGeneration newest = save("m.b-v1", "two", Instant.parse("2026-11-22T10:00:00Z"), 1, 1);

    assertThat(run("--dir", dir.toString(), "--limit", "1")).isZero();
    assertThat(lines()).hasSize(1).first().asString().startsWith(newest.key());

    assertThat(run("--dir", dir.toString(), "--prefix", "blogs/2026/11/21/")).isZero();
    assertThat(lines()).hasSize(1).first().asString().contains("m.a-v1");
  }

  @Test
  void run_recordWithImagesAndStrayFiles_countsImagesAndSkipsTheRest() throws Exception {
    FileGenerationStore store = FileGenerationStore.builder().root(dir).build();
    byte[] png =
        java.util.Base64.getDecoder()
            .decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    StoredGeneration saved =
        store.save(
            GenerationRecord.builder()
                .modelId("amazon.titan-image-generator-v2:0")
                .message(Role.USER, "a dot")
                .outputText("")
                .usage(TokenUsage.none())
                .build(),
            List.of(ImageBlock.of(png, "image/png")));
    Files.writeString(dir.resolve("notes.json"), "{\"not\":\"a record\"}", StandardCharsets.UTF_8);

    assertThat(run("--dir", dir.toString())).isZero();

    assertThat(lines())
        .singleElement()
        .asString()
        .startsWith(saved.key())
        .endsWith("0/0 tokens  1 image(s)");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("(skipped notes.json: ");
  }

  @Test
  void run_showKeyOfAPostTheBlogCliWrote_printsTheSameText() {
    ByteArrayOutputStream blogOut = new ByteArrayOutputStream();
    int blog =
        BlogCli.run(
            new String[] {"--out", dir.toString(), "Serverless GenAI on AWS"},
            new PrintStream(blogOut, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(blog).isZero();
    assertThat(run("--dir", dir.toString())).isZero();
    String key = lines().get(0).split("  ")[0];
    assertThat(key).startsWith("blogs/").endsWith(".json");

    int code = run("--dir", dir.toString(), "--show", key);

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(blogOut.toString(StandardCharsets.UTF_8).strip());
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(key).contains("stop: ");
  }

  @Test
  void run_showUnknownKey_exitsTwo() {
    save("m.a-v1", "one", Instant.parse("2026-11-21T10:00:00Z"), 1, 1);

    assertThat(run("--dir", dir.toString(), "--show", "blogs/nope.json")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no generation under 'blogs/nope.json'");
  }

  @Test
  void run_folderMissing_saysSoAndExitsZero() {
    assertThat(run("--dir", dir.resolve("none").toString())).isZero();
    assertThat(lines()).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("No generations yet");
  }

  @Test
  void show_keyOutsideTheStore_isAUsageError() throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);

    assertThat(run("--dir", dir.toString(), "--show", "../x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).split("history: ", -1)).hasSize(2);
  }
}
