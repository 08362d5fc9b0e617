package dev.genaiaws.samples.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image sample's main logic offline: the embedded emulator and a temporary folder. */
class ImageSampleTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return ImageSample.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<Path> printedPaths() {
    return out.toString(StandardCharsets.UTF_8).lines().map(Path::of).toList();
  }

  @Test
  void run_titanTwoImages_writesTwoPngsOfTheSizeAndPrintsTheirPaths() throws IOException {
    Path folder = dir.resolve("new-folder");

    int code =
        run(
            "--out",
            folder.toString(),
            "--count",
            "2",
            "--size",
            "512x512",
            "--seed",
            "7",
            "a lighthouse at dawn, watercolour");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<Path> paths = printedPaths();
    assertThat(paths).hasSize(2);
    try (var files = Files.list(folder)) {
      assertThat(files.toList()).containsExactlyInAnyOrderElementsOf(paths);
    }
    for (Path p : paths) {
      assertThat(p.getFileName().toString())
          .matches("a-lighthouse-at-dawn-watercolour-\\d+-[12]\\.png");
      byte[] bytes = Files.readAllBytes(p);
      assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
      BufferedImage image = ImageIO.read(p.toFile());
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isEqualTo(512);
      assertThat(image.getHeight()).isEqualTo(512);
    }
    assertThat(paths.get(0).getFileName().toString())
        .startsWith("a-lighthouse-at-dawn-watercolour-7-");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Offline: the images below come from the local" + " Bedrock emulator")
        .contains("Saved 2 image(s)");
  }

  @Test
  void run_sameArgumentsTwice_keepsTheFirstFilesAndWritesNewOnes() throws IOException {
    String[] args = {"--out", dir.toString(), "--size", "512x512", "--seed", "3", "a red bicycle"};
    assertThat(run(args)).isZero();
    Path first = printedPaths().get(0);
    byte[] firstBytes = Files.readAllBytes(first);

    assertThat(run(args)).isZero();

    Path second = printedPaths().get(0);
    assertThat(second).isNotEqualTo(first);
    assertThat(Files.readAllBytes(first)).isEqualTo(firstBytes);
    assertThat(Files.readAllBytes(second)).isEqualTo(firstBytes);
  }

  @Test
  void run_novaCanvas_writesPng() throws IOException {
    int code =
        run(
            "--out",
            dir.toString(),
            "--model",
            ImageSample.NOVA_CANVAS,
            "--size",
            "320x320",
            "--count",
            "3",
            "a mountain lake");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<Path> paths = printedPaths();
    assertThat(paths).hasSize(3);
    for (Path p : paths) {
      BufferedImage image = ImageIO.read(p.toFile());
      assertThat(image.getWidth()).isEqualTo(320);
      assertThat(image.getHeight()).isEqualTo(320);
    }
  }

  @Test
  void run_malformedSize_exitsTwoAndWritesNothing() throws IOException {
    int code = run("--out", dir.resolve("x").toString(), "--size", "big", "a cat");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--size must be WIDTHxHEIGHT");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }

  @Test
  void run_sizeTheModelDoesNotDraw_exitsTwoNamingIt() {
    int code = run("--out", dir.toString(), "--size", "100x100", "a cat");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("images: ").contains("100");
  }

  @Test
  void slug_promptWithPunctuationAndNonAscii_isAsciiDashes() {
    assertThat(ImageSample.slug("Café au lait, 東京!")).isEqualTo("caf-au-lait");
    assertThat(ImageSample.slug("東京")).isEqualTo("image");
  }
}
