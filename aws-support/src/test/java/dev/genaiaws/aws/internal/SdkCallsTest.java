package dev.genaiaws.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SdkCallsTest {
  private static GenAiException map(Throwable e) {
    return new GenAiClientException("mapped: " + SdkErrors.unwrap(e).getMessage(), e);
  }

  @Test
  void async_answer_converted() {
    CompletableFuture<String> r =
        SdkCalls.async(
                () -> CompletableFuture.completedFuture("ok"), String::length, SdkCallsTest::map)
            .thenApply(Object::toString);
    assertThat(r.join()).isEqualTo("2");
  }

  @Test
  void async_startFailsOrCallFailsOrConversionFails_allMapped() {
    CompletableFuture<Integer> notStarted =
        SdkCalls.async(
            () -> {
              throw new IllegalStateException("no client");
            },
            String::length,
            SdkCallsTest::map);
    CompletableFuture<Integer> failed =
        SdkCalls.async(
            () -> CompletableFuture.failedFuture(new IllegalStateException("503")),
            String::length,
            SdkCallsTest::map);
    CompletableFuture<Integer> unreadable =
        SdkCalls.async(
            () -> CompletableFuture.completedFuture("x"),
            s -> {
              throw new IllegalStateException("bad body");
            },
            SdkCallsTest::map);

    assertThatThrownBy(notStarted::get)
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("mapped: no client");
    assertThatThrownBy(failed::get).hasMessageContaining("mapped: 503");
    assertThatThrownBy(unreadable::get).hasMessageContaining("mapped: bad body");
  }

  @Test
  void async_resultCancelled_cancelsTheSdkCall() {
    CompletableFuture<String> sdk = new CompletableFuture<>();
    CompletableFuture<Integer> r = SdkCalls.async(() -> sdk, String::length, SdkCallsTest::map);
    r.cancel(true);
    assertThat(sdk).isCancelled();
  }

  @Test
  void sync_failureMapped() {
    assertThatThrownBy(
            () ->
                SdkCalls.sync(
                    () -> {
                      throw new IllegalStateException("denied");
                    },
                    Function.identity(),
                    SdkCallsTest::map))
        .isInstanceOf(GenAiClientException.class)
        .hasMessage("mapped: denied");
  }
}
