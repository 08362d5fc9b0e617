package dev.genaiaws.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.GenAiClientException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class LazyClientTest {
  /** A client that counts how often it was closed. */
  static final class Counted implements SdkAutoCloseable {
    final AtomicInteger closes = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void close() {
      closes.incrementAndGet();
      closed.countDown();
    }
  }

  /** A factory of new clients that counts its builds in {@code builds}. */
  private static Supplier<Counted> counting(AtomicInteger builds) {
    return () -> {
      builds.incrementAndGet();
      return new Counted();
    };
  }

  @Test
  void get_noInjectedClient_buildsOnceOnFirstUse() {
    AtomicInteger builds = new AtomicInteger();
    LazyClient<Counted> lazy = LazyClient.of("test client", null, counting(builds));
    assertThat(lazy.isBuilt()).isFalse();
    assertThat(builds).hasValue(0);

    Counted first = lazy.get();
    assertThat(lazy.get()).isSameAs(first);
    assertThat(builds).hasValue(1);
    lazy.close();
    lazy.close();
    assertThat(first.closes).hasValue(1);
  }

  @Test
  void close_injectedClient_leftOpenAndUseRefused() {
    Counted injected = new Counted();
    LazyClient<Counted> lazy = LazyClient.of("test client", injected, Counted::new);
    assertThat(lazy.get()).isSameAs(injected);
    lazy.close();

    assertThat(injected.closes).hasValue(0);
    assertThatThrownBy(lazy::get)
        .isInstanceOf(GenAiClientException.class)
        .hasMessage("this test client is closed: build a new one");
  }

  @Test
  void close_nettyClient_closedOnBackgroundThread() throws InterruptedException {
    LazyClient<Counted> lazy = LazyClient.ofNetty("test client", null, Counted::new);
    Counted built = lazy.get();
    lazy.close();
    assertThat(built.closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(built.closes).hasValue(1);
  }

  @Test
  void close_neverBuilt_buildsNothing() {
    AtomicInteger builds = new AtomicInteger();
    LazyClient<Counted> lazy = LazyClient.ofNetty("test client", null, counting(builds));
    lazy.close();
    assertThat(builds).hasValue(0);
  }

  @Test
  void warmUp_buildsOnce_andSaysWhatToDoWhenTheClientCannotBeBuilt() {
    AtomicInteger builds = new AtomicInteger();
    LazyClient<Counted> lazy = LazyClient.of("test client", null, counting(builds));
    lazy.warmUp();
    lazy.warmUp();
    assertThat(lazy.isBuilt()).isTrue();
    assertThat(builds).hasValue(1);

    LazyClient<Counted> noRegion =
        LazyClient.of(
            "test client",
            null,
            () -> {
              throw new IllegalStateException("Unable to load region");
            });
    assertThatThrownBy(noRegion::warmUp)
        .isInstanceOf(GenAiClientException.class)
        .hasMessageContaining("the test client could not be built: Unable to load region")
        .hasMessageContaining("AWS_REGION")
        .hasCauseInstanceOf(IllegalStateException.class);

    LazyClient<Counted> injected = LazyClient.of("test client", new Counted(), Counted::new);
    injected.warmUp();
    assertThat(injected.isBuilt()).isFalse();
  }
}
