package dev.genaiaws.storage;

import dev.genaiaws.core.ImageBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM for {@link FolderStoreCrossProcessTest}: writes into a folder store, one line of
 * outcome per save on stdout. {@code collide <root> <writer> <count> <goFile>}: prints {@code
 * READY}, waits for the go file, then {@code saveAs("k/<i>.json")} for every i, printing {@code OK
 * i} or {@code CONFLICT i}. {@code loop <root>}: saves records with two 256 KiB images until
 * killed, printing {@code SAVED key}.
 */
public final class FolderStoreWriterMain {
  private FolderStoreWriterMain() {}

  public static void main(String[] args) {
    FileGenerationStore store = FileGenerationStore.create(Path.of(args[1]));
    if (args[0].equals("collide")) {
      String writer = args[2];
      int count = Integer.parseInt(args[3]);
      Path go = Path.of(args[4]);
      System.out.println("READY");
      System.out.flush();
      while (!Files.exists(go)) {
        LockSupport.parkNanos(1_000_000L); // start together, to make the writers collide
      }
      for (int i = 0; i < count; i++) {
        try {
          store.saveAs(
              "k/" + i + ".json", GenerationStoreContractTest.sampleRecord(writer), List.of());
          System.out.println("OK " + i);
        } catch (StorageConflictException e) {
          System.out.println("CONFLICT " + i);
        }
      }
    } else {
      byte[] image = new byte[256 * 1024];
      for (int i = 0; ; i++) {
        Arrays.fill(image, (byte) i);
        StoredGeneration saved =
            store.save(
                GenerationStoreContractTest.sampleRecord("n" + i),
                List.of(ImageBlock.of(image, "image/png"), ImageBlock.of(image, "image/png")));
        System.out.println("SAVED " + saved.key());
        System.out.flush();
      }
    }
    System.out.flush();
  }
}
