package dev.genaiaws.storage;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.storage.InvalidStorageKeyException.Rule;
import dev.genaiaws.storage.internal.MediaTypes;
import dev.genaiaws.storage.internal.StorageKeys;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GenerationStore} in a local folder (default {@code ./generations}): the embedded default
 * for a CLI, tests and development, with the same keys, JSON and guarantees as {@link
 * S3GenerationStore}.
 *
 * <pre>{@code
 * GenerationStore store = FileGenerationStore.create();                 // ./generations
 * GenerationStore store = FileGenerationStore.builder().root(Path.of("/data/blogs")).build();
 * }</pre>
 *
 * <p><b>Atomic, never overwriting.</b> Each object is written to a temporary file in its target
 * directory, flushed to disk, then hard-linked to its key's path: the link fails if the path
 * exists, so of two concurrent writers (threads or processes) of one key exactly one succeeds and
 * the other gets a {@link StorageConflictException}; a reader never sees a half-written file. On
 * file systems without hard links the store falls back to creating the file with {@code CREATE_NEW}
 * (still never overwriting, but a reader may see a partly written file while it is being written).
 *
 * <p><b>Layout.</b> A key {@code a/b/c.json} is the file {@code <root>/a/b/c.json}. Its content
 * type and user metadata live beside it in {@code .genai-meta-c.json.properties}; temporary files
 * are named {@code .genai-tmp-*}. Names starting with {@code .genai-} are reserved and hidden from
 * listings. Keys are validated as in S3 and can never resolve outside the root. One difference from
 * S3: a key cannot be both an object and a folder ({@code a} and {@code a/b}).
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class FileGenerationStore extends ObjectGenerationStore {
  private static final String RESERVED = ".genai-";
  private static final String META_PREFIX = ".genai-meta-";
  private static final String META_SUFFIX = ".properties";
  private static final String CONTENT_TYPE = "contentType";
  private static final String USER_META = "meta.";

  private final Path root;
  private final boolean fsync;

  private FileGenerationStore(Builder b) {
    super(b.prefix, b.keyStrategy, b.clock);
    this.root = b.root.toAbsolutePath().normalize();
    this.fsync = b.fsync;
  }

  /** A store in {@code ./generations}, created on first write. */
  public static FileGenerationStore create() {
    return builder().build();
  }

  /** A store in the given folder, created on first write. */
  public static FileGenerationStore create(Path root) {
    return builder().root(root).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The root folder, absolute. */
  public Path root() {
    return root;
  }

  @Override
  public URI putBytes(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
    Path target = resolve(key);
    if (bytes == null) {
      throw new InvalidRequestException("bytes must not be null (key '" + key + "')");
    }
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw new StorageException(
          key,
          "cannot write key '"
              + key
              + "': a part of its path is an object, not a"
              + " folder (a folder store cannot hold both 'a' and 'a/b')",
          e);
    } catch (IOException e) {
      throw io(key, "create the folder " + dir, e);
    }
    if (Files.isDirectory(target)) {
      throw new StorageException(
          key,
          "cannot write key '"
              + key
              + "': it is a folder in "
              + root
              + " (a folder store cannot hold both 'a' and 'a/b')");
    }
    Path temp = dir.resolve(RESERVED + "tmp-" + UUID.randomUUID());
    try {
      writeNew(temp, bytes);
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        throw new StorageConflictException(key, target.toUri().toString(), e);
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (e instanceof AccessDeniedException) {
          throw e;
        }
        writeNewFallback(key, target, bytes);
      }
      writeMeta(target, contentType, metadata);
      return target.toUri();
    } catch (IOException e) {
      throw io(key, "write " + target, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover .genai-tmp- file is hidden from listings and harmless
      }
    }
  }

  private void writeNewFallback(String key, Path target, byte[] bytes) throws IOException {
    try {
      writeNew(target, bytes);
    } catch (FileAlreadyExistsException e) {
      throw new StorageConflictException(key, target.toUri().toString(), e);
    }
  }

  private void writeNew(Path path, byte[] bytes) throws IOException {
    writeNew(path, bytes, fsync);
  }

  private static void writeNew(Path path, byte[] bytes, boolean fsync) throws IOException {
    try (FileChannel ch =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (fsync) {
        ch.force(true);
      }
    }
  }

  private void writeMeta(Path target, String contentType, Map<String, String> metadata)
      throws IOException {
    Properties p = new Properties();
    p.setProperty(CONTENT_TYPE, contentType == null ? MediaTypes.OCTET_STREAM : contentType);
    if (metadata != null) {
      metadata.forEach((k, v) -> p.setProperty(USER_META + k, v));
    }
    StringWriter text = new StringWriter();
    p.store(text, null);
    Path meta = metaPath(target);
    Path temp = target.getParent().resolve(RESERVED + "tmp-" + UUID.randomUUID());
    try {
      // not flushed: a sidecar lost or emptied by a crash only means the type is derived from the
      // extension
      writeNew(temp, text.toString().getBytes(StandardCharsets.UTF_8), false);
      Files.move(temp, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public byte[] getBytes(String key) {
    Path target = resolve(key);
    try {
      return Files.readAllBytes(target);
    } catch (NoSuchFileException e) {
      throw new StorageNotFoundException(key, target.toUri().toString(), e);
    } catch (IOException e) {
      if (Files.isDirectory(target)) {
        throw new StorageNotFoundException(key, target.toUri().toString(), e);
      }
      throw io(key, "read " + target, e);
    }
  }

  @Override
  public Optional<StoredObject> head(String key) {
    Path target = resolve(key);
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(target, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw io(key, "read the attributes of " + target, e);
    }
    if (!attrs.isRegularFile()) {
      return Optional.empty();
    }
    String contentType = MediaTypes.fromKey(key);
    Map<String, String> metadata = new LinkedHashMap<>();
    Path meta = metaPath(target);
    try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(r);
      contentType = p.getProperty(CONTENT_TYPE, contentType);
      for (String name : p.stringPropertyNames()) {
        if (name.startsWith(USER_META)) {
          metadata.put(name.substring(USER_META.length()), p.getProperty(name));
        }
      }
    } catch (NoSuchFileException e) {
      // written by hand or by a writer that stopped before its sidecar: the type comes from the
      // extension
    } catch (IOException e) {
      throw io(key, "read the metadata of " + target, e);
    }
    return Optional.of(
        new StoredObject(
            key,
            target.toUri(),
            attrs.size(),
            attrs.lastModifiedTime().toInstant(),
            contentType,
            metadata));
  }

  @Override
  public void delete(String key) {
    Path target = resolve(key);
    try {
      if (Files.isDirectory(target)) {
        return;
      }
      Files.deleteIfExists(target);
      Files.deleteIfExists(metaPath(target));
    } catch (IOException e) {
      throw io(key, "delete " + target, e);
    }
  }

  @Override
  public Stream<StoredObject> list(String prefix) {
    String p = StorageKeys.validatePrefix(prefix);
    checkReserved(p);
    int slash = p.lastIndexOf('/');
    String dirKey = slash < 0 ? "" : p.substring(0, slash);
    Path start = dirKey.isEmpty() ? root : root.resolve(dirKey);
    if (!Files.isDirectory(start)) {
      return Stream.empty();
    }
    Iterator<StoredObject> walk = new Walk(start, dirKey, p);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            walk, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  @Override
  public URI uri(String key) {
    return resolve(key).toUri();
  }

  /** Nothing to free: the store holds no open files between calls. */
  @Override
  public void close() {}

  private Path resolve(String key) {
    StorageKeys.validate(key);
    checkReserved(key);
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new InvalidStorageKeyException(key, Rule.DOT_SEGMENT, "it resolves outside " + root);
    }
    return path;
  }

  private static void checkReserved(String key) {
    for (String segment : key.split("/")) {
      if (segment.startsWith(RESERVED)) {
        throw new InvalidStorageKeyException(key, Rule.RESERVED_NAME, null);
      }
    }
  }

  private static Path metaPath(Path target) {
    return target.resolveSibling(META_PREFIX + target.getFileName() + META_SUFFIX);
  }

  private StorageException io(String key, String what, IOException e) {
    return new StorageException(key, "could not " + what + ": " + e, e, false);
  }

  @Override
  public String toString() {
    return "FileGenerationStore[" + root + (prefix().isEmpty() ? "" : ", prefix=" + prefix()) + "]";
  }

  /**
   * Depth-first walk in key order: each directory is read when reached and its entries sorted with
   * folders compared as {@code name/}, which gives the same order as sorting the full keys.
   */
  private final class Walk implements Iterator<StoredObject> {
    private final String prefix;
    private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
    private @Nullable StoredObject next;

    Walk(Path start, String startKey, String prefix) {
      this.prefix = prefix;
      stack.push(entries(start, startKey).iterator());
    }

    @Override
    public boolean hasNext() {
      while (next == null && !stack.isEmpty()) {
        Iterator<Entry> top = stack.peek();
        if (!top.hasNext()) {
          stack.pop();
          continue;
        }
        Entry e = top.next();
        if (e.dir) {
          String dirPrefix = e.key + "/";
          if (dirPrefix.startsWith(prefix) || prefix.startsWith(dirPrefix)) {
            stack.push(entries(e.path, e.key).iterator());
          }
        } else if (e.key.startsWith(prefix)) {
          next = toObject(e);
        }
      }
      return next != null;
    }

    @Override
    public StoredObject next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      StoredObject result = next;
      next = null;
      return result;
    }

    private @Nullable StoredObject toObject(Entry e) {
      try {
        BasicFileAttributes a = Files.readAttributes(e.path, BasicFileAttributes.class);
        return new StoredObject(
            e.key, e.path.toUri(), a.size(), a.lastModifiedTime().toInstant(), null, Map.of());
      } catch (NoSuchFileException gone) {
        return null; // deleted while listing
      } catch (IOException ex) {
        throw io(e.key, "list " + e.path, ex);
      }
    }

    private List<Entry> entries(Path dir, String dirKey) {
      List<Entry> out = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path child : ds) {
          String name = child.getFileName().toString();
          if (name.startsWith(RESERVED)) {
            continue;
          }
          boolean isDir = Files.isDirectory(child);
          String key = dirKey.isEmpty() ? name : dirKey + "/" + name;
          out.add(new Entry(child, key, isDir, isDir ? name + "/" : name));
        }
      } catch (NoSuchFileException gone) {
        return out;
      } catch (IOException e) {
        throw io(dirKey, "list " + dir, e);
      }
      out.sort(Comparator.comparing(Entry::sortKey));
      return out;
    }
  }

  private record Entry(Path path, String key, boolean dir, String sortKey) {}

  /** Builder for {@link FileGenerationStore}. */
  public static final class Builder {
    private Path root = Path.of("generations");
    private String prefix = "";
    private KeyStrategy keyStrategy;
    private Clock clock;
    private boolean fsync = true;

    private Builder() {}

    /** The folder (default {@code ./generations}); created on first write. */
    public Builder root(Path root) {
      this.root = root;
      return this;
    }

    /** The prefix of generated keys inside the folder (default none). */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * How generated keys look (default {@link KeyStrategy#datePartitioned(Clock)} with this store's
     * clock).
     */
    public Builder keyStrategy(KeyStrategy keyStrategy) {
      this.keyStrategy = keyStrategy;
      return this;
    }

    /** The clock for {@code createdAt} and generated keys (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Whether each file is flushed to disk before it becomes visible (default on: a crash never
     * leaves a visible, empty object). Turn off for throw-away folders where speed matters more.
     */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    public FileGenerationStore build() {
      return new FileGenerationStore(this);
    }
  }
}
