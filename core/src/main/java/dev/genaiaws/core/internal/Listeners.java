package dev.genaiaws.core.internal;

import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationListener;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.exception.GenAiException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listeners, logging and swallowing what they throw so a listener never fails a call. Internal. */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<GenerationListener> listeners;

  public Listeners(List<GenerationListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public void onRequest(CallInfo call) {
    each(l -> l.onRequest(call));
  }

  public void onResponse(CallInfo call, GenerationResponse response) {
    each(l -> l.onResponse(call, response));
  }

  public void onError(CallInfo call, GenAiException error) {
    each(l -> l.onError(call, error));
  }

  public void onRetry(CallInfo call, GenAiException error, Duration delay) {
    each(l -> l.onRetry(call, error, delay));
  }

  private void each(Consumer<GenerationListener> action) {
    for (GenerationListener l : listeners) {
      try {
        action.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("listener {} threw {}; ignored", l.getClass().getName(), e.toString());
      }
    }
  }
}
