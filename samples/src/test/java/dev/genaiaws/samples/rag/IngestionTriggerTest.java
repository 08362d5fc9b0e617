package dev.genaiaws.samples.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.knowledgebases.KnowledgeBaseIngestion;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The ingestion trigger: an S3 event starts a job; while one runs it reports "busy" instead of
 * failing.
 */
class IngestionTriggerTest {
  @TempDir Path bucket;

  @Test
  void s3Event_startsAJob_andASecondWhileItRunsIsBusy() {
    try (KnowledgeBaseEmulator emulator =
            KnowledgeBaseEmulator.builder()
                .knowledgeBase("KB1", "DS1", "docs")
                .bucketFolder("docs", bucket)
                .start();
        IngestionTrigger trigger =
            new IngestionTrigger(
                KnowledgeBaseIngestion.builder()
                    .knowledgeBaseId("KB1")
                    .dataSourceId("DS1")
                    .documentStore(FileGenerationStore.create(bucket))
                    .endpointOverride(emulator.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .retryPolicy(new RecordingSleeper().policy(1))
                    .build())) {
      Map<String, Object> event =
          Map.of(
              "source",
              "aws.s3",
              "detail-type",
              "Object Created",
              "detail",
              Map.of("bucket", Map.of("name", "docs"), "object", Map.of("key", "atlas.txt")));
      String id = trigger.handleRequest(event, null);
      assertThat(id).isNotBlank().isNotEqualTo("busy");
      assertThat(trigger.handleRequest(event, null)).isEqualTo("busy");
      assertThat(emulator.requests())
          .extracting(r -> r.operation())
          .containsExactly("startIngestionJob", "startIngestionJob");
    }
  }
}
