import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites Lambda layer zips so that every jar inside holds its entries stored (uncompressed) and the layer zip
 * deflates each jar as a whole: one deflate stream over a jar's raw classes finds the redundancy between them
 * that the jar's per-class compression cannot, so the layer zip shrinks by about a third; the unzipped layer
 * grows by about 2.8x (see docs/lambda.md). The jars' contents (names, bytes, times, order) are unchanged.
 * Build tool of the lambda-layer module, run by exec-maven-plugin after the assembly:
 * {@code java StoreJars.java <layer.zip>...}.
 */
public final class StoreJars {
  private StoreJars() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: java StoreJars.java <layer.zip>...");
    }
    for (String arg : args) {
      Path zip = Path.of(arg);
      long before = Files.size(zip);
      Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
      int jars = 0;
      try (ZipFile in = new ZipFile(zip.toFile());
          ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
        out.setLevel(Deflater.BEST_COMPRESSION);
        Enumeration<? extends ZipEntry> entries = in.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          ZipEntry copy = new ZipEntry(e.getName());
          copy.setTime(e.getTime());
          out.putNextEntry(copy);
          try (InputStream data = in.getInputStream(e)) {
            if (e.getName().endsWith(".jar")) {
              storeEntries(data, out);
              jars++;
            } else {
              data.transferTo(out);
            }
          }
          out.closeEntry();
        }
      }
      Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf("StoreJars: %s: %d jars stored, %,d -> %,d bytes%n", zip.getFileName(), jars, before,
          Files.size(zip));
    }
  }

  /** Copies a jar with every entry stored, keeping names, times, comments and order. */
  private static void storeEntries(InputStream jar, OutputStream target) throws IOException {
    ZipInputStream in = new ZipInputStream(jar);
    ZipOutputStream out = new ZipOutputStream(target); // finished, never closed: the layer's entry goes on
    ZipEntry e;
    while ((e = in.getNextEntry()) != null) {
      byte[] bytes = in.readAllBytes();
      CRC32 crc = new CRC32();
      crc.update(bytes);
      ZipEntry stored = new ZipEntry(e.getName());
      stored.setMethod(ZipEntry.STORED);
      stored.setSize(bytes.length);
      stored.setCompressedSize(bytes.length);
      stored.setCrc(crc.getValue());
      stored.setTime(e.getTime());
      if (e.getComment() != null) {
        stored.setComment(e.getComment());
      }
      if (e.getExtra() != null) {
        stored.setExtra(e.getExtra());
      }
      out.putNextEntry(stored);
      out.write(bytes);
      out.closeEntry();
    }
    out.finish();
  }
}
