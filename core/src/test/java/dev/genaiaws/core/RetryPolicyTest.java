package dev.genaiaws.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.ServiceErrorDetails;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final ServiceErrorDetails D = new ServiceErrorDetails(503, "x", null, "t");

  @Test
  void delayBeforeRetry_equalJitter_boundedByHalfAndFullExponential() {
    RetryPolicy p = RetryPolicy.builder().baseDelay(Duration.ofMillis(100)).build();
    ServiceUnavailableException e = new ServiceUnavailableException("x", D, null);
    assertThat(p.delayBeforeRetry(1, e, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(p.delayBeforeRetry(1, e, 1.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delayBeforeRetry(3, e, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delayBeforeRetry(3, e, 1.0)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void delayBeforeRetry_throttling_usesLongerBase() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.delayBeforeRetry(1, new ThrottlingException("x", D, null), 1.0))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delayBeforeRetry(1, new ServiceUnavailableException("x", D, null), 1.0))
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void delayBeforeRetry_manyRetries_cappedAtMaxDelay() {
    RetryPolicy p = RetryPolicy.builder().maxDelay(Duration.ofSeconds(3)).build();
    assertThat(p.delayBeforeRetry(40, new ThrottlingException("x", D, null), 1.0))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void builder_invalidValues_rejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .hasMessage("maxAttempts must be in [1, 20] but was 0");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofMillis(-1)).build())
        .hasMessageContaining("baseDelay must be >= 0");
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.defaults().toBuilder().maxAttempts(5).build().maxAttempts())
        .isEqualTo(5);
  }
}
