package dev.genaiaws.samples.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ask} sample offline: a folder indexed into the emulator, questions answered with
 * citations.
 */
class RagCliTest {
  @TempDir Path docs;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        RagCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void folder_isIndexed_andQuestionsAreAnsweredWithCitations() throws IOException {
    Files.writeString(
        docs.resolve("atlas.txt"),
        "The Atlas pump moves 40 litres per minute. It was released in"
            + " 2019 and costs 300 euros.");
    Files.writeString(
        docs.resolve("atlas.txt.metadata.json"),
        "{\"metadataAttributes\":{\"category\":\"pump\"}}");
    Files.writeString(docs.resolve("dawn.txt"), "The Dawn lamp wakes you with a slow sunrise.");
    Run r =
        run(
            "--dir",
            docs.toString(),
            "How much does the Atlas pump cost?",
            "When was it released?");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Q: How much does the Atlas pump cost?")
        .contains("300 euros")
        .contains("s3://local-docs/atlas.txt")
        .contains("Q: When was it released?")
        .contains("2019");
    assertThat(r.err()).contains("Offline").contains("2 scanned, 2 indexed");
  }

  @Test
  void withoutDir_usesTheBundledTexts() {
    Run r = run("What makes Lambda cold starts slow?");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("lambda-cold-starts.txt");
  }

  @Test
  void usageErrors_exit2() {
    assertThat(run("--aws", "question?").code()).isEqualTo(2);
    assertThat(run("--dir", "/no/such/folder", "question?").code()).isEqualTo(2);
    assertThat(run(" ").code()).isEqualTo(2);
  }
}
