package dev.genaiaws.knowledgebases;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.GenerationStream;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.StopReason;
import dev.genaiaws.core.TokenUsage;
import dev.genaiaws.core.exception.GenAiException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.jspecify.annotations.NullUnmarked;

/**
 * A streamed answer read with a plain loop, on the SDK's {@link GenerationStream} (bounded buffer,
 * backpressure, {@code close()} frees the connection): iterate the text as {@link
 * GenerationEvent.TextDelta}s and a final {@link GenerationEvent.Completed}; the citations arrive
 * alongside and are in {@link #citations()} as soon as the text they back has been read.
 *
 * <pre>{@code
 * try (AnswerStream stream = kb.answerStream(AnswerRequest.of("How loud is the Borealis pump?"))) {
 *   for (GenerationEvent e : stream) {
 *     if (e instanceof GenerationEvent.TextDelta d) System.out.print(d.text());
 *   }
 *   Answer answer = stream.answer();            // text, citations, session id
 *   answer.citations().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>A failure of the stream is thrown from the loop (or from {@link #answer()}) as a {@link
 * GenAiException}. Read once, by one thread; {@link #close()} may be called from any thread.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class AnswerStream implements AutoCloseable, Iterable<GenerationEvent> {
  private final GenerationStream stream;
  private final List<Citation> citations = new CopyOnWriteArrayList<>();
  private volatile Answer answer;

  private AnswerStream(Flow.Publisher<AnswerEvent> events, String modelId) {
    Flow.Publisher<GenerationEvent> text =
        subscriber ->
            events.subscribe(
                new Flow.Subscriber<AnswerEvent>() {
                  private Flow.Subscription subscription;

                  @Override
                  public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    subscriber.onSubscribe(s);
                  }

                  @Override
                  public void onNext(AnswerEvent event) {
                    if (event instanceof AnswerEvent.Text t) {
                      subscriber.onNext(new GenerationEvent.TextDelta(t.text()));
                    } else if (event instanceof AnswerEvent.Completed c) {
                      answer = c.answer();
                      subscriber.onNext(
                          new GenerationEvent.Completed(
                              c.answer().guardrailIntervened()
                                  ? StopReason.CONTENT_FILTER
                                  : StopReason.STOP,
                              null,
                              TokenUsage.none(),
                              new ResponseMetadata(
                                  c.answer().requestId(), modelId, null, 1, Map.of())));
                    } else {
                      if (event instanceof AnswerEvent.Cited c) {
                        citations.add(c.citation());
                      }
                      subscription.request(1); // not passed on: keep the demand balanced
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    subscriber.onError(t);
                  }

                  @Override
                  public void onComplete() {
                    subscriber.onComplete();
                  }
                });
    this.stream = GenerationStream.of(text);
  }

  static AnswerStream of(Flow.Publisher<AnswerEvent> events, String modelId) {
    return new AnswerStream(events, modelId);
  }

  /** The text events, in order, then {@code Completed}. Every call returns the same cursor. */
  @Override
  public Iterator<GenerationEvent> iterator() {
    return stream.iterator();
  }

  /** Reads to the end and returns all the text. */
  public String text() {
    return stream.text();
  }

  /** Reads to the end and returns the whole answer: text, citations and session id. */
  public Answer answer() {
    stream.text();
    Answer a = answer;
    if (a == null) {
      throw new dev.genaiaws.core.exception.GenAiClientException(
          "the stream was closed before it completed");
    }
    return a;
  }

  /** The citations received so far. */
  public List<Citation> citations() {
    return List.copyOf(citations);
  }

  /** Stops the stream and frees the connection. Idempotent; any thread. */
  @Override
  public void close() {
    stream.close();
  }

  @Override
  public String toString() {
    return "AnswerStream[" + citations.size() + " citations so far]";
  }
}
