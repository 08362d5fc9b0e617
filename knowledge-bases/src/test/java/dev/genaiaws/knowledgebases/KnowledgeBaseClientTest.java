package dev.genaiaws.knowledgebases;

import static dev.genaiaws.knowledgebases.MetadataFilter.andAll;
import static dev.genaiaws.knowledgebases.MetadataFilter.equalTo;
import static dev.genaiaws.knowledgebases.MetadataFilter.greaterThan;
import static dev.genaiaws.knowledgebases.MetadataFilter.greaterThanOrEquals;
import static dev.genaiaws.knowledgebases.MetadataFilter.in;
import static dev.genaiaws.knowledgebases.MetadataFilter.lessThan;
import static dev.genaiaws.knowledgebases.MetadataFilter.lessThanOrEquals;
import static dev.genaiaws.knowledgebases.MetadataFilter.listContains;
import static dev.genaiaws.knowledgebases.MetadataFilter.notEquals;
import static dev.genaiaws.knowledgebases.MetadataFilter.notIn;
import static dev.genaiaws.knowledgebases.MetadataFilter.orAll;
import static dev.genaiaws.knowledgebases.MetadataFilter.startsWith;
import static dev.genaiaws.knowledgebases.MetadataFilter.stringContains;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.GenerationEvent;
import dev.genaiaws.core.exception.AccessDeniedException;
import dev.genaiaws.core.exception.GenAiClientException;
import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.exception.QuotaExceededException;
import dev.genaiaws.core.exception.ServiceUnavailableException;
import dev.genaiaws.core.exception.ThrottlingException;
import dev.genaiaws.core.exception.UnsupportedParameterException;
import dev.genaiaws.core.exception.ValidationException;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import dev.genaiaws.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** The client against the knowledge-base emulator, through the real AWS SDK clients on loopback. */
class KnowledgeBaseClientTest {
  @TempDir static Path folder;
  static KnowledgeBaseEmulator emulator;
  static final RecordingSleeper SLEEPER = new RecordingSleeper();
  static KnowledgeBaseClient kb;

