package dev.genaiaws.knowledgebases.internal;

import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.core.internal.StreamCall;
import dev.genaiaws.knowledgebases.AnswerEvent;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseHandler;

/**
 * One RetrieveAndGenerateStream call per subscription, bridged through core's {@link StreamCall}
 * (backpressure, cancellation, one terminal signal), typed events from {@link StreamState}, and the
 * final {@link AnswerEvent.Completed} appended by {@link EndingSubscriber}. Internal.
 */
public final class StreamAttempt implements Flow.Publisher<AnswerEvent> {
  private final Supplier<BedrockAgentRuntimeAsyncClient> client;
  private final RetrieveAndGenerateStreamRequest request;
  private final String what;

  public StreamAttempt(
      Supplier<BedrockAgentRuntimeAsyncClient> client,
      RetrieveAndGenerateStreamRequest request,
      String what) {
    this.client = client;
    this.request = request;
    this.what = what;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super AnswerEvent> downstream) {
    StreamState state = new StreamState();
    EndingSubscriber<AnswerEvent> ending = new EndingSubscriber<>(downstream, state::completed);
    SdkCalls.stream(
        ending,
        state::convert,
        (error, afterResponse) -> KnowledgeBaseErrors.map(error, what, afterResponse),
        RetrieveAndGenerateStreamResponseHandler.builder(),
        response -> state.started(response.sessionId(), response.responseMetadata().requestId()),
        handler -> client.get().retrieveAndGenerateStream(request, handler.build()));
  }
}
