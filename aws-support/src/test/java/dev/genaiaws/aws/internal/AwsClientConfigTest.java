package dev.genaiaws.aws.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.GenAiClientException;
import org.junit.jupiter.api.Test;

class AwsClientConfigTest {
  /**
   * A class loader like the sync-only Lambda layer's: everything of the test class path except
   * Netty.
   */
  static final class WithoutNetty extends ClassLoader {
    WithoutNetty(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("software.amazon.awssdk.http.nio.netty.")
          || name.startsWith("io.netty.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void requireNetty_nettyOnTheClassPath_passes() {
    assertThatCode(() -> AwsClientConfig.requireNetty(AwsClientConfigTest.class.getClassLoader()))
        .doesNotThrowAnyException();
  }

  @Test
  void requireNetty_withoutNetty_failsSayingWhichLayerToAdd() {
    WithoutNetty loader = new WithoutNetty(AwsClientConfigTest.class.getClassLoader());
    assertThatThrownBy(() -> AwsClientConfig.requireNetty(loader))
        .isInstanceOf(GenAiClientException.class)
        .hasMessageContaining("streaming layer (genai-aws-streaming-layer.zip)")
        .hasMessageContaining("netty-nio-client")
        .hasCauseInstanceOf(ClassNotFoundException.class);
  }
}
