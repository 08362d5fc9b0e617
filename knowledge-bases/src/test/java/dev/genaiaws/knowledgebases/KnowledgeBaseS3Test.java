package dev.genaiaws.knowledgebases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.storage.S3GenerationStore;
import dev.genaiaws.storage.StorageConflictException;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The production path end to end: documents uploaded through {@link S3GenerationStore} to an S3
 * bucket (S3Mock, in process), the emulator's ingestion reading that bucket over the S3 API, and
 * the client answering from it. S3Mock starts once: it is the module's only S3 test.
 */
class KnowledgeBaseS3Test {
  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withInitialBuckets(Corpus.BUCKET)
          .build();

  @Test
  void uploadsToS3_areIngestedFromS3_andAnswered() {
    RecordingSleeper sleeper = new RecordingSleeper();
    try (S3Client s3 = S3_MOCK.createS3ClientV2();
        KnowledgeBaseEmulator emulator =
            KnowledgeBaseEmulator.builder()
                .knowledgeBase(Corpus.KB, Corpus.DS, Corpus.BUCKET, List.of("manuals/"))
                .s3Client(s3)
                .fixedSizeChunking(20, 25)
                .start();
        KnowledgeBaseIngestion ingestion =
            KnowledgeBaseIngestion.builder()
                .knowledgeBaseId(Corpus.KB)
                .dataSourceId(Corpus.DS)
                .prefix("manuals/")
                .documentStore(
                    S3GenerationStore.builder().s3Client(s3).bucket(Corpus.BUCKET).build())
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(Corpus.CREDENTIALS)
                .awaitPolicy(AwaitPolicy.builder().sleeper(sleeper).build())
                .build();
        KnowledgeBaseClient kb =
            KnowledgeBaseClient.builder()
                .knowledgeBaseId(Corpus.KB)
                .defaultModelId(Corpus.MODEL)
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(Corpus.CREDENTIALS)
                .build()) {
      // a long document: fixed-size chunks of 20 words with 25 % overlap
      StringBuilder manual = new StringBuilder();
      for (int i = 1; i <= 12; i++) {
        manual
            .append("Section ")
            .append(i)
            .append(" covers routine care of the Atlas pump housing and seals. ");
      }
      manual.append("The Atlas impeller must be replaced every 4000 operating hours.");
      ingestion.upload(
          SourceDocument.text("atlas-manual.txt", manual.toString())
              .withMetadata(Map.of("category", "pump", "year", 2019)));
      ingestion.upload(
          SourceDocument.text("dawn.txt", "The Dawn lamp wakes you with a slow sunrise."));
      // outside the data source's inclusion prefix: never ingested
      s3.putObject(
          r -> r.bucket(Corpus.BUCKET).key("drafts/secret.txt"),
          RequestBody.fromString("The impeller draft is secret.", StandardCharsets.UTF_8));

      IngestionJob job = ingestion.start();
      job.await(Duration.ofMinutes(5));
      assertThat(job.statistics().scanned()).isEqualTo(2);
      assertThat(job.statistics().metadataScanned()).isEqualTo(1);
      assertThat(job.statistics().newIndexed()).isEqualTo(2);
      assertThat(emulator.chunkCount(Corpus.KB)).isGreaterThan(5);

      Passage top = kb.retrieve("When must the impeller be replaced?").first().orElseThrow();
      assertThat(top.sourceUri()).isEqualTo("s3://docs/manuals/atlas-manual.txt");
      assertThat(top.text()).contains("4000 operating hours").hasSizeLessThan(manual.length());
      assertThat(top.metadata()).containsEntry("category", "pump");
      Answer answer = kb.answer("When must the Atlas impeller be replaced?");
      assertThat(answer.text()).contains("4000 operating hours");
      assertThat(answer.sources()).containsExactly("s3://docs/manuals/atlas-manual.txt");

      assertThatThrownBy(() -> ingestion.upload(SourceDocument.text("dawn.txt", "other")))
          .isInstanceOf(StorageConflictException.class);
      ingestion.upload(SourceDocument.text("dawn.txt", "The Dawn lamp now plays birdsong."), true);
      IngestionJob again = ingestion.start();
      again.await(Duration.ofMinutes(5));
      assertThat(again.statistics().modifiedIndexed()).isEqualTo(1);
      assertThat(again.statistics().newIndexed()).isZero();
      assertThat(kb.retrieve("birdsong").first().orElseThrow().sourceUri())
          .isEqualTo("s3://docs/manuals/dawn.txt");
    }
  }
}
