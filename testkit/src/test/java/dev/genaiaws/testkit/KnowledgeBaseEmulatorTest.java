package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.bedrockagent.model.ConflictException;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJob;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobStatus;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.BedrockAgentRuntimeException;
import software.amazon.awssdk.services.bedrockagentruntime.model.Citation;
import software.amazon.awssdk.services.bedrockagentruntime.model.CitationEvent;
import software.amazon.awssdk.services.bedrockagentruntime.model.DependencyFailedException;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalFilter;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateOutputEvent;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockagentruntime.model.ValidationException;

/**
 * The knowledge-base emulator through the raw AWS SDK clients: what it answers is what the SDK
 * parses.
 */
class KnowledgeBaseEmulatorTest {
  private static final String KB = "KB12345678";
  private static final String DS = "DS12345678";
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

  @TempDir static Path docs;
  static KnowledgeBaseEmulator emulator;
  static BedrockAgentClient agent;
  static BedrockAgentRuntimeClient runtime;

  @BeforeAll
  static void start() throws IOException {
    write(
        "pumps/atlas.txt",
        "The Atlas pump moves 40 litres per minute. It was released in 2019 and costs 300 euros.");
    write(
        "pumps/atlas.txt.metadata.json",
        "{\"metadataAttributes\":{\"category\":\"pump\",\"year\":2019,"
            + "\"tags\":[\"water\",\"garden\"]}}");
    write(
        "pumps/borealis.md",
        "# Borealis\nThe Borealis pump is silent. Borealis was released in 2023.");
    write(
        "pumps/borealis.md.metadata.json",
        "{\"metadataAttributes\":{\"category\":{\"value\":{\"type\":\"STRING\","
            + "\"stringValue\":\"pump\"}},\"year\":{\"value\":{\"type\":\"NUMBER\",\"numberValue\":2023}}}}");
    write("lamps/cirrus.txt", "The Cirrus lamp glows blue. Cirrus lamps use 4 watts.");
    write(
        "lamps/cirrus.txt.metadata.json",
        "{\"metadataAttributes\":{\"category\":\"lamp\",\"year\":2021}}");
    Files.write(docs.resolve("lamps/broken.txt"), new byte[] {(byte) 0xC3, (byte) 0x28});
    write("manual.pdf", "%PDF-1.4");
    emulator =
        KnowledgeBaseEmulator.builder()
            .knowledgeBase(KB, DS, "docs")
            .bucketFolder("docs", docs)
            .guardrailDeniedWords("weapon")
            .start();
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
    agent =
        BedrockAgentClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(creds)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    runtime =
        BedrockAgentRuntimeClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(creds)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    IngestionJob job = ingest();
    assertThat(job.status()).isEqualTo(IngestionJobStatus.COMPLETE);
  }

  @AfterAll
  static void stop() {
    agent.close();
    runtime.close();
    emulator.close();
  }

