package dev.genaiaws.aws.internal;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One SDK client of an adapter: the injected one, used as it is and never closed, or one built on
 * first use and closed by {@link #close()}. Built on first use so that, say, a sync-only program
 * never starts Netty. Thread-safe. Internal.
 *
 * @param <C> the SDK client type
 */
public final class LazyClient<C extends SdkAutoCloseable> implements AutoCloseable {
  private final String owner;
  private final @Nullable C injected;
  private final Supplier<C> factory;
  private final boolean closeInBackground;
  private volatile @Nullable C built;
  private volatile boolean closed;

  private LazyClient(
      String owner, @Nullable C injected, Supplier<C> factory, boolean closeInBackground) {
    this.owner = owner;
    this.injected = injected;
    this.factory = factory;
    this.closeInBackground = closeInBackground;
  }

  /**
   * A client built on first use, or the caller's own.
   *
   * @param owner what to call the client in errors, e.g. {@code "Bedrock client"}
   * @param injected the caller's client, or {@code null} to build one with {@code factory} on first
   *     use
   */
  public static <C extends SdkAutoCloseable> LazyClient<C> of(
      String owner, @Nullable C injected, Supplier<C> factory) {
    return new LazyClient<>(owner, injected, factory, false);
  }

  /**
   * Like {@link #of}, for clients on the SDK's Netty HTTP client, whose {@code close()} blocks for
   * a 2 s graceful shutdown of its event loop. Its threads are daemons, so a built client is closed
   * on a background daemon thread: {@link #close()} returns at once and a program's exit is not
   * held up.
   */
  public static <C extends SdkAutoCloseable> LazyClient<C> ofNetty(
      String owner, @Nullable C injected, Supplier<C> factory) {
    return new LazyClient<>(owner, injected, factory, true);
  }

  /** The client, built now if this is its first use. */
  public C get() {
    checkOpen();
    if (injected != null) {
      return injected;
    }
    C c = built;
    if (c == null) {
      synchronized (this) {
        c = built;
        if (c == null) {
          checkOpen();
          c = factory.get();
          built = c;
        }
      }
    }
    return c;
  }

  /**
   * Builds the client now if it is to be built here (a client's {@code warmUp()}: at start-up, on
   * Lambda's boosted init CPU or before a SnapStart snapshot); an injected one is left as it is.
   * Sends nothing and resolves no credentials.
   *
   * @throws GenAiClientException when the SDK client cannot be built, e.g. no region is configured
   */
  public void warmUp() {
    try {
      get();
    } catch (GenAiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GenAiClientException(
          "the "
              + owner
              + " could not be built: "
              + e.getMessage()
              + " (set a region on the builder or in AWS_REGION)",
          e);
    }
  }

  /** Whether a client was built (not injected). */
  public boolean isBuilt() {
    return built != null;
  }

  private void checkOpen() {
    if (closed) {
      throw new GenAiClientException("this " + owner + " is closed: build a new one");
    }
  }

  /** Closes the client if it was built here; an injected one stays open. Idempotent. */
  @Override
  public void close() {
    C c;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      c = built;
    }
    if (c == null) {
      return;
    }
    if (closeInBackground) {
      Thread closer = new Thread(c::close, "genai-aws-async-close");
      closer.setDaemon(true);
      closer.start();
    } else {
      c.close();
    }
  }
}
