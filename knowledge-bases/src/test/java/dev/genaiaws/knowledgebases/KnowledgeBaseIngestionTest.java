package dev.genaiaws.knowledgebases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.exception.GenAiServiceException;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.job.JobDeadlineExceededException;
import dev.genaiaws.core.job.JobSnapshot;
import dev.genaiaws.core.job.JobState;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.storage.StorageConflictException;
import dev.genaiaws.testkit.Fault;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/**
 * Uploading documents and running ingestion jobs against the emulator reading the bucket's folder.
 */
class KnowledgeBaseIngestionTest {
  @TempDir Path bucket;
  @TempDir Path local;
  KnowledgeBaseEmulator emulator;
  final RecordingSleeper sleeper = new RecordingSleeper();
  KnowledgeBaseIngestion ingestion;
  KnowledgeBaseClient kb;

  @BeforeEach
  void start() {
    emulator =
        KnowledgeBaseEmulator.builder()
            .knowledgeBase(Corpus.KB, Corpus.DS, Corpus.BUCKET)
            .bucketFolder(Corpus.BUCKET, bucket)
            .pollsToComplete(3)
            .start();
    ingestion = ingestion(emulator);
    kb =
        KnowledgeBaseClient.builder()
            .knowledgeBaseId(Corpus.KB)
            .defaultModelId(Corpus.MODEL)
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Corpus.CREDENTIALS)
            .retryPolicy(sleeper.policy(1))
            .build();
  }

  private KnowledgeBaseIngestion ingestion(KnowledgeBaseEmulator e) {
    return KnowledgeBaseIngestion.builder()
        .knowledgeBaseId(Corpus.KB)
        .dataSourceId(Corpus.DS)
        .documentStore(FileGenerationStore.create(bucket))
        .prefix("manuals/")
        .endpointOverride(e.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(Corpus.CREDENTIALS)
        .retryPolicy(sleeper.policy(3))
        .awaitPolicy(
            AwaitPolicy.builder().initialDelay(Duration.ofSeconds(5)).sleeper(sleeper).build())
        .build();
  }

  @AfterEach
  void stop() {
    kb.close();
    ingestion.close();
    emulator.close();
  }

  @Test
  void upload_writesTheDocumentAndItsSidecar_andNeverOverwrites() throws IOException {
    String key =
        ingestion.upload(
            SourceDocument.text("atlas.txt", "The Atlas pump moves 40 litres per minute.")
                .withMetadata(Map.of("category", "pump", "year", 2019, "tags", List.of("water"))));
    assertThat(key).isEqualTo("manuals/atlas.txt");
    assertThat(Files.readString(bucket.resolve("manuals/atlas.txt"))).contains("Atlas pump");
    assertThat(Files.readString(bucket.resolve("manuals/atlas.txt.metadata.json")))
        .contains("\"metadataAttributes\":{")
        .contains("\"category\":\"pump\"")
        .contains("\"year\":2019")
        .contains("\"tags\":[\"water\"]");

    assertThatThrownBy(() -> ingestion.upload(SourceDocument.text("atlas.txt", "replaced")))
        .isInstanceOf(StorageConflictException.class);
    assertThat(Files.readString(bucket.resolve("manuals/atlas.txt"))).contains("Atlas pump");

    ingestion.upload(SourceDocument.text("atlas.txt", "The Atlas pump was replaced."), true);
    assertThat(Files.readString(bucket.resolve("manuals/atlas.txt")))
        .isEqualTo("The Atlas pump was replaced.");
    assertThat(bucket.resolve("manuals/atlas.txt.metadata.json")).doesNotExist();
    assertThat(ingestion.listDocuments())
        .extracting(o -> o.key())
        .containsExactly("manuals/atlas.txt");
  }

  @Test
  void ingest_reportsStatistics_andTheDocumentsBecomeSearchable() {
    ingestion.upload(
        SourceDocument.text("atlas.txt", "The Atlas pump moves 40 litres per minute.")
            .withMetadata(Map.of("category", "pump")));
    ingestion.upload(
        SourceDocument.text("dawn.txt", "The Dawn lamp wakes you with a slow sunrise."));
    ingestion.upload(
        SourceDocument.of("scan.pdf", "%PDF-1.4 not text".getBytes(StandardCharsets.UTF_8)));
    ingestion.upload(SourceDocument.of("broken.txt", new byte[] {(byte) 0xC3, (byte) 0x28}));

    IngestionJob job = ingestion.start("first load");
    assertThat(job.lastSnapshot().state()).isEqualTo(JobState.QUEUED);
    JobSnapshot<IngestionStatus> done = job.await(Duration.ofMinutes(10));

    assertThat(done.status()).isEqualTo(IngestionStatus.COMPLETE);
    IngestionStatistics s = job.statistics();
    assertThat(s.scanned()).isEqualTo(4);
    assertThat(s.metadataScanned()).isEqualTo(1);
    assertThat(s.newIndexed()).isEqualTo(2);
    assertThat(s.failed()).isEqualTo(2);
    assertThat(s.failureReasons())
        .hasSize(2)
        .anySatisfy(r -> assertThat(r).contains("scan.pdf"))
        .anySatisfy(r -> assertThat(r).contains("broken.txt"));
    assertThat(done.progress().failed()).isEqualTo(2);
    // three polls: waits of 5 s and 10 s between them, through the injected sleeper
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));

    assertThat(kb.retrieve("sunrise lamp").first().orElseThrow().sourceUri())
        .isEqualTo("s3://docs/manuals/dawn.txt");
    assertThat(
            kb.retrieve(
                    RetrieveRequest.builder()
                        .query("pump lamp")
                        .filter(MetadataFilter.equalTo("category", "pump"))
                        .build())
                .passages())
        .extracting(Passage::sourceUri)
        .containsExactly("s3://docs/manuals/atlas.txt");
  }

  @Test
  void reingest_countsModifiedAndDeleted_andAttachReadsAJobById() throws IOException {
    ingestion.upload(SourceDocument.text("a.txt", "Alpha text about gears."));
    ingestion.upload(SourceDocument.text("b.txt", "Bravo text about springs."));
    ingestion.start().await(Duration.ofMinutes(10));

    ingestion.upload(SourceDocument.text("a.txt", "Alpha text about gears and chains."), true);
    ingestion.deleteDocument("b.txt");
    IngestionJob second = ingestion.start();
    IngestionJob attached = ingestion.attach(second.id());
    attached.await(Duration.ofMinutes(10));
    IngestionStatistics s = attached.statistics();
    assertThat(s.scanned()).isEqualTo(1);
    assertThat(s.modifiedIndexed()).isEqualTo(1);
    assertThat(s.deleted()).isEqualTo(1);
    assertThat(ingestion.jobs()).extracting(IngestionJob::id).contains(second.id());
    assertThat(kb.retrieve("springs").passages()).isEmpty();
  }

  @Test
  void uploadFolder_takesFilesAndSidecars() throws IOException {
    Files.writeString(local.resolve("cirrus.txt"), "The Cirrus lamp glows blue.");
    Files.writeString(
        local.resolve("cirrus.txt.metadata.json"),
        "{\"metadataAttributes\":{\"category\":\"lamp\"}}");
    Files.createDirectories(local.resolve("sub"));
    Files.writeString(local.resolve("sub/ember.md"), "The Ember kettle boils water.");
    assertThat(ingestion.uploadFolder(local))
        .containsExactly(
            "manuals/cirrus.txt", "manuals/cirrus.txt.metadata.json", "manuals/sub/ember.md");
    ingestion.start().await(Duration.ofMinutes(10));
    assertThat(
            kb.retrieve(
                    RetrieveRequest.builder()
                        .query("glows blue kettle")
                        .filter(MetadataFilter.equalTo("category", "lamp"))
                        .build())
                .passages())
        .extracting(Passage::sourceUri)
        .containsExactly("s3://docs/manuals/cirrus.txt");
  }

  @Test
  void await_deadline_throws_andTheJobKeepsRunning_thenStop() {
    try (KnowledgeBaseEmulator slow =
            KnowledgeBaseEmulator.builder()
                .knowledgeBase(Corpus.KB, Corpus.DS, Corpus.BUCKET)
                .bucketFolder(Corpus.BUCKET, bucket)
                .pollsToComplete(1000)
                .start();
        KnowledgeBaseIngestion i = ingestion(slow)) {
      IngestionJob job = i.start();
      assertThatThrownBy(() -> job.await(Duration.ofSeconds(30)))
          .isInstanceOf(JobDeadlineExceededException.class)
          .hasMessageContaining(job.id());
      assertThat(sleeper.waits().stream().mapToLong(Duration::toMillis).sum())
          .isLessThanOrEqualTo(30_000);
      assertThat(job.refresh().status()).isEqualTo(IngestionStatus.IN_PROGRESS);

      // a second job while one runs is the service's conflict
      assertThatThrownBy(i::start)
          .isInstanceOf(GenAiServiceException.class)
          .satisfies(
              e ->
                  assertThat(((GenAiServiceException) e).errorCode())
                      .isEqualTo("ConflictException"));
      job.stop();
      assertThat(job.lastSnapshot().status()).isEqualTo(IngestionStatus.STOPPED);
      assertThat(job.refresh().state()).isEqualTo(JobState.STOPPED);
    }
  }

  @Test
  void serviceErrors_areRetried_thenMapped() {
    emulator.enqueue(Corpus.KB, Fault.throttling());
    IngestionJob job = ingestion.start();
    assertThat(job.id()).isNotBlank();
    assertThat(sleeper.waits()).hasSize(1);
    assertThatThrownBy(() -> ingestion.attach("NOSUCHJOB"))
        .isInstanceOf(KnowledgeBaseNotFoundException.class);
    assertThat(ingestion.dataSourceBucket()).isEqualTo(Corpus.BUCKET);
  }
}
