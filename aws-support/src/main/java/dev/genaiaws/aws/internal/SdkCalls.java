package dev.genaiaws.aws.internal;

import dev.genaiaws.core.exception.GenAiException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** Running one SDK call and turning its answer or failure into ours. Internal. */
public final class SdkCalls {
  private SdkCalls() {}

  /** Runs a sync SDK call; its failure is mapped, its answer converted. */
  public static <R, T> T sync(Supplier<R> call, Function<R, T> convert,
      Function<Throwable, GenAiException> errors) {
    R response;
    try {
      response = call.get();
    } catch (RuntimeException e) {
      throw errors.apply(e);
    }
    return convert.apply(response);
  }

  /**
   * Runs an async SDK call. The result fails with the mapped exception (also when the call cannot even be
   * started, or the answer cannot be converted), and cancelling the result aborts the HTTP call.
   */
  public static <R, T> CompletableFuture<T> async(Supplier<CompletableFuture<R>> call, Function<R, T> convert,
      Function<Throwable, GenAiException> errors) {
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<R> sdk;
    try {
      sdk = call.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(errors.apply(e));
      return result;
    }
    var unused = sdk.whenComplete((response, error) -> {
      if (error != null) {
        result.completeExceptionally(errors.apply(error));
        return;
      }
      try {
        result.complete(convert.apply(response));
      } catch (RuntimeException e) {
        result.completeExceptionally(errors.apply(e));
      }
    });
    var unusedCancel = result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        sdk.cancel(true);
      }
    });
    return result;
  }
}
