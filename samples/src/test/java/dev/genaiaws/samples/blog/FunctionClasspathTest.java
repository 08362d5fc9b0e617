package dev.genaiaws.samples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Lambda function's classes (everything in this package but the CLI, which its zip leaves out)
 * never refer to the testkit or picocli, so the function runs with neither on its classpath.
 */
class FunctionClasspathTest {

  @Test
  void functionClasses_referNeitherTestkitNorPicocli() throws IOException, URISyntaxException {
    Path dir =
        Path.of(BlogHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/genaiaws/samples/blog");
    List<Path> classes;
    try (Stream<Path> files = Files.list(dir)) {
      classes =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .filter(p -> !p.getFileName().toString().startsWith("BlogCli"))
              .toList();
    }

    assertThat(classes)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "BlogHandler.class",
            "BlogStreamHandler.class",
            "BlogFunction.class",
            "BlogWriter.class");
    for (Path c : classes) {
      String constants = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
      assertThat(constants)
          .as(c.getFileName().toString())
          .doesNotContain("dev/genaiaws/testkit")
          .doesNotContain("picocli");
    }
  }
}
