package dev.genaiaws.customization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.Message;
import dev.genaiaws.core.TextBlock;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every data rule, on JSONL written by {@link TrainingData#toJsonl} or by hand, with its line
 * number.
 */
class TrainingDataTest {
  private static final CustomizableModel TITAN =
      CustomizableModel.of("amazon.titan-text-express-v1");
  private static final CustomizableModel LITE = CustomizableModel.of("amazon.titan-text-lite-v1");
  private static final CustomizableModel HAIKU =
      CustomizableModel.of("anthropic.claude-3-haiku-20240307-v1:0:200k");
  private static final CustomizableModel NOVA = CustomizableModel.of("amazon.nova-micro-v1:0");
  private static final CustomizableModel IMAGE =
      CustomizableModel.of("amazon.titan-image-generator-v1");
  private static final CustomizableModel EMBED =
      CustomizableModel.of("amazon.titan-embed-image-v1");

  private static byte[] lines(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static List<DataViolation> ft(CustomizableModel m, byte[] training) {
    return TrainingData.check(m, CustomizationType.FINE_TUNING, null, training, null, null);
  }

  @Test
  void toJsonl_promptCompletion_oneCompactLineEach() {
    byte[] jsonl =
        TrainingData.toJsonl(
            List.of(
                TrainingExample.promptCompletion("Q1 é", "A1"),
                TrainingExample.promptCompletion("Q2", "A2")));

    assertThat(new String(jsonl, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"prompt\":\"Q1 é\",\"completion\":\"A1\"}\n{\"prompt\":\"Q2\",\"completion\":\"A2\"}\n");
    assertThat(ft(TITAN, jsonl)).isEmpty();
  }

  @Test
  void toJsonl_conversation_bedrockConversation2024Shape() {
    byte[] jsonl =
        TrainingData.toJsonl(
            List.of(
                TrainingExample.conversation(
                    "Be terse.", List.of(Message.user("Hi"), Message.assistant("Hello.")))));

    assertThat(new String(jsonl, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"schemaVersion\":\"bedrock-conversation-2024\","
                + "\"system\":[{\"text\":\"Be terse.\"}],\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello.\"}]}]}\n");
    assertThat(ft(HAIKU, jsonl)).isEmpty();
  }

  @Test
  void toJsonl_textAndImage_fieldsAsDocumented() {
    assertThat(
            new String(
                TrainingData.toJsonl(
                    List.of(
                        TrainingExample.text("Domain text"),
                        TrainingExample.imageCaption("s3://b/cat.png", "A cat"))),
                StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"input\":\"Domain text\"}\n{\"image-ref\":\"s3://b/cat.png\",\"caption\":\"A cat\"}\n");
  }

  @Test
  void check_manyBadLines_reportsEveryOneWithItsLine() {
    byte[] file =
        lines(
            "{\"prompt\":\"ok\",\"completion\":\"fine\"}",
            "not json",
            "{\"prompt\":\"q\"}",
            "",
            "{\"prompt\":\"q\",\"completion\":\"   \"}",
            "[1,2]",
            "{\"prompt\":5,\"completion\":\"x\"}");

    List<DataViolation> v = ft(TITAN, file);

    assertThat(v).extracting(DataViolation::line).containsExactly(2, 3, 4, 5, 6, 7);
    assertThat(v.get(0).problem()).contains("not a JSON object");
    assertThat(v.get(1).problem()).contains("\"completion\"");
    assertThat(v.get(2).problem()).contains("blank");
    assertThat(v.get(3).problem()).contains("empty \"completion\"");
    assertThat(v.get(5).problem()).contains("\"prompt\"").contains("number");
    assertThat(v).allSatisfy(x -> assertThat(x.file()).isEqualTo("training"));
  }

  @Test
  void check_recordOverTokenLimit_dependsOnBatchSize() {
    String big =
        "x".repeat(3000 * 6); // ~3000 tokens: fine at batch 1 (4096), too long at batch 2-4 (2048)
    byte[] file =
        TrainingData.toJsonl(
            List.of(
                TrainingExample.promptCompletion("q", "short"),
                TrainingExample.promptCompletion(big, "a")));

    assertThat(
            TrainingData.check(
                TITAN,
                CustomizationType.FINE_TUNING,
                HyperParameters.builder().batchSize(1).build(),
                file,
                null,
                null))
        .isEmpty();
    List<DataViolation> v =
        TrainingData.check(
            TITAN,
            CustomizationType.FINE_TUNING,
            HyperParameters.builder().batchSize(3).build(),
            file,
            null,
            null);
    assertThat(v)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.line()).isEqualTo(2);
              assertThat(x.problem())
                  .contains("3001 tokens")
                  .contains("at most 2048 tokens")
                  .contains("batch size 3");
            });
    assertThat(
            TrainingData.check(
                LITE,
                CustomizationType.FINE_TUNING,
                HyperParameters.builder().batchSize(2).build(),
                file,
                null,
                null))
        .isEmpty();
  }

  @Test
  void check_continuedPreTraining_needsInputRecords() {
    byte[] file =
        lines(
            "{\"input\":\"domain text\"}",
            "{\"prompt\":\"q\",\"completion\":\"a\"}",
            "{\"input\":\"\"}");

    List<DataViolation> v =
        TrainingData.check(TITAN, CustomizationType.CONTINUED_PRE_TRAINING, null, file, null, null);

    assertThat(v).extracting(DataViolation::line).containsExactly(2, 2, 3);
    assertThat(v.get(1).problem()).contains("prompt/completion record").contains("UNLABELED_TEXT");
  }

  @Test
  void check_conversationRules_eachReportedOnItsLine() {
    List<TrainingExample> data =
        List.of(
            TrainingExample.conversation(
                null, List.of(Message.user("Hi"), Message.assistant("Hello"))),
            TrainingExample.conversation(
                null, List.of(Message.assistant("I start"), Message.user("no"))),
            TrainingExample.conversation(
                null, List.of(Message.user("a"), Message.user("b"), Message.assistant("c"))),
            TrainingExample.conversation(
                null,
                List.of(
                    Message.user(
                        new TextBlock("look"),
                        new ImageBlock(new byte[] {1, 2}, "image/png", null)),
                    Message.assistant("ok"))),
            TrainingExample.conversation("sys", List.of()));
    List<DataViolation> v = ft(HAIKU, TrainingData.toJsonl(data));

    assertThat(v).extracting(DataViolation::line).containsExactly(2, 2, 3, 4, 5);
    assertThat(v.get(0).problem())
        .contains("message 1 is from the assistant but the user must speak first");
    assertThat(v.get(1).problem()).contains("must end with an assistant message");
    assertThat(v.get(2).problem())
        .contains("message 2 is from the user but the assistant must speak next");
    assertThat(v.get(3).problem()).contains("text only");
    assertThat(v.get(4).problem()).contains("non-empty \"messages\"");
  }

  @Test
  void check_conversationWithoutSchemaVersionOrWithSystemRole_reported() {
    byte[] file =
        lines(
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"q\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"text\":\"a\"}]}]}",
            "{\"schemaVersion\":\"bedrock-conversation-2024\",\"messages\":[{\"role\":\"system\",\"content\":[{\"text\":\"s\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"text\":\"a\"}]}]}");

    List<DataViolation> v = ft(NOVA, file);

    assertThat(v.get(0))
        .isEqualTo(
            new DataViolation(
                "training", 1, "needs \"schemaVersion\": \"bedrock-conversation-2024\""));
    assertThat(v.get(1).line()).isEqualTo(2);
    assertThat(v.get(1).problem())
        .contains("role 'system'")
        .contains("put instructions in \"system\"");
  }

  @Test
  void check_multiTurnWhereModelTakesOneTurn_saysSplitIt() {
    byte[] file =
        TrainingData.toJsonl(
            List.of(
                TrainingExample.conversation(
                    null,
                    List.of(
                        Message.user("a"),
                        Message.assistant("b"),
                        Message.user("c"),
                        Message.assistant("d")))));

    assertThat(TrainingData.check(HAIKU, CustomizationType.FINE_TUNING, null, file, null, null))
        .isEmpty();
    assertThat(TrainingData.check(HAIKU, CustomizationType.DISTILLATION, null, file, null, null))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.problem())
                    .contains("2 user turns")
                    .contains("single-turn")
                    .contains("split it into 2 records"));
    assertThat(TrainingData.check(NOVA, CustomizationType.DISTILLATION, null, file, null, null))
        .isEmpty();
  }

  @Test
  void check_promptCompletionForConversationModel_reportsMissingFields() {
    byte[] file = TrainingData.toJsonl(List.of(TrainingExample.promptCompletion("q", "a")));

    assertThat(ft(HAIKU, file))
        .extracting(DataViolation::problem)
        .anySatisfy(p -> assertThat(p).contains("schemaVersion"));
  }

  @Test
  void check_imageRecords_referenceCaptionAndCounts() {
    List<TrainingExample> data = new ArrayList<>();
    data.add(TrainingExample.imageCaption("s3://b/ok.png", "A red bicycle"));
    data.add(TrainingExample.imageCaption("https://example.com/x.png", "A red bicycle"));
    data.add(TrainingExample.imageCaption("s3://b/x.gif", "A red bicycle"));
    data.add(TrainingExample.imageCaption("s3://b/y.jpg", "ab"));
    data.add(TrainingExample.imageCaption("s3://b/z.jpeg", "c".repeat(1025)));

    List<DataViolation> v = ft(IMAGE, TrainingData.toJsonl(data));

    assertThat(v).extracting(DataViolation::line).containsExactly(2, 3, 4, 5);
    assertThat(v.get(2).problem()).contains("at least 3");
    assertThat(v.get(3).problem()).contains("at most 1024");
    assertThat(ft(IMAGE, TrainingData.toJsonl(data.subList(0, 1))))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x)
                    .isEqualTo(
                        new DataViolation(
                            "training",
                            0,
                            "has 1 records but amazon.titan-image-generator-v1 needs at least 5")));
  }

  @Test
  void check_validationForModelWithoutValidation_reportedAsFileProblem() {
    byte[] file =
        TrainingData.toJsonl(List.of(TrainingExample.imageCaption("s3://b/ok.png", "caption")));

    List<DataViolation> v =
        TrainingData.check(
            EMBED,
            CustomizationType.FINE_TUNING,
            HyperParameters.builder().epochCount(1).build(),
            file,
            file,
            null);

    assertThat(v).extracting(DataViolation::file).contains("validation");
    assertThat(
            v.stream()
                .filter(x -> x.file().equals("validation"))
                .findFirst()
                .orElseThrow()
                .problem())
        .contains("takes no validation data");
  }

  @Test
  void check_validationFile_checkedWithItsOwnLineNumbers() {
    byte[] training = lines("{\"prompt\":\"q\",\"completion\":\"a\"}");
    byte[] validation = lines("{\"prompt\":\"q\",\"completion\":\"a\"}", "{oops");

    List<DataViolation> v =
        TrainingData.check(TITAN, CustomizationType.FINE_TUNING, null, training, validation, null);

    assertThat(v)
        .containsExactly(
            new DataViolation(
                "validation", 2, "is not a JSON object; write one {...} record per line"));
  }

  @Test
  void check_recordQuota_countsTrainingPlusValidation() {
    byte[] two =
        lines("{\"prompt\":\"q\",\"completion\":\"a\"}", "{\"prompt\":\"q\",\"completion\":\"a\"}");

    assertThat(TrainingData.check(TITAN, CustomizationType.FINE_TUNING, null, two, two, 4))
        .isEmpty();
    assertThat(TrainingData.check(TITAN, CustomizationType.FINE_TUNING, null, two, two, 3))
        .singleElement()
        .satisfies(x -> assertThat(x.problem()).contains("(4) exceed the record quota 3"));
  }

  @Test
  void check_emptyFile_reported() {
    assertThat(ft(TITAN, new byte[0]))
        .containsExactly(
            new DataViolation("training", 0, "is empty; it needs one JSON record per line"));
  }

  @Test
  void check_typeTheModelDoesNotSupport_throwsNamingSupportedTypes() {
    assertThatThrownBy(
            () ->
                TrainingData.check(
                    HAIKU,
                    CustomizationType.CONTINUED_PRE_TRAINING,
                    null,
                    lines("{\"input\":\"x\"}"),
                    null,
                    null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("does not support CONTINUED_PRE_TRAINING")
        .hasMessageContaining("Titan Text Express and Lite");
  }

  @Test
  void trainingExample_toString_hidesText() {
    assertThat(TrainingExample.promptCompletion("secret question", "secret answer").toString())
        .doesNotContain("secret")
        .contains("15 chars");
  }
}
