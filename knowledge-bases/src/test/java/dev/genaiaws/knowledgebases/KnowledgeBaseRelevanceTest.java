package dev.genaiaws.knowledgebases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.core.job.AwaitPolicy;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.storage.FileGenerationStore;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/**
 * Relevance over a real corpus (src/test/resources/corpus: 52 short documents, 28 questions, see
 * its SOURCE.md): indexed through {@link KnowledgeBaseIngestion} into the emulator, every question
 * retrieves the document that answers it first, and its answer cites that document.
 */
class KnowledgeBaseRelevanceTest {
  @TempDir Path bucket;

  @Test
  void everyQuestion_retrievesItsSourceDocumentFirst() throws IOException, URISyntaxException {
    Path corpus =
        Path.of(KnowledgeBaseRelevanceTest.class.getResource("/corpus/questions.tsv").toURI())
            .getParent();
    List<String[]> questions = new ArrayList<>();
    try (InputStream in = Files.newInputStream(corpus.resolve("questions.tsv"))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          questions.add(line.split("\t"));
        }
      }
    }
    long documents;
    try (Stream<Path> files = Files.list(corpus)) {
      documents = files.filter(p -> p.toString().endsWith(".txt")).count();
    }
    assertThat(documents).isGreaterThanOrEqualTo(50);
    assertThat(questions).hasSizeGreaterThanOrEqualTo(20);

    RecordingSleeper sleeper = new RecordingSleeper();
    try (KnowledgeBaseEmulator emulator =
            KnowledgeBaseEmulator.builder()
                .knowledgeBase(Corpus.KB, Corpus.DS, Corpus.BUCKET)
                .bucketFolder(Corpus.BUCKET, bucket)
                .start();
        KnowledgeBaseIngestion ingestion =
            KnowledgeBaseIngestion.builder()
                .knowledgeBaseId(Corpus.KB)
                .dataSourceId(Corpus.DS)
                .documentStore(FileGenerationStore.create(bucket))
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
      List<Path> texts;
      try (Stream<Path> files = Files.list(corpus)) {
        texts = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      }
      for (Path t : texts) {
        ingestion.upload(SourceDocument.text(t.getFileName().toString(), Files.readString(t)));
      }
      IngestionJob job = ingestion.start();
      job.await(Duration.ofMinutes(5));
      assertThat(job.statistics().newIndexed()).isEqualTo(documents);

      List<String> misses = new ArrayList<>();
      for (String[] q : questions) {
        String expected = "s3://docs/" + q[1];
        RetrievalPage page =
            kb.retrieve(RetrieveRequest.builder().query(q[0]).numberOfResults(3).build());
        String top = page.first().map(Passage::sourceUri).orElse("(nothing)");
        if (!top.equals(expected)) {
          misses.add(q[0] + " -> " + top + " (expected " + q[1] + ")");
        }
      }
      assertThat(misses).isEmpty();

      Answer answer = kb.answer(questions.get(0)[0]);
      assertThat(answer.sources()).first().isEqualTo("s3://docs/" + questions.get(0)[1]);
    }
  }
}
