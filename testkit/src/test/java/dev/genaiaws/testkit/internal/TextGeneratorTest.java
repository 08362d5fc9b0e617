package dev.genaiaws.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaiaws.testkit.TextStyle;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default prose: on topic, as long as asked, bounded, deterministic; edge cases only when
 * asked.
 */
class TextGeneratorTest {
  private static final String BLOG =
      "You are a technical writer. You write clear, friendly blog posts for software"
          + " developers.\nWrite a blog post of about 200 words on this topic: Serverless GenAI on AWS\nStart with a"
          + " short title on its own line, then the post in two or three paragraphs.";

  private static int words(String text) {
    return text.strip().split("\\s+").length;
  }

  @Test
  void blogPrompt_titledPostOfAbout200WordsOnTheTopic() {
    Generation g = TextGenerator.generate(BLOG, null, 512, List.of());

    String[] lines = g.text().split("\n", 2);
    assertThat(lines[0]).contains("Serverless GenAI on AWS").doesNotEndWith(".");
    String post = lines[1].strip();
    assertThat(words(post)).isBetween(170, 230);
    assertThat(post).contains("Serverless GenAI on AWS").contains("\n\n").endsWith(".");
    assertThat(g.finish()).isEqualTo(Generation.Finish.NATURAL);
    assertThat(g.outputTokens()).isEqualTo(words(g.text()));
  }

  @Test
  void prose_isPlainEnglishSentences() {
    String text =
        TextGenerator.generate("Tell me about vector databases.", 7L, 512, List.of()).text();

    assertThat(text.chars()).allMatch(c -> c < 128);
    assertThat(text).containsIgnoringCase("vector databases");
    for (String sentence : text.split("(?<=[.!?])\\s+")) {
      assertThat(sentence).matches("[A-Z].*[.!?]");
    }
    String[] w = text.split("\\s+");
    assertThat(Arrays.stream(w).distinct().count()).isGreaterThan(w.length / 2);
  }

  @Test
  void length_followsTheAskedWordCount() {
    assertThat(
            words(
                TextGenerator.generate("Write 400 words about caching", 1L, 2000, List.of())
                    .text()))
        .isBetween(360, 440);
    assertThat(
            words(
                TextGenerator.generate("Summarise observability in 50 words", 1L, 2000, List.of())
                    .text()))
        .isBetween(40, 62);
    assertThat(words(TextGenerator.generate("Hello", 1L, 2000, List.of()).text()))
        .isBetween(25, 70);
  }

  @Test
  void maxTokens_boundsTheAnswer_andSaysSo() {
    Generation g = TextGenerator.generate(BLOG, null, 50, List.of());

    assertThat(g.outputTokens()).isEqualTo(50);
    assertThat(g.finish()).isEqualTo(Generation.Finish.LENGTH);
    assertThat(g.text())
        .isEqualTo(
            TextGenerator.generate(BLOG, null, 512, List.of()).pieces().subList(0, 50).stream()
                .reduce("", String::concat));
  }

  @Test
  void stopSequence_cutsBeforeIt() {
    String full = TextGenerator.generate(BLOG, null, 512, List.of()).text();
    Generation g = TextGenerator.generate(BLOG, null, 512, List.of("\n\n"));

    assertThat(g.finish()).isEqualTo(Generation.Finish.STOP_SEQUENCE);
    assertThat(g.stopSequence()).isEqualTo("\n\n");
    assertThat(g.text()).isEqualTo(full.substring(0, full.indexOf("\n\n")));
  }

  @Test
  void deterministic_perPromptAndSeed() {
    assertThat(TextGenerator.generate(BLOG, 3L, 512, List.of()).text())
        .isEqualTo(TextGenerator.generate(BLOG, 3L, 512, List.of()).text())
        .isNotEqualTo(TextGenerator.generate(BLOG, 4L, 512, List.of()).text());
  }

  @Test
  void topic_readFromCommonPhrasings() {
    assertThat(Prose.topic("What is the capital of France?")).isEqualTo("the capital of France");
    assertThat(Prose.topic("Explain Lambda cold starts in 80 words"))
        .isEqualTo("Lambda cold starts");
    assertThat(Prose.topic("topic: Kubernetes operators")).isEqualTo("Kubernetes operators");
    assertThat(Prose.requestedWords("a 150-word summary")).isEqualTo(150);
  }

  @Test
  void edgeCaseStyle_onlyWhenSelected_hasMultibyteText() {
    String prose = TextGenerator.generate("Hello there", 1L, 512, List.of()).text();
    String edge;
    try (TextGenerator.Scope ignored = TextGenerator.use(TextStyle.EDGE_CASES)) {
      edge = TextGenerator.generate("Hello there", 1L, 512, List.of()).text();
    }

    assertThat(prose.chars()).allMatch(c -> c < 128);
    assertThat(edge.chars().anyMatch(c -> c > 127)).isTrue();
    assertThat(TextGenerator.generate("Hello there", 1L, 512, List.of()).text()).isEqualTo(prose);
  }
}