  @BeforeAll
  static void start() {
    Corpus.catalogue(folder);
    emulator =
        KnowledgeBaseEmulator.builder()
            .knowledgeBase(Corpus.KB, Corpus.DS, Corpus.BUCKET)
            .bucketFolder(Corpus.BUCKET, folder)
            .guardrailDeniedWords("weapon")
            .start();
    Corpus.ingest(emulator.endpoint());
    kb =
        KnowledgeBaseClient.builder()
            .knowledgeBaseId(Corpus.KB)
            .defaultModelId(Corpus.MODEL)
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Corpus.CREDENTIALS)
            .retryPolicy(SLEEPER.policy(3))
            .build();
  }

  @AfterAll
  static void stop() {
    kb.close();
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.reset();
    SLEEPER.clear();
  }

  private static List<String> uris(RetrievalPage page) {
    return page.passages().stream().map(Passage::sourceUri).toList();
  }

  private static List<String> retrieveUris(String query, MetadataFilter filter) {
    return uris(
        kb.retrieve(
            RetrieveRequest.builder().query(query).numberOfResults(100).filter(filter).build()));
  }

  // ---------------------------------------------------------------- retrieve

  @Test
  void retrieve_bestPassageFirst_withScoreLocationAndTypedMetadata() {
    RetrievalPage page = kb.retrieve("Which pump is silent?");
    Passage top = page.first().orElseThrow();
    assertThat(top.sourceUri()).isEqualTo("s3://docs/pumps/borealis.md");
    assertThat(top.location().type()).isEqualTo("S3");
    assertThat(top.text()).contains("silent");
    assertThat(top.score()).isBetween(0.0, 1.0);
    assertThat(top.metadata())
        .containsEntry("year", 2023L)
        .containsEntry("category", "pump")
        .containsEntry("tags", List.of("quiet", "indoor"));
    assertThat(top.chunkId()).isNotBlank();
    assertThat(top.toString()).doesNotContain("silent");
    assertThat(page.requestId()).isNotBlank();
  }

  @Test
  void retrieve_everyFilterOperator_selectsWhatItSays() {
    String all = "pump lamp kettle released watts euros litres";
    assertThat(retrieveUris(all, equalTo("category", "lamp")))
        .containsExactlyInAnyOrder("s3://docs/lamps/cirrus.txt", "s3://docs/lamps/dawn.txt");
    assertThat(retrieveUris(all, notEquals("category", "pump")))
        .hasSize(3); // two lamps and the kettle
    assertThat(retrieveUris(all, greaterThan("year", 2021)))
        .containsExactly("s3://docs/pumps/borealis.md");
    assertThat(retrieveUris(all, greaterThanOrEquals("year", 2021))).hasSize(3);
    assertThat(retrieveUris(all, lessThan("year", 2019)))
        .containsExactly("s3://docs/lamps/dawn.txt");
    assertThat(retrieveUris(all, lessThanOrEquals("year", 2019))).hasSize(2);
    assertThat(retrieveUris(all, in("model", List.of("AT-40", "DA-9")))).hasSize(2);
    assertThat(retrieveUris(all, notIn("model", List.of("AT-40", "DA-9")))).hasSize(4);
    assertThat(retrieveUris(all, startsWith("model", "C"))).hasSize(2);
    assertThat(retrieveUris(all, listContains("tags", "water")))
        .containsExactlyInAnyOrder("s3://docs/pumps/atlas.txt", "s3://docs/pumps/cyclone.txt");
    assertThat(retrieveUris(all, stringContains("tags", "door"))).hasSize(2);
    assertThat(
            retrieveUris(
                all,
                andAll(
                    equalTo("category", "pump"),
                    listContains("tags", "water"),
                    greaterThan("year", 2020))))
        .containsExactly("s3://docs/pumps/cyclone.txt");
    assertThat(retrieveUris(all, orAll(equalTo("model", "DA-9"), equalTo("model", "BO-20"))))
        .hasSize(2);
  }

  @Test
  void retrieve_sendsTheFilterOnTheWire() {
    kb.retrieve(
        RetrieveRequest.builder()
            .query("pump")
            .filter(andAll(equalTo("category", "pump"), in("year", List.of(2019, 2021))))
            .searchType(SearchType.HYBRID)
            .build());
    String body = new String(emulator.takeRequest().body(), StandardCharsets.UTF_8);
    assertThat(body)
        .contains(
            "\"andAll\":[{\"equals\":{\"key\":\"category\",\"value\":\"pump\"}},"
                + "{\"in\":{\"key\":\"year\",\"value\":[2019,2021]}}]")
        .contains("\"overrideSearchType\":\"HYBRID\"");
  }

  @Test
  void retrieve_pagesThroughEveryResult_withNextToken() {
    RetrieveRequest request =
        RetrieveRequest.builder().query("pump lamp kettle").numberOfResults(2).build();
    List<String> seen = new ArrayList<>();
    RetrievalPage page = kb.retrieve(request);
    int pages = 1;
    seen.addAll(uris(page));
    while (page.hasNextPage()) {
      page = kb.retrieve(request.next(page));
      seen.addAll(uris(page));
      pages++;
    }
    assertThat(seen).doesNotHaveDuplicates().hasSize(6);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void retrieve_reranking_reordersAndKeepsTheAskedNumber() {
    String query = "pump released euros";
    RetrievalPage plain =
        kb.retrieve(RetrieveRequest.builder().query(query).numberOfResults(10).build());
    RetrievalPage reranked =
        kb.retrieve(
            RetrieveRequest.builder()
                .query(query)
                .numberOfResults(10)
                .reranking(
                    Reranking.of(
                        "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0", 2))
                .build());
    assertThat(reranked.passages()).hasSize(2);
    // the reranker scores by query-term coverage: the passages that have all three terms come first
    assertThat(reranked.passages())
        .allSatisfy(p -> assertThat(p.text()).contains("released").contains("euros"));
    assertThat(plain.passages().size()).isGreaterThan(2);
    emulator.takeRequest();
    assertThat(new String(emulator.takeRequest().body(), StandardCharsets.UTF_8))
        .contains("\"rerankingConfiguration\":{")
        .contains("\"type\":\"BEDROCK_RERANKING_MODEL\"")
        .contains("\"numberOfRerankedResults\":2");
  }

  @Test
  void retrieve_invalidInput_failsBeforeAnyCall() {
    assertThatThrownBy(() -> RetrieveRequest.of(" "))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("query");
    assertThatThrownBy(() -> RetrieveRequest.builder().query("x").numberOfResults(101).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("[1, 100]");
    assertThatThrownBy(() -> andAll(equalTo("a", "b")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("2 to 5");
    assertThatThrownBy(() -> equalTo("", "b")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> in("k", List.of())).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> equalTo("k", new Object()))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(emulator.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- answer

  @Test
  void answer_citationsPointAtTheChunksTheyCameFrom() {
    Answer answer = kb.answer("How much does the Atlas pump cost?");
    assertThat(answer.text()).contains("300 euros");
    assertThat(answer.citations()).isNotEmpty();
    for (Citation c : answer.citations()) {
      assertThat(answer.text().substring(c.start(), c.end())).isEqualTo(c.text());
      assertThat(c.passages()).isNotEmpty();
      assertThat(c.passages().get(0).text()).contains(c.text());
    }
    Citation cost =
        answer.citations().stream()
            .filter(c -> c.text().contains("300 euros"))
            .findFirst()
            .orElseThrow();
    assertThat(cost.passages().get(0).sourceUri()).isEqualTo("s3://docs/pumps/atlas.txt");
    assertThat(answer.sources()).startsWith("s3://docs/pumps/atlas.txt");
    assertThat(answer.sessionId()).isNotBlank();
    assertThat(answer.toString()).doesNotContain("euros");
  }

  @Test
  void answer_sendsModelArnInferenceConfigTemplateAndGuardrail() {
    kb.answer(
        AnswerRequest.builder()
            .question("Atlas cost?")
            .inferenceConfig(c -> c.maxTokens(200).temperature(0.2).topP(0.9).stopSequences("###"))
            .promptTemplate("Use these: $search_results$ to answer $query$")
            .guardrail(Guardrail.of("gr1", "1"))
            .numberOfResults(3)
            .build());
    String body = new String(emulator.takeRequest().body(), StandardCharsets.UTF_8);
    assertThat(body)
        .contains(
            "\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/" + Corpus.MODEL + "\"")
        .contains("\"maxTokens\":200")
        .contains("\"stopSequences\":[\"###\"]")
        .contains("\"textPromptTemplate\":\"Use these: $search_results$ to answer $query$\"")
        .contains("\"guardrailId\":\"gr1\"")
        .contains("\"numberOfResults\":3");
  }

  @Test
  void answer_profileIdsAndArnsPassAsTheyAre() {
    kb.answer(
        AnswerRequest.builder()
            .question("Atlas?")
            .modelId("us.anthropic.claude-3-haiku-20240307-v1:0")
            .build());
    assertThat(new String(emulator.takeRequest().body(), StandardCharsets.UTF_8))
        .contains("\"modelArn\":\"us.anthropic.claude-3-haiku-20240307-v1:0\"");
    String arn =
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0";
    kb.answer(AnswerRequest.builder().question("Atlas?").modelId(arn).build());
    assertThat(new String(emulator.takeRequest().body(), StandardCharsets.UTF_8)).contains(arn);
  }

  @Test
  void answer_whatTheApiCannotCarry_failsBeforeAnyCall() {
    assertThatThrownBy(
            () ->
                kb.answer(
                    AnswerRequest.builder()
                        .question("q")
                        .inferenceConfig(c -> c.stopSequences("a", "b", "c", "d", "e"))
                        .build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most 4 stopSequences");
    assertThatThrownBy(
            () ->
                kb.answer(
                    AnswerRequest.builder().question("q").inferenceConfig(c -> c.topK(5)).build()))
        .isInstanceOf(UnsupportedParameterException.class)
        .hasMessageContaining("topK");
    assertThatThrownBy(
            () ->
                kb.answer(
                    AnswerRequest.builder()
                        .question("q")
                        .inferenceConfig(c -> c.temperature(1.5))
                        .build()))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () -> AnswerRequest.builder().question("q").promptTemplate("Answer $query$").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("$search_results$");
    assertThatThrownBy(() -> AnswerRequest.of("x".repeat(1001)))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () -> kb.answer(AnswerRequest.builder().question("q").modelId("not a model!").build()))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void conversation_carriesTheServicesSession_acrossTurns() {
    Conversation chat = kb.conversation();
    assertThat(chat.sessionId()).isEmpty();
    Answer first = chat.ask("How much does the Atlas pump cost?");
    Answer second = chat.ask("When was it released?");
    assertThat(second.sessionId())
        .isEqualTo(first.sessionId())
        .isEqualTo(chat.sessionId().orElseThrow());
    assertThat(second.text()).contains("2019");
    assertThat(second.sources().get(0)).isEqualTo("s3://docs/pumps/atlas.txt");
    emulator.takeRequest();
    assertThat(new String(emulator.takeRequest().body(), StandardCharsets.UTF_8))
        .contains("\"sessionId\":\"" + first.sessionId() + "\"");

    // without the session the same follow-up has nothing to go on
    Answer alone = kb.answer("When was it released?");
    assertThat(alone.sessionId()).isNotEqualTo(first.sessionId());
  }

  @Test
  void conversation_fromATemplate_takesItsSettingsForEveryQuestion() {
    Conversation chat =
        kb.conversation(
            AnswerRequest.builder()
                .question("ignored")
                .numberOfResults(1)
                .filter(equalTo("category", "pump"))
                .build());
    chat.ask("How much does the Atlas pump cost?");
    Answer second = chat.ask("When was it released?");
    assertThat(second.sources()).containsExactly("s3://docs/pumps/atlas.txt");
    emulator.takeRequest();
    String body = new String(emulator.takeRequest().body(), StandardCharsets.UTF_8);
    assertThat(body)
        .contains("\"numberOfResults\":1")
        .contains("\"equals\":{\"key\":\"category\"")
        .contains("\"text\":\"When was it released?\"")
        .doesNotContain("ignored");
  }

  @Test
  void answer_guardrailIntervention_isReported() {
    Answer a =
        kb.answer(
            AnswerRequest.builder()
                .question("Can the Atlas pump be a weapon?")
                .guardrail(Guardrail.of("gr1", "DRAFT"))
                .build());
    assertThat(a.guardrailIntervened()).isTrue();
    assertThat(a.citations()).isEmpty();
  }

  // ---------------------------------------------------------------- stream

  @Test
  void answerStream_deliversTheSameAnswerAsTheCall_withCitationsAndSession() {
    Answer sync = kb.answer("What colour does the Cirrus lamp glow?");
    StringBuilder text = new StringBuilder();
    Answer streamed;
    try (AnswerStream stream =
        kb.answerStream(AnswerRequest.of("What colour does the Cirrus lamp glow?"))) {
      int deltas = 0;
      for (GenerationEvent e : stream) {
        if (e instanceof GenerationEvent.TextDelta d) {
          text.append(d.text());
          deltas++;
        }
      }
      assertThat(deltas).isGreaterThan(1);
      streamed = stream.answer();
      assertThat(stream.citations()).isEqualTo(streamed.citations());
    }
    assertThat(text.toString()).isEqualTo(sync.text()).isEqualTo(streamed.text());
    assertThat(streamed.citations())
        .extracting(Citation::start, Citation::end, Citation::text)
        .isEqualTo(
            sync.citations().stream()
                .map(c -> org.assertj.core.groups.Tuple.tuple(c.start(), c.end(), c.text()))
                .toList());
    assertThat(streamed.sessionId()).isNotBlank().isNotEqualTo(sync.sessionId());
  }

  @Test
  void answerPublisher_citationComesAfterTheTextItBacks_thenCompleted() throws Exception {
    List<AnswerEvent> events =
        collect(kb.answerPublisher(AnswerRequest.of("How much does the Borealis pump cost?")));
    assertThat(events.get(events.size() - 1)).isInstanceOf(AnswerEvent.Completed.class);
    StringBuilder text = new StringBuilder();
    for (AnswerEvent e : events) {
      if (e instanceof AnswerEvent.Text t) {
        text.append(t.text());
      } else if (e instanceof AnswerEvent.Cited c) {
        assertThat(c.citation().end()).isLessThanOrEqualTo(text.length());
        assertThat(text.substring(c.citation().start(), c.citation().end()))
            .isEqualTo(c.citation().text());
      }
    }
    assertThat(events).anyMatch(e -> e instanceof AnswerEvent.Cited);
  }

  @Test
  void answerPublisher_guardrailIntervention_isAnEvent_andMarksTheAnswer() throws Exception {
    List<AnswerEvent> events =
        collect(
            kb.answerPublisher(
                AnswerRequest.builder()
                    .question("Can the Atlas pump be a weapon?")
                    .guardrail(Guardrail.of("gr1", "1"))
                    .build()));
    assertThat(events).anyMatch(e -> e instanceof AnswerEvent.GuardrailIntervened);
    AnswerEvent.Completed done = (AnswerEvent.Completed) events.get(events.size() - 1);
    assertThat(done.answer().guardrailIntervened()).isTrue();
    assertThat(done.answer().sessionId()).isNotBlank();
  }

  @Test
  void stream_failureBeforeTheFirstEvent_isRetried_butNotAfter() {
    emulator.enqueue(Corpus.KB, Fault.throttling());
    try (AnswerStream stream = kb.answerStream(AnswerRequest.of("Cirrus lamp watts"))) {
      assertThat(stream.text()).contains("4 watts");
    }
    assertThat(SLEEPER.waits()).hasSize(1);

    emulator.enqueue(Corpus.KB, Fault.inStream(Fault.StreamError.THROTTLING, 1));
    StringBuilder partial = new StringBuilder();
    try (AnswerStream stream = kb.answerStream(AnswerRequest.of("Cirrus lamp watts"))) {
      assertThatThrownBy(
              () -> {
                for (GenerationEvent e : stream) {
                  if (e instanceof GenerationEvent.TextDelta d) {
                    partial.append(d.text());
                  }
                }
              })
          .isInstanceOf(ThrottlingException.class)
          .satisfies(e -> assertThat(((GenAiServiceException) e).statusCode()).isZero());
    }
    assertThat(partial.toString()).isNotEmpty();
    assertThat(SLEEPER.waits()).hasSize(1); // no retry once text was delivered
  }

  private static List<AnswerEvent> collect(Flow.Publisher<AnswerEvent> publisher) throws Exception {
    List<AnswerEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(AnswerEvent item) {
            events.add(item);
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    done.get(10, TimeUnit.SECONDS);
    return events;
  }

  // ---------------------------------------------------------------- errors

  @Test
  void errors_mapIntoTheSdkHierarchy_withRequestIds() {
    assertThatThrownBy(
            () ->
                kb.retrieve(
                    RetrieveRequest.builder().knowledgeBaseId("NOSUCHKB").query("q").build()))
        .isInstanceOf(KnowledgeBaseNotFoundException.class)
        .satisfies(
            e -> {
              KnowledgeBaseNotFoundException k = (KnowledgeBaseNotFoundException) e;
              assertThat(k.statusCode()).isEqualTo(404);
              assertThat(k.requestId()).isNotBlank();
              assertThat(k.retryable()).isFalse();
            });
    emulator.enqueue(Corpus.KB, Fault.accessDenied());
    assertThatThrownBy(() -> kb.retrieve("pump")).isInstanceOf(AccessDeniedException.class);
    emulator.enqueue(Corpus.KB, Fault.serviceQuotaExceeded());
    assertThatThrownBy(() -> kb.retrieve("pump")).isInstanceOf(QuotaExceededException.class);
    emulator.enqueue(Corpus.KB, Fault.error(409, "ConflictException", "busy"));
    assertThatThrownBy(() -> kb.answer("Atlas?"))
        .isInstanceOf(GenAiServiceException.class)
        .satisfies(
            e -> assertThat(((GenAiServiceException) e).errorCode()).isEqualTo("ConflictException"))
        .satisfies(e -> assertThat(((GenAiServiceException) e).retryable()).isFalse());
    emulator.enqueue(Corpus.KB, Fault.validation("bad"));
    assertThatThrownBy(() -> kb.retrieve("pump")).isInstanceOf(ValidationException.class);
    assertThat(SLEEPER.waits()).isEmpty();
  }

  @Test
  void retryableErrors_areRetriedByThePolicy_andTheLastOneIsReported() {
    emulator.enqueue(Corpus.KB, Fault.error(424, "DependencyFailedException", "vector store down"));
    emulator.enqueue(Corpus.KB, Fault.error(502, "BadGatewayException", "model gateway"));
    assertThat(kb.retrieve("pump").passages()).isNotEmpty();
    assertThat(SLEEPER.waits()).hasSize(2);

    SLEEPER.clear();
    for (int i = 0; i < 3; i++) {
      emulator.enqueue(Corpus.KB, Fault.error(502, "BadGatewayException", "model gateway"));
    }
    assertThatThrownBy(() -> kb.answer("Atlas?"))
        .isInstanceOf(ServiceUnavailableException.class)
        .satisfies(e -> assertThat(((ServiceUnavailableException) e).attempts()).isEqualTo(3))
        .hasMessageNotContaining("Atlas?");
    assertThat(emulator.requests())
        .extracting(RecordedRequest::operation)
        .contains("retrieveAndGenerate");
  }

  @Test
  void droppedConnection_isRetryable() {
    emulator.enqueue(Corpus.KB, Fault.dropConnection());
    assertThat(kb.retrieve("pump").passages()).isNotEmpty();
    assertThat(SLEEPER.waits()).hasSize(1);
  }

  private static KnowledgeBaseClient.Builder timed() {
    return KnowledgeBaseClient.builder()
        .knowledgeBaseId(Corpus.KB)
        .defaultModelId(Corpus.MODEL)
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(Corpus.CREDENTIALS)
        .retryPolicy(SLEEPER.policy(3));
  }

  @Test
  void callTimeout_retryThatWouldEndAfterIt_notStarted() {
    // a throttling wait starts at half the 1 s throttling base: past a 300 ms call time-out
    try (KnowledgeBaseClient c = timed().callTimeout(Duration.ofMillis(300)).build()) {
      emulator.enqueue(Corpus.KB, Fault.throttling());
      assertThatThrownBy(() -> c.retrieve("pump"))
          .isInstanceOfSatisfying(
              ThrottlingException.class, e -> assertThat(e.attempts()).isEqualTo(1));
      assertThat(emulator.requests().size()).isEqualTo(1);

      emulator.enqueue(Corpus.KB, Fault.throttling());
      try (AnswerStream stream = c.answerStream(AnswerRequest.of("Cirrus lamp watts"))) {
        assertThatThrownBy(stream::text).isInstanceOf(ThrottlingException.class);
      }
      assertThat(emulator.requests().size()).isEqualTo(2);
    }
    // without the time-out the same fault is retried
    emulator.enqueue(Corpus.KB, Fault.throttling());
    assertThat(kb.retrieve("pump").passages()).isNotEmpty();
    assertThat(emulator.requests().size()).isEqualTo(4);
  }

  @Test
  void callTimeout_slowAnswer_failsWithoutRetry() {
    emulator.enqueue(Corpus.KB, Fault.delayFirstByte(Duration.ofSeconds(2)));
    try (KnowledgeBaseClient c = timed().callTimeout(Duration.ofMillis(300)).build()) {
      assertThatThrownBy(() -> c.answer("Cirrus lamp watts"))
          .isInstanceOfSatisfying(
              GenAiClientException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    }
    assertThat(emulator.requests().size()).isLessThanOrEqualTo(1);
  }

  @Test
  void attemptTimeout_slowAttempts_retriedThenFails() {
    emulator.enqueue(Corpus.KB, Fault.delayFirstByte(Duration.ofSeconds(2)));
    emulator.enqueue(Corpus.KB, Fault.delayFirstByte(Duration.ofSeconds(2)));
    try (KnowledgeBaseClient c =
        timed().retryPolicy(SLEEPER.policy(2)).attemptTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> c.retrieve("pump"))
          .isInstanceOfSatisfying(
              GenAiClientException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.attempts()).isEqualTo(2);
              });
    }
    // an attempt abandoned after 200 ms may not have reached the emulator yet on a busy machine
    assertThat(emulator.requests().size()).isBetween(1, 2);
  }

  @Test
  void builder_sharedSettingsChecked() {
    assertThatThrownBy(() -> KnowledgeBaseClient.builder().callTimeout(Duration.ZERO))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("callTimeout must be positive");
    assertThatThrownBy(() -> KnowledgeBaseClient.builder().retryPolicy(null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("RetryPolicy.none()");
  }
}
