package dev.genaiaws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder store across processes (issue #19 item 6): child JVMs ({@link FolderStoreWriterMain})
 * writing the same keys never overwrite one another, and a writer killed mid-save (SIGKILL on
 * POSIX) leaves no torn record.
 */
class FolderStoreCrossProcessTest {
  private static final int WRITERS = 3;
  private static final int KEYS = 40;

  @TempDir Path dir;

  private Process child(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                FolderStoreWriterMain.class.getName()));
    command.addAll(List.of(args));
    // stderr (SLF4J's start-up notes, any stack trace) goes to a file that failures quote
    return new ProcessBuilder(command)
        .redirectError(dir.resolve("stderr-" + System.nanoTime()).toFile())
        .start();
  }

  private String stderr() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("stderr-")).toList()) {
        all.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  @Test
  void saveAs_threeProcessesSameKeys_exactlyOneWinnerPerKeyAndItsContentIntact() throws Exception {
    Path root = dir.resolve("store");
    Path go = dir.resolve("go");
    List<Process> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      writers.add(
          child("collide", root.toString(), "writer-" + w, String.valueOf(KEYS), go.toString()));
    }
    List<BufferedReader> outs = new ArrayList<>();
    for (Process p : writers) {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine())
          .as("%s", stderr())
          .isEqualTo("READY"); // every JVM is up: they start together
      outs.add(out);
    }
    Files.createFile(go);
    Map<Integer, List<String>> winners = new HashMap<>();
    int conflicts = 0;
    for (int w = 0; w < WRITERS; w++) {
      Process p = writers.get(w);
      String out = outs.get(w).lines().collect(java.util.stream.Collectors.joining("\n"));
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("writer %d output:%n%s%s", w, out, stderr()).isZero();
      List<String> lines = out.lines().toList();
      assertThat(lines)
          .as("writer %d: one outcome per key, OK or CONFLICT only", w)
          .hasSize(KEYS)
          .allMatch(l -> l.matches("(OK|CONFLICT) \\d+"));
      for (String line : lines) {
        int key = Integer.parseInt(line.substring(line.indexOf(' ') + 1));
        if (line.startsWith("OK")) {
          winners.computeIfAbsent(key, k -> new ArrayList<>()).add("writer-" + w);
        } else {
          conflicts++;
        }
      }
    }
    assertThat(conflicts).isEqualTo(KEYS * (WRITERS - 1));
    System.out.println(
        "cross-process keys won per writer: "
            + winners.values().stream()
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        l -> l.get(0),
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
    try (FileGenerationStore store = FileGenerationStore.create(root)) {
      for (int i = 0; i < KEYS; i++) {
        assertThat(winners.get(i)).as("winners of key %d", i).hasSize(1);
        assertThat(store.load("k/" + i + ".json").outputText()).isEqualTo(winners.get(i).get(0));
      }
      assertThat(store.list("k/")).hasSize(KEYS);
    }
  }

  @Test
  void save_writerKilledMidSave_noTornRecordAndEveryVisibleRecordComplete() throws Exception {
    Path root = dir.resolve("crash");
    Process p = child("loop", root.toString());
    int saved = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (saved < 6 && (line = out.readLine()) != null) {
        assertThat(line).startsWith("SAVED ");
        saved++;
      }
      p.destroyForcibly(); // mid-way through the next save: images, temp files or the record
      // half done
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(saved).isEqualTo(6);
    try (FileGenerationStore store = FileGenerationStore.create(root);
        Stream<StoredObject> listed = store.list()) {
      List<StoredObject> records = listed.filter(o -> o.key().endsWith(".json")).toList();
      assertThat(records).hasSizeGreaterThanOrEqualTo(saved);
      for (StoredObject o : records) {
        GenerationRecord r = store.load(o.key()); // a torn JSON would fail here
        assertThat(r.images())
            .hasSize(2)
            .allSatisfy(i -> assertThat(store.getBytes(i.key())).hasSize(256 * 1024));
      }
    }
  }

  @Test
  void tempFileLeftByCrashBeforeLink_isHiddenAndTheKeyStaysFree() throws Exception {
    Path root = dir.resolve("torn");
    try (FileGenerationStore store = FileGenerationStore.create(root)) {
      store.saveAs("t/whole.json", GenerationStoreContractTest.sampleRecord("whole"), List.of());
      byte[] json = store.getBytes("t/whole.json");
      // what a crash between write and link leaves: a temp file, here torn halfway through the JSON
      Files.write(
          root.resolve("t/.genai-tmp-" + java.util.UUID.randomUUID()),
          java.util.Arrays.copyOf(json, json.length / 2));

      assertThat(store.list("t/").map(StoredObject::key).toList()).containsExactly("t/whole.json");
      assertThat(store.exists("t/next.json")).isFalse();
      store.saveAs("t/next.json", GenerationStoreContractTest.sampleRecord("next"), List.of());
      assertThat(store.load("t/next.json").outputText()).isEqualTo("next");
      assertThat(store.load("t/whole.json").outputText()).isEqualTo("whole");
    }
  }
}
