package dev.genaiaws.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.aws.internal.ClientSettings;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.InferenceConfig;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.UnsupportedParameterPolicy;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientBuilderBaseTest {
  /** The smallest client builder: what every client's builder inherits. */
  static final class GenBuilder extends GenerationClientBuilderBase<GenBuilder> {
    ClientSettings settings() {
      return clientSettings();
    }
  }

  static final class EmbedBuilder extends EmbeddingClientBuilderBase<EmbedBuilder> {
    int concurrency() {
      return maxConcurrencyLimit();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -5})
  void timeouts_notPositive_invalidRequestNamingTheSetting(long millis) {
    Duration d = Duration.ofMillis(millis);

    assertThatThrownBy(() -> new GenBuilder().callTimeout(d))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("callTimeout must be positive");
    assertThatThrownBy(() -> new EmbedBuilder().attemptTimeout(d))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("attemptTimeout must be positive");
  }

  @Test
  void nulls_whereAValueIsNeeded_invalidRequestNotNullPointer() {
    assertThatThrownBy(() -> new GenBuilder().retryPolicy(null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new GenBuilder().listener(null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new GenBuilder().listeners(null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new GenBuilder().unsupportedParameters(null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new EmbedBuilder().maxConcurrency(0))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("maxConcurrency");
  }

  @Test
  void settings_chainAndCarryOver() {
    GenerationListener listener = new GenerationListener() {};
    GenBuilder b =
        new GenBuilder()
            .callTimeout(Duration.ofSeconds(30))
            .attemptTimeout(Duration.ofSeconds(10))
            .retryPolicy(RetryPolicy.none())
            .listener(listener)
            .defaultInferenceConfig(c -> c.maxTokens(64))
            .unsupportedParameters(UnsupportedParameterPolicy.DROP);

    ClientSettings s = b.settings();

    assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.retryPolicy()).isSameAs(RetryPolicy.none());
    assertThat(s.listeners()).containsExactly(listener);
    assertThat(b.inferenceDefaults().maxTokens()).isEqualTo(64);
    assertThat(b.unsupportedParameterPolicy()).isEqualTo(UnsupportedParameterPolicy.DROP);
    assertThat(new EmbedBuilder().maxConcurrency(7).concurrency()).isEqualTo(7);
  }

  @Test
  void readTimeout_callTimeoutElseAttemptTimeoutElseOneHour() {
    assertThat(
            new GenBuilder()
                .callTimeout(Duration.ofSeconds(30))
                .attemptTimeout(Duration.ofSeconds(5))
                .settings()
                .awsConfig()
                .readTimeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(
            new GenBuilder()
                .attemptTimeout(Duration.ofSeconds(5))
                .settings()
                .awsConfig()
                .readTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(new GenBuilder().settings().awsConfig().readTimeout())
        .isEqualTo(AwsClientConfig.DEFAULT_READ_TIMEOUT);
  }

  @Test
  void listeners_replaceAndCopied() {
    GenerationListener a = new GenerationListener() {};
    GenerationListener b = new GenerationListener() {};
    GenBuilder builder = new GenBuilder().listener(a).listeners(List.of(b));

    ClientSettings s = builder.settings();
    builder.listener(a);

    assertThat(s.listeners()).containsExactly(b);
    assertThat(new GenBuilder().defaultInferenceConfig((InferenceConfig) null).inferenceDefaults())
        .isEqualTo(InferenceConfig.empty());
  }
}
