package dev.genaiaws.aws.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.aws.internal.codec.PromptTemplates.Turn;
import dev.genaiaws.core.Role;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptTemplatesTest {
  private static final List<Turn> CHAT =
      List.of(
          new Turn(Role.USER, "What is serverless?"),
          new Turn(Role.ASSISTANT, "Code without servers."),
          new Turn(Role.USER, "Give an example."));

  private static BiFunction<String, List<Turn>, String> template(String name) {
    return switch (name) {
      case "plain" -> PromptTemplates::plain;
      case "llama2" -> PromptTemplates::llama2;
      case "llama3" -> PromptTemplates::llama3;
      default -> PromptTemplates::mistral;
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "llama2", "llama3", "mistral"})
  void render_blankSystem_sameAsNoSystem(String name) {
    var t = template(name);

    assertThat(t.apply(" \n\t", CHAT)).isEqualTo(t.apply(null, CHAT)).isEqualTo(t.apply("", CHAT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "llama2", "llama3", "mistral"})
  void render_system_writtenOnceBeforeFirstUserText(String name) {
    String prompt = template(name).apply("Be brief.", CHAT);

    assertThat(prompt).containsOnlyOnce("Be brief.");
    assertThat(prompt.indexOf("Be brief.")).isLessThan(prompt.indexOf("What is serverless?"));
  }

  @Test
  void llama2_documentedTemplate() {
    // the same prompt as sagemaker/src/test/resources/codec/tgi/request-llama2.json
    assertThat(PromptTemplates.llama2("You write short technical blogs.", CHAT))
        .isEqualTo(
            "<s>[INST] <<SYS>>\nYou write short technical blogs.\n<</SYS>>\n\nWhat is serverless? [/INST]"
                + " Code without servers. </s><s>[INST] Give an example. [/INST]");
  }

  @Test
  void llama3_endsWithOpenAssistantHeader_orContinuesAFinalAnswer() {
    assertThat(PromptTemplates.llama3(null, CHAT))
        .startsWith("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n")
        .endsWith("<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    assertThat(PromptTemplates.llama3(null, CHAT.subList(0, 2)))
        .endsWith("<|start_header_id|>assistant<|end_header_id|>\n\nCode without servers.");
  }

  @Test
  void mistral_systemFoldedIntoFirstUserTurn() {
    assertThat(PromptTemplates.mistral("Be brief.", CHAT))
        .isEqualTo(
            "<s>[INST] Be brief.\n\nWhat is serverless? [/INST] Code without servers.</s> [INST] Give an example."
                + " [/INST]");
  }

  @Test
  void plain_singleUserTurn_sentAsWritten() {
    assertThat(PromptTemplates.plain(null, CHAT.subList(0, 1))).isEqualTo("What is serverless?");
  }
}
