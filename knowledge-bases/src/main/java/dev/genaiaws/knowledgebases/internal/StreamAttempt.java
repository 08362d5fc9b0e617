package dev.genaiaws.knowledgebases.internal;

import dev.genaiaws.core.internal.StreamCall;
import dev.genaiaws.knowledgebases.AnswerEvent;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import org.reactivestreams.FlowAdapters;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseOutput;

/**
 * One RetrieveAndGenerateStream call per subscription, bridged through core's {@link StreamCall} (backpressure,
 * cancellation, one terminal signal), typed events from {@link StreamState}, and the final
 * {@link AnswerEvent.Completed} appended by {@link EndingSubscriber}. Internal.
 */
public final class StreamAttempt implements Flow.Publisher<AnswerEvent> {
  private final Supplier<BedrockAgentRuntimeAsyncClient> client;
  private final RetrieveAndGenerateStreamRequest request;
  private final String what;

  public StreamAttempt(Supplier<BedrockAgentRuntimeAsyncClient> client, RetrieveAndGenerateStreamRequest request,
      String what) {
    this.client = client;
    this.request = request;
    this.what = what;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super AnswerEvent> downstream) {
    StreamState state = new StreamState();
    EndingSubscriber<AnswerEvent> ending = new EndingSubscriber<>(downstream, state::completed);
    StreamCall<RetrieveAndGenerateStreamResponseOutput, AnswerEvent> call = new StreamCall<>(ending, state::convert,
        (error, afterResponse) -> KnowledgeBaseErrors.map(error, what, afterResponse));
    call.start(() -> client.get().retrieveAndGenerateStream(request,
        RetrieveAndGenerateStreamResponseHandler.builder()
            .onResponse(response -> {
              state.started(response.sessionId(), response.responseMetadata().requestId());
              call.responseArrived();
            })
            .onError(call::fail)
            .subscriber(() -> FlowAdapters.toSubscriber(call))
            .build()));
  }
}
