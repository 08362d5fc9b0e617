package dev.genaiaws.bedrock;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Wraps a real async client and counts {@code invokeModel} calls in flight (sent, answer not yet
 * received), keeping the highest count seen: how a test observes the client's concurrency bound.
 */
final class InFlightCounter {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger max = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();

  BedrockRuntimeAsyncClient wrap(BedrockRuntimeAsyncClient delegate) {
    InvocationHandler h =
        (proxy, method, args) -> {
          Object result;
          boolean counted = method.getName().equals("invokeModel");
          if (counted) {
            calls.incrementAndGet();
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          }
          try {
            result = method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            if (counted) {
              inFlight.decrementAndGet();
            }
            throw e.getCause();
          }
          if (counted && result instanceof CompletableFuture<?> f) {
            return f.whenComplete((r, e) -> inFlight.decrementAndGet());
          }
          return result;
        };
    return (BedrockRuntimeAsyncClient)
        Proxy.newProxyInstance(
            BedrockRuntimeAsyncClient.class.getClassLoader(),
            new Class<?>[] {BedrockRuntimeAsyncClient.class},
            h);
  }

  int max() {
    return max.get();
  }

  int calls() {
    return calls.get();
  }

  void reset() {
    max.set(0);
    calls.set(0);
  }
}
