package dev.genaiaws.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles every {@code ```java} snippet of the README and of {@code docs/} against the project's
 * classes, so that a renamed type or method cannot leave a guide behind. A snippet is compiled as
 * it is shown: its imports, then either its own types or its statements as the body of a method.
 * Variables a snippet uses but does not make are named in a first comment line, {@code // given:
 * GenerationClient client, ...}, which the reader sees too.
 */
class DocSnippetsTest {
  private static final Pattern BLOCK = Pattern.compile("(?ms)^```java\\s*\\n(.*?)^```");
  private static final Pattern GIVEN = Pattern.compile("(?m)^\\s*// given: (.+)$");
  // a snippet that declares a class, interface or enum (or a public type) is compiled as it is;
  // records without
  // a modifier stay in the method body as local records, so a snippet can declare one and use it
  private static final Pattern TYPE =
      Pattern.compile(
          "(?m)^(public\\s+(final\\s+)?(class|record|interface|enum)|(final\\s+)?(class|interface|enum))\\s");

  record Snippet(Path file, int index, String code) {}

  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs"))) {
      p = p.getParent();
    }
    assertThat(p).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
    return p;
  }

  static List<Snippet> snippets() throws IOException {
    Path root = root();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Snippet> out = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
      int i = 0;
      while (m.find()) {
        out.add(new Snippet(root.relativize(page), ++i, m.group(1)));
      }
    }
    return out;
  }

  /** The snippet as a compilation unit named {@code className}. */
  static String unit(Snippet s, String className) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : s.code().split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.append(line).append('\n');
      } else {
        body.append(line).append('\n');
      }
    }
    if (TYPE.matcher(body).find()) {
      return imports
          + "\nclass "
          + className
          + " {}\n"
          + body.toString()
              .replace("public class ", "class ")
              .replace("public final class ", "final class ")
              .replace("public record ", "record ");
    }
    Matcher given = GIVEN.matcher(body);
    String parameters = given.find() ? given.group(1).strip().replaceAll("[.;]$", "") : "";
    return imports
        + "\nclass "
        + className
        + " {\n  @SuppressWarnings(\"unused\")\n  void snippet("
        + parameters
        + ") throws Exception {\n"
        + body
        + "\n  }\n}\n";
  }

  private static String classPath() throws IOException {
    String cp = System.getProperty("java.class.path");
    String[] entries = cp.split(java.io.File.pathSeparator);
    if (entries.length == 1 && entries[0].endsWith(".jar")) {
      // surefire's manifest-only jar: the real class path is in its manifest
      try (JarFile jar = new JarFile(entries[0])) {
        Manifest mf = jar.getManifest();
        String classPath = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
        if (classPath != null) {
          List<String> paths = new ArrayList<>();
          for (String url : classPath.trim().split("\\s+")) {
            paths.add(Path.of(URI.create(url)).toString());
          }
          return String.join(java.io.File.pathSeparator, paths);
        }
      }
    }
    return cp;
  }

  @Test
  void everyJavaSnippetInTheDocsCompiles() throws IOException {
    List<Snippet> snippets = snippets();
    assertThat(snippets).hasSizeGreaterThan(25);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("doc-snippets");
    String cp = classPath();
    List<String> failures = new ArrayList<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      for (Snippet s : snippets) {
        String name =
            "Snippet_" + s.file().toString().replaceAll("[^A-Za-z0-9]", "_") + "_" + s.index();
        String source = unit(s, name);
        JavaFileObject file =
            new SimpleJavaFileObject(
                URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
              @Override
              public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
              }
            };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        boolean ok =
            javac
                .getTask(
                    log,
                    files,
                    diagnostics,
                    List.of(
                        "-classpath", cp, "-d", out.toString(), "-proc:none", "-encoding", "UTF-8"),
                    null,
                    List.of(file))
                .call();
        if (!ok) {
          StringBuilder why = new StringBuilder(s.file() + " snippet " + s.index() + ":");
          diagnostics
              .getDiagnostics()
              .forEach(
                  d ->
                      why.append("\n    line ")
                          .append(d.getLineNumber())
                          .append(": ")
                          .append(d.getMessage(null)));
          failures.add(why.toString());
        }
      }
    }
    assertThat(failures).as("doc snippets that do not compile").isEmpty();
  }

  @Test
  void everySnippetShowsItsImports() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Snippet s : snippets()) {
      if (!s.code().contains("import ")) {
        missing.add(s.file() + " snippet " + s.index());
      }
    }
    assertThat(missing).as("snippets without imports").isEmpty();
  }

  @Test
  void gettingStartedProgram_isTheOneTheIntegrationTestRuns() throws IOException {
    Path root = root();
    String program =
        Files.readString(
            root.resolve("samples/src/it/getting-started/src/main/java/GettingStarted.java"),
            StandardCharsets.UTF_8);
    assertThat(snippets())
        .as("docs/getting-started.md shows src/it/getting-started's program, as it is")
        .anyMatch(
            s -> s.file().equals(Path.of("docs/getting-started.md")) && s.code().equals(program));
  }
}