  private static void write(String key, String text) throws IOException {
    Path p = docs.resolve(key);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private static IngestionJob ingest() {
    String id =
        agent
            .startIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS))
            .ingestionJob()
            .ingestionJobId();
    IngestionJob job;
    do {
      job =
          agent
              .getIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS).ingestionJobId(id))
              .ingestionJob();
    } while (job.status() == IngestionJobStatus.STARTING
        || job.status() == IngestionJobStatus.IN_PROGRESS);
    return job;
  }

  @Test
  void ingestion_countsScannedIndexedFailed_andReportsReasons() {
    IngestionJob first =
        agent
            .listIngestionJobs(r -> r.knowledgeBaseId(KB).dataSourceId(DS))
            .ingestionJobSummaries()
            .stream()
            .map(s -> s.ingestionJobId())
            .findFirst()
            .map(
                id ->
                    agent
                        .getIngestionJob(
                            r -> r.knowledgeBaseId(KB).dataSourceId(DS).ingestionJobId(id))
                        .ingestionJob())
            .orElseThrow();
    // the job of @BeforeAll may have been cleared by another test's reset; run one more either way
    IngestionJob again = ingest();
    assertThat(again.statistics().numberOfDocumentsScanned()).isEqualTo(5);
    assertThat(again.statistics().numberOfMetadataDocumentsScanned()).isEqualTo(3);
    assertThat(again.statistics().numberOfNewDocumentsIndexed()).isZero(); // nothing changed since
    assertThat(again.statistics().numberOfDocumentsFailed()).isEqualTo(2);
    assertThat(again.failureReasons())
        .anySatisfy(r -> assertThat(r).contains("manual.pdf"))
        .anySatisfy(r -> assertThat(r).contains("broken.txt").contains("UTF-8"));
    assertThat(first.startedAt()).isNotNull();
  }

  @Test
  void startIngestionJob_whileOneRuns_isConflict() {
    String id =
        agent
            .startIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS))
            .ingestionJob()
            .ingestionJobId();
    assertThatThrownBy(() -> agent.startIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS)))
        .isInstanceOf(ConflictException.class);
    while (agent
            .getIngestionJob(r -> r.knowledgeBaseId(KB).dataSourceId(DS).ingestionJobId(id))
            .ingestionJob()
            .status()
        != IngestionJobStatus.COMPLETE) {
      // polls advance the job
    }
  }

  @Test
  void getDataSource_namesTheBucketAndChunking() {
    var ds = agent.getDataSource(r -> r.knowledgeBaseId(KB).dataSourceId(DS)).dataSource();
    assertThat(ds.dataSourceConfiguration().s3Configuration().bucketArn())
        .isEqualTo("arn:aws:s3:::docs");
    assertThat(ds.vectorIngestionConfiguration().chunkingConfiguration().chunkingStrategyAsString())
        .isEqualTo("FIXED_SIZE");
  }

  @Test
  void retrieve_findsTheDocumentThatAnswers_withLocationAndMetadata() {
    RetrieveResponse r =
        runtime.retrieve(q -> q.knowledgeBaseId(KB).retrievalQuery(t -> t.text("silent pump")));
    KnowledgeBaseRetrievalResult top = r.retrievalResults().get(0);
    assertThat(top.location().s3Location().uri()).isEqualTo("s3://docs/pumps/borealis.md");
    assertThat(top.content().text()).contains("silent");
    assertThat(top.score()).isBetween(0.0, 1.0);
    assertThat(top.metadata().get("year").asNumber().intValue()).isEqualTo(2023);
    assertThat(top.metadata().get("x-amz-bedrock-kb-data-source-id").asString()).isEqualTo(DS);
  }

  @Test
  void retrieve_filtersAndPages() {
    RetrievalFilter pumpsAfter2020 =
        RetrievalFilter.builder()
            .andAll(
                RetrievalFilter.builder()
                    .equalsValue(f -> f.key("category").value(Document.fromString("pump")))
                    .build(),
                RetrievalFilter.builder()
                    .greaterThan(f -> f.key("year").value(Document.fromNumber(2020)))
                    .build())
            .build();
    RetrieveResponse r =
        runtime.retrieve(
            q ->
                q.knowledgeBaseId(KB)
                    .retrievalQuery(t -> t.text("pump released"))
                    .retrievalConfiguration(
                        c -> c.vectorSearchConfiguration(v -> v.filter(pumpsAfter2020))));
    assertThat(r.retrievalResults())
        .extracting(x -> x.location().s3Location().uri())
        .containsExactly("s3://docs/pumps/borealis.md");

    RetrieveResponse listed =
        runtime.retrieve(
            q ->
                q.knowledgeBaseId(KB)
                    .retrievalQuery(t -> t.text("pump"))
                    .retrievalConfiguration(
                        c ->
                            c.vectorSearchConfiguration(
                                v ->
                                    v.filter(
                                        RetrievalFilter.builder()
                                            .listContains(
                                                f ->
                                                    f.key("tags")
                                                        .value(Document.fromString("water")))
                                            .build()))));
    assertThat(listed.retrievalResults()).hasSize(1);

    List<String> uris = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t0 = token;
      RetrieveResponse page =
          runtime.retrieve(
              q ->
                  q.knowledgeBaseId(KB)
                      .retrievalQuery(t -> t.text("pump lamp released glows"))
                      .retrievalConfiguration(
                          c -> c.vectorSearchConfiguration(v -> v.numberOfResults(1)))
                      .nextToken(t0));
      page.retrievalResults().forEach(x -> uris.add(x.location().s3Location().uri()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(uris)
        .containsExactlyInAnyOrder(
            "s3://docs/pumps/atlas.txt",
            "s3://docs/pumps/borealis.md",
            "s3://docs/lamps/cirrus.txt");
  }

  @Test
  void retrieve_rejectsWhatTheServiceRejects() {
    assertThatThrownBy(
            () -> runtime.retrieve(q -> q.knowledgeBaseId("NOPE").retrievalQuery(t -> t.text("x"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> runtime.retrieve(q -> q.knowledgeBaseId(KB).retrievalQuery(t -> t.text(" "))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                runtime.retrieve(
                    q ->
                        q.knowledgeBaseId(KB)
                            .retrievalQuery(t -> t.text("pump"))
                            .retrievalConfiguration(
                                c -> c.vectorSearchConfiguration(v -> v.numberOfResults(101)))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("100");
    assertThatThrownBy(
            () ->
                runtime.retrieve(
                    q ->
                        q.knowledgeBaseId(KB)
                            .retrievalQuery(t -> t.text("pump"))
                            .retrievalConfiguration(
                                c ->
                                    c.vectorSearchConfiguration(
                                        v ->
                                            v.filter(
                                                RetrievalFilter.builder()
                                                    .andAll(
                                                        RetrievalFilter.builder()
                                                            .equalsValue(
                                                                f ->
                                                                    f.key("a")
                                                                        .value(
                                                                            Document.fromString(
                                                                                "b")))
                                                            .build())
                                                    .build())))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("between 2 and 5");
  }

  @Test
  void retrieveAndGenerate_citesTheChunkEachSentenceCameFrom_andKeepsTheSession() {
    RetrieveAndGenerateResponse first =
        runtime.retrieveAndGenerate(
            r ->
                r.input(i -> i.text("How much does the Atlas pump cost?"))
                    .retrieveAndGenerateConfiguration(
                        c ->
                            c.type("KNOWLEDGE_BASE")
                                .knowledgeBaseConfiguration(
                                    k -> k.knowledgeBaseId(KB).modelArn(MODEL))));
    assertThat(first.output().text()).contains("300 euros");
    Citation c = first.citations().get(0);
    var part = c.generatedResponsePart().textResponsePart();
    assertThat(first.output().text().substring(part.span().start(), part.span().end() + 1))
        .isEqualTo(part.text());
    assertThat(c.retrievedReferences().get(0).location().s3Location().uri())
        .isEqualTo("s3://docs/pumps/atlas.txt");
    assertThat(c.retrievedReferences().get(0).content().text()).contains(part.text());

    RetrieveAndGenerateResponse followUp =
        runtime.retrieveAndGenerate(
            r ->
                r.sessionId(first.sessionId())
                    .input(i -> i.text("When was it released?"))
                    .retrieveAndGenerateConfiguration(
                        cfg ->
                            cfg.type("KNOWLEDGE_BASE")
                                .knowledgeBaseConfiguration(
                                    k -> k.knowledgeBaseId(KB).modelArn(MODEL))));
    assertThat(followUp.sessionId()).isEqualTo(first.sessionId());
    assertThat(
            followUp.citations().get(0).retrievedReferences().get(0).location().s3Location().uri())
        .isEqualTo("s3://docs/pumps/atlas.txt");
    assertThat(followUp.output().text()).contains("2019");
  }

  @Test
  void retrieveAndGenerate_validatesLikeTheService() {
    assertThatThrownBy(
            () ->
                runtime.retrieveAndGenerate(
                    r ->
                        r.input(i -> i.text("pump"))
                            .retrieveAndGenerateConfiguration(
                                c ->
                                    c.type("KNOWLEDGE_BASE")
                                        .knowledgeBaseConfiguration(
                                            k ->
                                                k.knowledgeBaseId(KB)
                                                    .modelArn(MODEL)
                                                    .generationConfiguration(
                                                        g ->
                                                            g.promptTemplate(
                                                                p ->
                                                                    p.textPromptTemplate(
                                                                        "Answer: $query$")))))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("$search_results$");
    assertThatThrownBy(
            () ->
                runtime.retrieveAndGenerate(
                    r ->
                        r.input(i -> i.text("pump"))
                            .retrieveAndGenerateConfiguration(
                                c ->
                                    c.type("KNOWLEDGE_BASE")
                                        .knowledgeBaseConfiguration(
                                            k ->
                                                k.knowledgeBaseId(KB)
                                                    .modelArn(MODEL)
                                                    .generationConfiguration(
                                                        g ->
                                                            g.inferenceConfig(
                                                                ic ->
                                                                    ic.textInferenceConfig(
                                                                        t ->
                                                                            t.stopSequences(
                                                                                "a", "b", "c", "d",
                                                                                "e"))))))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                runtime.retrieveAndGenerate(
                    r ->
                        r.sessionId("no-such-session")
                            .input(i -> i.text("pump"))
                            .retrieveAndGenerateConfiguration(
                                c ->
                                    c.type("KNOWLEDGE_BASE")
                                        .knowledgeBaseConfiguration(
                                            k -> k.knowledgeBaseId(KB).modelArn(MODEL)))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void faults_renderTheServicesErrors() {
    emulator.enqueue(KB, Fault.error(424, "DependencyFailedException", "the vector store failed"));
    assertThatThrownBy(
            () -> runtime.retrieve(q -> q.knowledgeBaseId(KB).retrievalQuery(t -> t.text("pump"))))
        .isInstanceOf(DependencyFailedException.class)
        .hasMessageContaining("vector store");
    emulator.enqueue(Fault.throttling());
    assertThatThrownBy(
            () -> runtime.retrieve(q -> q.knowledgeBaseId(KB).retrievalQuery(t -> t.text("pump"))))
        .isInstanceOf(ThrottlingException.class);
  }

  @Test
  void stream_deliversTextThenCitations_withTheSessionHeader_throughTheAsyncSdk() throws Exception {
    try (BedrockAgentRuntimeAsyncClient async =
        BedrockAgentRuntimeAsyncClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      StringBuilder text = new StringBuilder();
      List<CitationEvent> citations = new ArrayList<>();
      String[] session = new String[1];
      RetrieveAndGenerateStreamRequest request =
          RetrieveAndGenerateStreamRequest.builder()
              .input(i -> i.text("What colour does the Cirrus lamp glow?"))
              .retrieveAndGenerateConfiguration(
                  c ->
                      c.type("KNOWLEDGE_BASE")
                          .knowledgeBaseConfiguration(k -> k.knowledgeBaseId(KB).modelArn(MODEL)))
              .build();
      CompletableFuture<Void> done =
          async.retrieveAndGenerateStream(
              request,
              RetrieveAndGenerateStreamResponseHandler.builder()
                  .onResponse(r -> session[0] = r.sessionId())
                  .subscriber(
                      RetrieveAndGenerateStreamResponseHandler.Visitor.builder()
                          .onOutput((RetrieveAndGenerateOutputEvent o) -> text.append(o.text()))
                          .onCitation(citations::add)
                          .build())
                  .build());
      done.get(10, TimeUnit.SECONDS);
      assertThat(session[0]).isNotBlank();
      assertThat(text.toString()).contains("glows blue");
      assertThat(citations).isNotEmpty();
      var span = citations.get(0).generatedResponsePart().textResponsePart().span();
      assertThat(text.substring(span.start(), span.end() + 1))
          .isEqualTo(citations.get(0).generatedResponsePart().textResponsePart().text());

      emulator.enqueue(KB, Fault.inStream(Fault.StreamError.THROTTLING, 1));
      StringBuilder partial = new StringBuilder();
      CompletableFuture<Void> failed =
          async.retrieveAndGenerateStream(
              request,
              RetrieveAndGenerateStreamResponseHandler.builder()
                  .subscriber(
                      RetrieveAndGenerateStreamResponseHandler.Visitor.builder()
                          .onOutput((RetrieveAndGenerateOutputEvent o) -> partial.append(o.text()))
                          .build())
                  .build());
      assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(ThrottlingException.class);
      assertThat(partial.toString()).isNotEmpty();
    }
  }

  @Test
  void guardrail_intervenes_onDeniedWords() {
    RetrieveAndGenerateResponse r =
        runtime.retrieveAndGenerate(
            q ->
                q.input(i -> i.text("Is the Atlas pump a weapon?"))
                    .retrieveAndGenerateConfiguration(
                        c ->
                            c.type("KNOWLEDGE_BASE")
                                .knowledgeBaseConfiguration(
                                    k ->
                                        k.knowledgeBaseId(KB)
                                            .modelArn(MODEL)
                                            .generationConfiguration(
                                                g ->
                                                    g.guardrailConfiguration(
                                                        gr ->
                                                            gr.guardrailId("gr1")
                                                                .guardrailVersion("1"))))));
    assertThat(r.guardrailActionAsString()).isEqualTo("INTERVENED");
    assertThat(r.citations()).isEmpty();
  }

  @Test
  void unknownOperation_is404() {
    assertThatThrownBy(() -> agent.getKnowledgeBase(r -> r.knowledgeBaseId("ZZZ")))
        .isInstanceOf(
            software.amazon.awssdk.services.bedrockagent.model.ResourceNotFoundException.class);
    assertThat(agent.getKnowledgeBase(r -> r.knowledgeBaseId(KB)).knowledgeBase().statusAsString())
        .isEqualTo("ACTIVE");
    assertThat(BedrockAgentRuntimeException.class).isNotNull();
  }
}
