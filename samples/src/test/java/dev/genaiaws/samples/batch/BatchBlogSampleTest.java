package dev.genaiaws.samples.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The batch blog sample offline: the emulator runs the job, S3Mock holds input and output. */
class BatchBlogSampleTest {
  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withInitialBuckets("blogs")
          .build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return BatchBlogSample.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void offline_writesAPostPerTopic_joinedToItsTopic_withProgress(@TempDir Path dir)
      throws Exception {
    Path topics = dir.resolve("topics.txt");
    Files.writeString(
        topics,
        "# topics\nServerless GenAI\n\nCold starts on Lambda\nS3 lifecycle rules\n",
        StandardCharsets.UTF_8);
    Path posts = dir.resolve("posts");

    int code =
        run(
            "--topics",
            topics.toString(),
            "--bucket",
            "blogs",
            "--out",
            posts.toString(),
            "--s3-endpoint",
            "http://127.0.0.1:" + S3_MOCK.getHttpPort());

    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(stderr).isZero();
    assertThat(stderr)
        .contains("Offline", "Submitted 3 topics", "InProgress", "Completed", "Wrote 3 posts");
    try (Stream<Path> files = Files.list(posts)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(
              "0001-serverless-genai.md",
              "0002-cold-starts-on-lambda.md",
              "0003-s3-lifecycle-rules.md");
    }
    assertThat(
            Files.readString(
                posts.resolve("0002-cold-starts-on-lambda.md"), StandardCharsets.UTF_8))
        .isNotBlank();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3);
    try (S3Client s3 = S3_MOCK.createS3ClientV2()) {
      List<String> keys =
          s3.listObjectsV2(b -> b.bucket("blogs").prefix("batch-blogs/")).contents().stream()
              .map(o -> o.key())
              .toList();
      assertThat(keys)
          .anyMatch(k -> k.endsWith("/part-00001.jsonl"))
          .anyMatch(k -> k.endsWith("manifest.json.out"));
    }
  }

  @Test
  void offline_withoutLocalS3_isAUsageError(@TempDir Path dir) throws Exception {
    Path topics = dir.resolve("topics.txt");
    Files.writeString(topics, "one\n", StandardCharsets.UTF_8);
    assertThat(run("--topics", topics.toString(), "--bucket", "b")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--s3-endpoint");
    assertThat(BatchBlogSample.slug("Cold starts, on Lambda!")).isEqualTo("cold-starts-on-lambda");
  }
}
