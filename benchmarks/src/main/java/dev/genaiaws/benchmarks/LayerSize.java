package dev.genaiaws.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Lambda layer sizes: a layer zip ({@code java/lib/*.jar}) as built, or built here from resolved jars. */
final class LayerSize {
  record Row(String label, String source, int jars, long zipBytes, long unzippedBytes, List<String> biggest) {}

  private LayerSize() {}

  /** Measures an existing layer zip. */
  static Row ofZip(String label, Path zip) throws IOException {
    long unzipped = 0;
    int jars = 0;
    List<long[]> sizes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        unzipped += e.getSize();
        if (e.getName().endsWith(".jar")) {
          jars++;
          names.add(e.getName().substring(e.getName().lastIndexOf('/') + 1));
          sizes.add(new long[] {e.getSize(), names.size() - 1});
        }
      }
    }
    sizes.sort((a, b) -> Long.compare(b[0], a[0]));
    List<String> biggest = new ArrayList<>();
    for (int i = 0; i < Math.min(5, sizes.size()); i++) {
      biggest.add(names.get((int) sizes.get(i)[1]) + " (" + Report.kb(sizes.get(i)[0]) + ")");
    }
    return new Row(label, zip.toString(), jars, Files.size(zip), unzipped, biggest);
  }

  /** Zips the jars as a layer ({@code java/lib/<jar>}) into {@code out} and measures it. */
  static Row ofJars(String label, String source, List<Path> jars, Path out) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    Files.createDirectories(out.getParent());
    try (OutputStream os = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(os)) {
      for (Path jar : jars) {
        String name = jar.getFileName().toString();
        if (!seen.add(name)) {
          continue;
        }
        zip.putNextEntry(new ZipEntry("java/lib/" + name));
        Files.copy(jar, zip);
        zip.closeEntry();
      }
    }
    Row measured = ofZip(label, out);
    return new Row(label, source, measured.jars(), measured.zipBytes(), measured.unzippedBytes(), measured.biggest());
  }

  /** Jars of a class path string, in order, without duplicates; directories are skipped. */
  static List<Path> jars(String... classpaths) {
    Set<Path> result = new LinkedHashSet<>();
    for (String cp : classpaths) {
      for (String e : cp.strip().split(java.io.File.pathSeparator)) {
        if (e.endsWith(".jar")) {
          result.add(Path.of(e));
        }
      }
    }
    return new ArrayList<>(result);
  }
}
