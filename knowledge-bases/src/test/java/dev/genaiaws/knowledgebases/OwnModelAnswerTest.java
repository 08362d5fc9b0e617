package dev.genaiaws.knowledgebases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.KnowledgeBaseEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** "Bring your own model": retrieve from the knowledge base, generate with any GenerationClient. */
class OwnModelAnswerTest {
  @TempDir static Path folder;
  static KnowledgeBaseEmulator kbEmulator;
  static BedrockEmulator bedrock;
  static KnowledgeBaseClient kb;
  static BedrockGenerationClient model;

  @BeforeAll
  static void start() {
    Corpus.catalogue(folder);
    kbEmulator =
        KnowledgeBaseEmulator.builder()
            .knowledgeBase(Corpus.KB, Corpus.DS, Corpus.BUCKET)
            .bucketFolder(Corpus.BUCKET, folder)
            .start();
    Corpus.ingest(kbEmulator.endpoint());
    bedrock = BedrockEmulator.start();
    kb =
        KnowledgeBaseClient.builder()
            .knowledgeBaseId(Corpus.KB)
            .defaultModelId(Corpus.MODEL)
            .endpointOverride(kbEmulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Corpus.CREDENTIALS)
            .retryPolicy(new RecordingSleeper().policy(1))
            .build();
    model =
        BedrockGenerationClient.builder()
            .endpointOverride(bedrock.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Corpus.CREDENTIALS)
            .build();
  }

  @AfterAll
  static void stop() {
    model.close();
    kb.close();
    bedrock.close();
    kbEmulator.close();
  }

  @Test
  void answerWith_handsPassagesToTheModel_andMapsItsMarkersBackToCitations() {
    // what the model writes is scripted: a real Claude Messages body whose text cites results [1]
    // and [2]
    bedrock.enqueueResponse(
        Corpus.MODEL,
        "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-3-haiku-20240307\",\"content\":[{\"type\":\"text\",\"text\":\"The Borealis pump is"
            + " silent [1]. Atlas is louder but cheaper [2][1]. Ask a dealer for more.\"}],\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":120,\"output_tokens\":22}}");
    Answer answer =
        kb.answerWith(
            model,
            AnswerRequest.builder()
                .question("Which pump is silent and which is" + " cheaper, Borealis or Atlas?")
                .numberOfResults(2)
                .inferenceConfig(c -> c.maxTokens(300))
                .build());

    String prompt = new String(bedrock.takeRequest().body(), StandardCharsets.UTF_8);
    assertThat(prompt)
        .contains("[1] (source: s3://docs/pumps/")
        .contains("[2] (source: s3://docs/pumps/")
        .contains("Question: Which pump is silent")
        .contains("\"max_tokens\":300");
    RetrievalPage retrieved =
        kb.retrieve(
            RetrieveRequest.builder()
                .query("Which pump is silent and which is" + " cheaper, Borealis or Atlas?")
                .numberOfResults(2)
                .build());

    assertThat(answer.citations()).hasSize(2);
    Citation first = answer.citations().get(0);
    assertThat(answer.text().substring(first.start(), first.end()))
        .isEqualTo("The Borealis pump is silent [1].");
    assertThat(first.passages())
        .extracting(Passage::sourceUri)
        .containsExactly(retrieved.passages().get(0).sourceUri());
    Citation second = answer.citations().get(1);
    assertThat(second.passages())
        .extracting(Passage::sourceUri)
        .containsExactly(
            retrieved.passages().get(1).sourceUri(), retrieved.passages().get(0).sourceUri());
    assertThat(answer.sessionId()).isNull();
  }

  @Test
  void answerWith_fillsTheCallersTemplate() {
    bedrock.enqueueResponse(
        Corpus.MODEL,
        "{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-3-haiku-20240307\",\"content\":[{\"type\":\"text\",\"text\":\"Nine watts.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":50,\"output_tokens\":3}}");
    Answer answer =
        kb.answerWith(
            model,
            AnswerRequest.builder()
                .question("Dawn lamp watts?")
                .promptTemplate("Results:\n$search_results$\nQ: $query$")
                .build());
    String prompt = new String(bedrock.takeRequest().body(), StandardCharsets.UTF_8);
    assertThat(prompt)
        .contains("Results:\\n[1] (source: s3://docs/lamps/dawn.txt)")
        .contains("Q: Dawn lamp watts?");
    assertThat(answer.text()).isEqualTo("Nine watts.");
    assertThat(answer.citations()).isEmpty();
  }
}
