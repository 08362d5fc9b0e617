package dev.genaiaws.knowledgebases;

import dev.genaiaws.aws.ClientBuilderBase;
import dev.genaiaws.aws.internal.AwsClientConfig;
import dev.genaiaws.aws.internal.ClientSettings;
import dev.genaiaws.aws.internal.LazyClient;
import dev.genaiaws.aws.internal.SdkCalls;
import dev.genaiaws.core.CallInfo;
import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ResponseMetadata;
import dev.genaiaws.core.RetryPolicy;
import dev.genaiaws.core.exception.CallCancelledException;
import dev.genaiaws.core.exception.GenAiException;
import dev.genaiaws.core.internal.Checks;
import dev.genaiaws.core.internal.Listeners;
import dev.genaiaws.core.internal.RetryExecutor;
import dev.genaiaws.core.internal.RetryingPublisher;
import dev.genaiaws.knowledgebases.internal.KnowledgeBaseErrors;
import dev.genaiaws.knowledgebases.internal.ModelArns;
import dev.genaiaws.knowledgebases.internal.OwnModelPrompt;
import dev.genaiaws.knowledgebases.internal.StreamAttempt;
import dev.genaiaws.knowledgebases.internal.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateType;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;

/**
 * Questions over an Amazon Bedrock knowledge base: {@link #retrieve} finds the passages that match,
 * {@link #answer} has a model answer from them with citations (RetrieveAndGenerate), {@link
 * #answerStream} streams that answer, and {@link #answerWith} answers with any {@link
 * GenerationClient} of yours from the retrieved passages.
 *
 * <pre>{@code
 * try (KnowledgeBaseClient kb = KnowledgeBaseClient.builder()
 *         .knowledgeBaseId("ABCDE12345")
 *         .defaultModelId("anthropic.claude-3-haiku-20240307-v1:0")
 *         .build()) {
 *   RetrievalPage page = kb.retrieve(RetrieveRequest.builder().query("pump noise")
 *       .filter(MetadataFilter.equalTo("category", "pump")).build());
 *   Answer answer = kb.answer("How loud is the Borealis pump?");
 *   System.out.println(answer.text() + "  sources: " + answer.sources());
 *
 *   Conversation chat = kb.conversation();          // carries the service's session id
 *   chat.ask("How much does the Atlas pump cost?");
 *   chat.ask("When was it released?");              // "it" is understood from the first turn
 * }
 * }</pre>
 *
 * <p><b>Models.</b> A foundation model id becomes its ARN in the client's region; inference profile
 * ids and ARNs (inference profile, provisioned throughput, custom model) are passed as they are.
 *
 * <p><b>Errors</b> are the SDK's unchecked {@link GenAiException}s: {@link
 * KnowledgeBaseNotFoundException} for an unknown knowledge base or session, {@code
 * ThrottlingException}, {@code ValidationException}, {@code AccessDeniedException}, {@code
 * QuotaExceededException}, retryable {@code GenAiServiceException}s for the service's {@code
 * DependencyFailedException} and {@code BadGatewayException}; the cause and request id are kept.
 * Requests are checked before any call ({@code InvalidRequestException}).
 *
 * <p><b>Retries:</b> one layer, the client's {@link RetryPolicy}; the SDK clients this builds have
 * SDK retries off, and an injected SDK client keeps its own settings. A stream is retried only
 * before its first event.
 *
 * <p><b>Time-outs</b> are every model client's: {@link Builder#callTimeout} bounds a retrieve or an
 * answer with its retries (and a stream's retries; also the socket read time-out of the SDK clients
 * this builds), {@link Builder#attemptTimeout} one attempt: a {@code CallTimeoutException} ends the
 * call, an attempt that times out is a retryable {@code GenAiClientException}.
 *
 * <p><b>Listeners</b> ({@link Builder#listener}) hear of every call, so the OpenTelemetry,
 * Micrometer and cost add-ons see knowledge-base calls too: provider {@code bedrock}, operation
 * {@code retrieve}, {@code retrieveAndGenerate} or {@code retrieveAndGenerateStream}, and as model
 * id the answering model (or the knowledge base id for {@code retrieve}). {@link #answerWith}
 * reports its retrieve here and its generation through your {@link GenerationClient}'s own
 * listeners.
 *
 * <p>Thread-safe: build one and share it. Queries, passages and answers are never logged, and never
 * appear in exception messages or {@code toString()}. {@link #close()} closes only the SDK clients
 * it built.
 */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class KnowledgeBaseClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseClient.class);

  private final String knowledgeBaseId;
  private final String defaultModelId;
  private final LazyClient<BedrockAgentRuntimeClient> sync;
  private final LazyClient<BedrockAgentRuntimeAsyncClient> async;
  private final RetryExecutor retries;
  private final Region region;
  private final Listeners listeners;
  private final Duration callTimeout;
  private final Duration attemptTimeout;

  private KnowledgeBaseClient(Builder b, ClientSettings settings) {
    AwsClientConfig config = settings.awsConfig();
    this.knowledgeBaseId = b.knowledgeBaseId;
    this.defaultModelId = b.defaultModelId;
    this.sync =
        LazyClient.of(
            "knowledge base client",
            b.runtimeClient,
            () -> config.sync(BedrockAgentRuntimeClient.builder()).build());
    this.async =
        LazyClient.ofNetty(
            "knowledge base client",
            b.asyncClient,
            () -> config.async(BedrockAgentRuntimeAsyncClient.builder()).build());
    this.retries = new RetryExecutor("knowledge-bases", settings.retryPolicy());
    this.region = config.region() != null ? config.region() : regionOf(b.runtimeClient);
    this.listeners = new Listeners(settings.listeners());
    this.callTimeout = settings.callTimeout();
    this.attemptTimeout = settings.attemptTimeout();
  }

  private static Region regionOf(BedrockAgentRuntimeClient client) {
    return client == null ? null : client.serviceClientConfiguration().region();
  }

  /**
   * A client with the default region and credentials chains; give the knowledge base id on each
   * request.
   */
  public static KnowledgeBaseClient create() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- Retrieve

  /** Retrieves the first page of passages for {@code query} from the client's knowledge base. */
  public RetrievalPage retrieve(String query) {
    return retrieve(RetrieveRequest.of(query));
  }

  /**
   * Retrieves one page of passages, best first; {@link RetrieveRequest#next(RetrievalPage)} asks
   * for the next.
   *
   * @throws GenAiException when the request is invalid or the call fails after the retry policy's
   *     attempts
   */
  public RetrievalPage retrieve(RetrieveRequest request) {
    Checks.notNull(request, "request");
    String kb = knowledgeBase(request.knowledgeBaseId());
    String what = "Retrieve on knowledge base " + kb;
    KnowledgeBaseRetrievalConfiguration config =
        Wire.retrieval(
            request.numberOfResults(), request.searchType(), request.filter(), request.reranking());
    software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveRequest sdk =
        software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveRequest.builder()
            .knowledgeBaseId(kb)
            .retrievalQuery(q -> q.text(request.query()))
            .retrievalConfiguration(config)
            .nextToken(request.nextToken())
            .build();
    LOG.debug("{}: {}", what, request);
    return call(
        info(OP_RETRIEVE, kb),
        what,
        timeouts ->
            sync.get()
                .retrieve(
                    timeouts == null
                        ? sdk
                        : sdk.toBuilder().overrideConfiguration(timeouts).build()),
        (RetrieveResponse r) ->
            new RetrievalPage(
                r.retrievalResults().stream().map(Wire::passage).toList(), r.nextToken(),
                "INTERVENED".equals(r.guardrailActionAsString()), r.responseMetadata().requestId()),
        page -> reported(page.requestId(), kb));
  }

  // ---------------------------------------------------------------- RetrieveAndGenerate

  /**
   * Answers {@code question} with the client's knowledge base and default model, in a new session.
   */
  public Answer answer(String question) {
    return answer(AnswerRequest.of(question));
  }

  /**
   * Retrieves passages and has the model answer from them (RetrieveAndGenerate), with citations and
   * the session id to continue in.
   *
   * @throws GenAiException when the request is invalid or the call fails after the retry policy's
   *     attempts
   */
  public Answer answer(AnswerRequest request) {
    Checks.notNull(request, "request");
    RetrieveAndGenerateRequest sdk = toSdk(request);
    String what =
        "RetrieveAndGenerate on knowledge base "
            + sdk.retrieveAndGenerateConfiguration().knowledgeBaseConfiguration().knowledgeBaseId();
    LOG.debug("{}: {}", what, request);
    String modelId = modelOf(request);
    return call(
        info(OP_ANSWER, modelId),
        what,
        timeouts ->
            sync.get()
                .retrieveAndGenerate(
                    timeouts == null
                        ? sdk
                        : sdk.toBuilder().overrideConfiguration(timeouts).build()),
        (RetrieveAndGenerateResponse r) -> {
          String text = r.output() == null || r.output().text() == null ? "" : r.output().text();
          List<Citation> citations =
              r.citations().stream()
                  .map(c -> Wire.citation(text, c.generatedResponsePart(), c.retrievedReferences()))
                  .toList();
          return new Answer(
              text,
              citations,
              r.sessionId(),
              "INTERVENED".equals(r.guardrailActionAsString()),
              r.responseMetadata().requestId());
        },
        answer -> reported(answer.requestId(), modelId));
  }

  /**
   * Streams the answer (RetrieveAndGenerateStream) for reading with a loop; the citations and the
   * session id come with it. Close the stream when you stop early.
   */
  public AnswerStream answerStream(AnswerRequest request) {
    return AnswerStream.of(answerPublisher(request), modelOf(request));
  }

  /**
   * Streams the answer as a {@link Flow.Publisher}: {@link AnswerEvent.Text} pieces, {@link
   * AnswerEvent.Cited} after the text each citation backs, {@link AnswerEvent.GuardrailIntervened},
   * then one {@link AnswerEvent.Completed} with the whole {@link Answer}. The call starts on
   * subscription, each subscription is a new call, and a failure before the first event is retried
   * under the policy.
   */
  public Flow.Publisher<AnswerEvent> answerPublisher(AnswerRequest request) {
    Checks.notNull(request, "request");
    RetrieveAndGenerateRequest base = toSdk(request);
    RetrieveAndGenerateStreamRequest sdk =
        RetrieveAndGenerateStreamRequest.builder()
            .input(base.input())
            .retrieveAndGenerateConfiguration(base.retrieveAndGenerateConfiguration())
            .sessionId(base.sessionId())
            .build();
    String what =
        "RetrieveAndGenerateStream on knowledge base "
            + base.retrieveAndGenerateConfiguration()
                .knowledgeBaseConfiguration()
                .knowledgeBaseId();
    LOG.debug("{}: {}", what, request);
    String modelId = modelOf(request);
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      CallInfo call = info(OP_ANSWER_STREAM, modelId);
      long deadline = deadline();
      AtomicBoolean told = new AtomicBoolean();
      IntFunction<Flow.Publisher<AnswerEvent>> attempt =
          n -> {
            listeners.onRequest(call.withAttempt(n));
            return new StreamAttempt(async::get, sdk, what);
          };
      RetryExecutor.Decisions decisions = retries.newCall();
      new RetryingPublisher<>(
              attempt,
              (n, e) -> {
                java.util.Optional<Duration> wait = decisions.retryAfter(e, deadline);
                wait.ifPresent(d -> listeners.onRetry(call.withAttempt(n), e, d));
                return wait;
              },
              retries.policy().sleeper(),
              (error, n) -> {
                if (error instanceof GenAiException g && told.compareAndSet(false, true)) {
                  listeners.onError(call.withAttempt(n), g);
                }
              })
          .subscribe(new Reporting(subscriber, call, told, modelId));
    };
  }

  /**
   * "Bring your own model": retrieves passages, then answers with {@code model} (any family,
   * Converse or InvokeModel, SageMaker too) from the passages numbered as search results, and maps
   * the {@code [n]} markers the model writes back to citations. For models or prompts
   * RetrieveAndGenerate does not support. The model id is the request's or the client's default;
   * the whole {@code InferenceConfig} applies (this path has no RetrieveAndGenerate limits); the
   * prompt template, if any, is filled with {@code $search_results$} and {@code $query$}. There is
   * no service session: the answer's session id is {@code null}.
   */
  public Answer answerWith(GenerationClient model, AnswerRequest request) {
    Checks.notNull(model, "model");
    Checks.notNull(request, "request");
    RetrievalPage page = retrieve(request.retrieval());
    List<Passage> passages = page.passages();
    String modelId = request.modelId() != null ? request.modelId() : defaultModelId;
    GenerationResponse response =
        model.generate(
            GenerationRequest.builder()
                .modelId(modelId)
                .system(OwnModelPrompt.SYSTEM)
                .user(OwnModelPrompt.userMessage(request, passages))
                .inferenceConfig(request.inferenceConfig())
                .build());
    String text = response.text();
    return new Answer(
        text,
        OwnModelPrompt.citations(text, passages),
        null,
        false,
        response.metadata() == null ? null : response.metadata().requestId());
  }

  /**
   * A conversation on the client's knowledge base: each {@link Conversation#ask} continues the
   * session.
   */
  public Conversation conversation() {
    return new Conversation(this, null);
  }

  /**
   * A conversation whose questions take the settings of {@code template} (model, inference config,
   * filter, ...; its question is replaced by each asked one, and its session id, if any, is
   * continued).
   */
  public Conversation conversation(AnswerRequest template) {
    return new Conversation(this, Checks.notNull(template, "template"));
  }

  /** Closes the SDK clients this client built; injected ones stay open. Idempotent. */
  @Override
  public void close() {
    sync.close();
    async.close();
  }

  @Override
  public String toString() {
    return "KnowledgeBaseClient[knowledgeBaseId="
        + knowledgeBaseId
        + ", defaultModelId="
        + defaultModelId
        + ", region="
        + region
        + "]";
  }

  // ---------------------------------------------------------------- internals

  private String knowledgeBase(String requested) {
    String kb = requested != null ? requested : knowledgeBaseId;
    if (kb == null) {
      throw new dev.genaiaws.core.exception.InvalidRequestException(
          "no knowledge base: set knowledgeBaseId on the" + " request or on the client's builder");
    }
    return kb;
  }

  private RetrieveAndGenerateRequest toSdk(AnswerRequest request) {
    String kb = knowledgeBase(request.knowledgeBaseId());
    String modelId = request.modelId() != null ? request.modelId() : defaultModelId;
    String modelArn = ModelArns.resolve(modelId, region);
    RetrieveAndGenerateConfiguration config =
        RetrieveAndGenerateConfiguration.builder()
            .type(RetrieveAndGenerateType.KNOWLEDGE_BASE)
            .knowledgeBaseConfiguration(
                k ->
                    k.knowledgeBaseId(kb)
                        .modelArn(modelArn)
                        .retrievalConfiguration(
                            Wire.retrieval(
                                request.numberOfResults(),
                                request.searchType(),
                                request.filter(),
                                request.reranking()))
                        .generationConfiguration(Wire.generation(request, modelId)))
            .build();
    return RetrieveAndGenerateRequest.builder()
        .input(i -> i.text(request.question()))
        .retrieveAndGenerateConfiguration(config)
        .sessionId(request.sessionId())
        .build();
  }

  /**
   * One call under the retry policy and the time-outs: each attempt gets what is left of the call
   * time-out and the attempt time-out as the SDK request's own ({@code null}: none set).
   */
  private <R, T> T call(
      CallInfo info,
      String what,
      Function<@Nullable AwsRequestOverrideConfiguration, R> call,
      Function<R, T> convert,
      Function<T, GenerationResponse> report) {
    long deadline = deadline();
    return listeners.observe(
        info,
        retries,
        deadline,
        n ->
            SdkCalls.sync(
                () -> call.apply(AwsClientConfig.timeouts(left(deadline), attemptTimeout)),
                convert,
                e -> KnowledgeBaseErrors.map(e, what, false)),
        report,
        (n, e, wait) ->
            LOG.debug(
                "{}: attempt {} failed ({}), retrying in {} ms",
                what,
                n,
                e.getClass().getSimpleName(),
                wait.toMillis()));
  }

  /** When a call started now must end ({@link System#nanoTime()}), or {@code MAX_VALUE}. */
  private long deadline() {
    return callTimeout == null ? Long.MAX_VALUE : System.nanoTime() + callTimeout.toNanos();
  }

  /** What is left of the call time-out, or {@code null} for none (at least 1 ms). */
  private static @Nullable Duration left(long deadline) {
    if (deadline == Long.MAX_VALUE) {
      return null;
    }
    return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000L));
  }

  static final String PROVIDER = "bedrock";
  static final String OP_RETRIEVE = "retrieve";
  static final String OP_ANSWER = "retrieveAndGenerate";
  static final String OP_ANSWER_STREAM = "retrieveAndGenerateStream";

  private String modelOf(AnswerRequest request) {
    return request.modelId() != null ? request.modelId() : defaultModelId;
  }

  private static CallInfo info(String operation, String modelId) {
    return new CallInfo(PROVIDER, operation, modelId, 1, null, Listeners.nextCallId());
  }

  /**
   * What listeners are told of a finished call: no content (the service reports no token usage
   * here).
   */
  private static GenerationResponse reported(String requestId, String modelId) {
    return GenerationResponse.builder()
        .metadata(new ResponseMetadata(requestId, modelId, null, 1, java.util.Map.of()))
        .build();
  }

  /**
   * Tells the listeners of a streamed answer's first event, its end ({@code Completed}), and of a
   * subscriber that cancels before the end; passes everything on unchanged.
   */
  private final class Reporting implements Flow.Subscriber<AnswerEvent> {
    private final Flow.Subscriber<? super AnswerEvent> downstream;
    private final CallInfo call;
    private final AtomicBoolean told;
    private final String modelId;
    private final AtomicBoolean started = new AtomicBoolean();

    Reporting(
        Flow.Subscriber<? super AnswerEvent> downstream,
        CallInfo call,
        AtomicBoolean told,
        String modelId) {
      this.downstream = downstream;
      this.call = call;
      this.told = told;
      this.modelId = modelId;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      downstream.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {
              subscription.request(n);
            }

            @Override
            public void cancel() {
              if (told.compareAndSet(false, true)) {
                listeners.onError(
                    call, new CallCancelledException("the subscriber cancelled the answer stream"));
              }
              subscription.cancel();
            }
          });
    }

    @Override
    public void onNext(AnswerEvent event) {
      if (started.compareAndSet(false, true)) {
        listeners.onFirstToken(call);
      }
      if (event instanceof AnswerEvent.Completed done && told.compareAndSet(false, true)) {
        listeners.onResponse(call, reported(done.answer().requestId(), modelId));
      }
      downstream.onNext(event);
    }

    @Override
    public void onError(Throwable error) {
      downstream.onError(error);
    }

    @Override
    public void onComplete() {
      downstream.onComplete();
    }
  }

  /**
   * Settings for a {@link KnowledgeBaseClient}: the knowledge base and answering model, your own
   * SDK clients if you have them, and every model client's settings (region, credentials, endpoint,
   * {@code retryPolicy}, listeners, {@code callTimeout}, {@code attemptTimeout}: see {@link
   * ClientBuilderBase}). The call time-out bounds a retrieve or answer, retries included (and a
   * stream's retries); the attempt time-out bounds one attempt of a retrieve or answer.
   */
  public static final class Builder extends ClientBuilderBase<Builder> {
    private String knowledgeBaseId;
    private String defaultModelId;
    private BedrockAgentRuntimeClient runtimeClient;
    private BedrockAgentRuntimeAsyncClient asyncClient;

    private Builder() {}

    /** The knowledge base requests use when they name none (10 letters or digits). */
    public Builder knowledgeBaseId(String knowledgeBaseId) {
      this.knowledgeBaseId = KnowledgeBaseIds.check(knowledgeBaseId);
      return this;
    }

    /**
     * The model answers use when the request names none: a model id, inference profile id or ARN.
     */
    public Builder defaultModelId(String defaultModelId) {
      this.defaultModelId = Checks.notBlank(defaultModelId, "defaultModelId");
      return this;
    }

    /** Your own sync SDK client (never closed here; it keeps its own retry settings). */
    public Builder runtimeClient(BedrockAgentRuntimeClient client) {
      this.runtimeClient = client;
      return this;
    }

    /** Your own async SDK client for streams (never closed here). */
    public Builder asyncClient(BedrockAgentRuntimeAsyncClient client) {
      this.asyncClient = client;
      return this;
    }

    /** The client. */
    public KnowledgeBaseClient build() {
      return new KnowledgeBaseClient(this, clientSettings());
    }
  }
}
