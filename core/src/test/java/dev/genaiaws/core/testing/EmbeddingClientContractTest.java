package dev.genaiaws.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.EmbeddingClient;
import dev.genaiaws.core.EmbeddingRequest;
import dev.genaiaws.core.EmbeddingResponse;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EmbeddingClient} must show, whatever the provider. An adapter's test
 * extends this class, points {@link #client()} at its emulator and names an embedding model; it may
 * add provider tests. Shipped in core's test-jar.
 *
 * <p>The emulators embed deterministically (the same text gives the same vector), so order can be
 * checked by embedding texts one at a time and comparing.
 */
public abstract class EmbeddingClientContractTest {

  /** The client under test, shared by the tests of one class. */
  protected abstract EmbeddingClient client();

  /** An embedding model (or endpoint) that the emulator serves. */
  protected abstract String modelId();

  /** How many requests reached the emulator so far (to check bad input is never sent). */
  protected abstract int requestsSent();

  /** Extra request settings a provider needs (e.g. a family option for an endpoint). */
  protected EmbeddingRequest.Builder customize(EmbeddingRequest.Builder builder) {
    return builder;
  }

  /** A {@code dimensions} value the model must refuse before sending. */
  protected int invalidDimensions() {
    return 3;
  }

  /** Whether the provider reports input tokens for embeddings. */
  protected boolean reportsUsage() {
    return true;
  }

  protected EmbeddingRequest request(List<String> texts) {
    return customize(EmbeddingRequest.builder().modelId(modelId()).texts(texts)).build();
  }

  private static List<String> texts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("document number " + i + " about topic " + (i * 7 % 13));
    }
    return out;
  }

  @Test
  void embed_oneText_oneVectorWithMetadata() {
    EmbeddingResponse r = client().embed(request(List.of("The quick brown fox")));

    assertThat(r.size()).isEqualTo(1);
    assertThat(r.dimensions()).isPositive();
    assertThat(r.vector(0)).hasSize(r.dimensions());
    assertThat(r.metadata().modelId()).isEqualTo(modelId());
    assertThat(r.metadata().attempts()).isEqualTo(1);
    if (reportsUsage()) {
      assertThat(r.usage().inputTokens()).isPositive();
    }
    assertThat(r.usage().outputTokens()).isZero();
  }

  @Test
  void embed_manyTexts_vectorsInInputOrder() {
    List<String> texts = texts(7);

    EmbeddingResponse all = client().embed(request(texts));

    assertThat(all.size()).isEqualTo(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      float[] single = client().embed(request(List.of(texts.get(i)))).vector(0);
      assertThat(all.vector(i)).as("vector %d", i).containsExactly(single);
    }
  }

  @Test
  void embed_sameText_sameVectorAndDifferentTextsDiffer() {
    EmbeddingResponse r = client().embed(request(List.of("alpha", "alpha", "omega")));

    assertThat(r.vector(0)).containsExactly(r.vector(1));
    assertThat(r.vector(0)).isNotEqualTo(r.vector(2));
    assertThat(r.vectors()).allSatisfy(v -> assertThat(v).hasSize(r.dimensions()));
  }

  @Test
  void embedAsync_sameAsSync() throws ExecutionException, InterruptedException {
    EmbeddingRequest request = request(texts(3));

    CompletableFuture<EmbeddingResponse> future = client().embedAsync(request);
    EmbeddingResponse sync = client().embed(request);

    EmbeddingResponse async = future.get();
    for (int i = 0; i < 3; i++) {
      assertThat(async.vector(i)).containsExactly(sync.vector(i));
    }
  }

  @Test
  void embed_invalidDimensions_failsBeforeSending() {
    int before = requestsSent();
    EmbeddingRequest bad =
        request(List.of("text")).toBuilder().dimensions(invalidDimensions()).build();

    assertThatThrownBy(() -> client().embed(bad))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("dimensions")
        .hasMessageContaining(String.valueOf(invalidDimensions()));
    assertThat(requestsSent()).isEqualTo(before);
  }

  @Test
  void embedAsync_invalidRequest_failedFutureNothingSent() {
    int before = requestsSent();
    EmbeddingRequest bad =
        request(List.of("text")).toBuilder().dimensions(invalidDimensions()).build();

    CompletableFuture<EmbeddingResponse> f = client().embedAsync(bad);

    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::get).hasCauseInstanceOf(InvalidRequestException.class);
    assertThat(requestsSent()).isEqualTo(before);
  }

  @Test
  void embed_nullRequest_invalidRequest() {
    assertThatThrownBy(() -> client().embed((EmbeddingRequest) null))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void responseToString_hidesTexts() {
    EmbeddingResponse r = client().embed(request(List.of("a secret sentence")));

    assertThat(r.toString()).doesNotContain("secret");
    assertThat(request(List.of("a secret sentence")).toString()).doesNotContain("secret");
  }
}
