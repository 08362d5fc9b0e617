package dev.genaiaws.samples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaiaws.samples.SamplesMain;
import dev.genaiaws.testkit.BedrockEmulator;
import dev.genaiaws.testkit.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's main logic offline: the embedded emulator and a temporary folder. */
class BlogCliTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return BlogCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<Path> savedRecords() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .toList();
    }
  }

  @Test
  void run_offlineWithTopic_streamsTextAndSavesTheSameTextToTheFolder() throws IOException {
    int code = run("--out", dir.toString(), "--temperature", "0.3", "Serverless GenAI on AWS");

    assertThat(code).isZero();
    List<Path> records = savedRecords();
    assertThat(records).hasSize(1);
    Path record = records.get(0);
    assertThat(dir.relativize(record).toString().replace('\\', '/'))
        .matches("blogs/\\d{4}/\\d{2}/\\d{2}/\\d{8}T\\d{9}Z-[0-9a-f]{12}\\.json");
    JsonNode saved = new ObjectMapper().readTree(Files.readString(record, StandardCharsets.UTF_8));
    String text = saved.at("/output/text").asText();
    assertThat(text).isNotBlank();
    assertThat(stdout().strip()).isEqualTo(text.strip());
    assertThat(saved.get("modelId").asText()).isEqualTo(BlogConfig.DEFAULT_MODEL_ID);
    assertThat(saved.at("/inferenceConfig/temperature").asDouble()).isEqualTo(0.3);
    assertThat(saved.at("/metadata/topic").asText()).isEqualTo("Serverless GenAI on AWS");
    assertThat(stderr())
        .contains("local Bedrock emulator")
        .contains("not from a real model")
        .contains("Saved to " + record.toUri());
  }

  @Test
  void run_offline_printsWhatThePostWouldCostOnBedrock() throws IOException {
    assertThat(run("--out", dir.toString(), "Serverless GenAI on AWS")).isZero();

    JsonNode saved =
        new ObjectMapper()
            .readTree(Files.readString(savedRecords().get(0), StandardCharsets.UTF_8));
    long in = saved.at("/usage/inputTokens").asLong();
    long outTokens = saved.at("/usage/outputTokens").asLong();
    // Llama 3 8B Instruct in us-east-1: USD 0.30 per million input tokens, 0.60 per million output
    // tokens
    java.math.BigDecimal expected =
        new java.math.BigDecimal("0.30")
            .multiply(java.math.BigDecimal.valueOf(in))
            .add(new java.math.BigDecimal("0.60").multiply(java.math.BigDecimal.valueOf(outTokens)))
            .divide(java.math.BigDecimal.valueOf(1_000_000))
            .stripTrailingZeros();
    assertThat(in).isPositive();
    assertThat(stderr())
        .contains(
            "Estimated cost: USD "
                + expected.toPlainString()
                + " on Amazon Bedrock in us-east-1; the emulator is free");
  }

  @Test
  void run_topicAsSeveralWordsAndOtherModel_joinsWordsAndUsesTheModel() throws IOException {
    int code =
        run(
            "--out",
            dir.toString(),
            "--prefix",
            "posts",
            "--model",
            "us.anthropic.claude-3-5-haiku-20241022-v1:0",
            "--max-tokens",
            "300",
            "--system",
            "Be brief.",
            "Cold",
            "starts");

    assertThat(code).isZero();
    Path record = savedRecords().get(0);
    assertThat(dir.relativize(record).toString().replace('\\', '/')).startsWith("posts/");
    JsonNode saved = new ObjectMapper().readTree(Files.readString(record, StandardCharsets.UTF_8));
    assertThat(saved.get("modelId").asText())
        .isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
    assertThat(saved.get("system").asText()).isEqualTo("Be brief.");
    assertThat(saved.at("/metadata/topic").asText()).isEqualTo("Cold starts");
    assertThat(stdout().strip()).isEqualTo(saved.at("/output/text").asText().strip());
  }

  @Test
  void run_throughSamplesMainWithSampleName_runsTheBlog() throws IOException {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(SamplesMain.run(new String[] {"blog", "--out", dir.toString(), "Dispatch"}))
          .isZero();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    assertThat(savedRecords()).hasSize(1);
  }

  @Test
  void run_awsWithEndpointAndRegion_usesTheDefaultCredentialChainAndSaysNothingAboutTheEmulator()
      throws IOException {
    // the first provider of the default chain: no profile files, no instance metadata, no network
    System.setProperty("aws.accessKeyId", "cli-test");
    System.setProperty("aws.secretAccessKey", "cli-test");
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      int code =
          run(
              "--aws",
              "--endpoint",
              bedrock.endpoint().toString(),
              "--region",
              "eu-central-1",
              "--out",
              dir.toString(),
              "Real mode");

      assertThat(code).isZero();
      assertThat(bedrock.takeRequest().header("Authorization").orElseThrow())
          .contains("Credential=cli-test/")
          .contains("/eu-central-1/bedrock/");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    assertThat(stderr()).contains("Calling Amazon Bedrock").doesNotContain("emulator");
    assertThat(savedRecords()).hasSize(1);
  }

  @Test
  void run_awsAgainstAnEndpointThatDeniesAccess_exits1WithOneLine() {
    System.setProperty("aws.accessKeyId", "cli-test");
    System.setProperty("aws.secretAccessKey", "cli-test");
    try (BedrockEmulator bedrock = BedrockEmulator.start()) {
      bedrock.enqueue(Fault.accessDenied());

      assertThat(
              run(
                  "--aws",
                  "--endpoint",
                  bedrock.endpoint().toString(),
                  "--region",
                  "us-east-1",
                  "--out",
                  dir.toString(),
                  "Denied"))
          .isEqualTo(1);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    assertThat(stderr().lines().filter(l -> l.startsWith("blog: ")))
        .singleElement()
        .asString()
        .contains("AccessDeniedException");
    assertThat(stderr()).doesNotContain("\tat ");
  }

  @Test
  void run_help_listsEveryOptionAndExits0() {
    assertThat(run("--help")).isZero();

    assertThat(stdout())
        .contains(
            "TOPIC",
            "--model",
            "--temperature",
            "--top-p",
            "--max-tokens",
            "--system",
            "--aws",
            "--region",
            "--out",
            "--bucket",
            "--prefix",
            "--verbose",
            "meta.llama3-8b-instruct-v1:0",
            "Exit codes");
  }

  @Test
  void run_noTopic_exits2WithUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(stderr()).contains("TOPIC");
  }

  @Test
  void run_unknownOption_exits2() {
    assertThat(run("--colour", "x")).isEqualTo(2);
  }

  @Test
  void run_bucketWithoutAws_exits2() {
    assertThat(run("--bucket", "b", "topic")).isEqualTo(2);
    assertThat(stderr()).contains("--bucket").contains("--aws");
  }

  @Test
  void run_topicTooLong_exits2WithOneLine() {
    assertThat(run("--out", dir.toString(), "x".repeat(501))).isEqualTo(2);
    assertThat(stderr()).contains("at most 500").doesNotContain("\tat ");
  }

  @Test
  void run_temperatureOutOfRange_exits2WithOneLine() throws IOException {
    assertThat(run("--out", dir.toString(), "--temperature", "7", "topic")).isEqualTo(2);
    assertThat(stderr()).contains("temperature").doesNotContain("\tat ");
    assertThat(savedRecords()).isEmpty();
  }

  @Test
  void run_prefixWithDotDot_exits2() throws IOException {
    assertThat(run("--out", dir.toString(), "--prefix", "../outside", "topic")).isEqualTo(2);
    assertThat(stderr()).contains("blog: ").doesNotContain("\tat ");
    assertThat(savedRecords()).isEmpty();
  }

  @Test
  void run_storeFails_exits1WithOneLineAndStackTraceOnlyWhenVerbose() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");

    assertThat(run("--out", notAFolder.toString(), "topic")).isEqualTo(1);
    assertThat(stderr().lines().filter(l -> l.startsWith("blog: "))).hasSize(1);
    assertThat(stderr()).doesNotContain("\tat ");

    err.reset();
    assertThat(run("--verbose", "--out", notAFolder.toString(), "topic")).isEqualTo(1);
    assertThat(stderr()).contains("\tat ");
  }

  @Test
  void run_readmeCommand_printsATitledPostOf150To250WordsOnTheTopic() {
    assertThat(run("--out", dir.toString(), "Serverless GenAI on AWS")).isZero();

    String[] parts = stdout().strip().split("\\R", 2);
    assertThat(parts[0]).contains("Serverless GenAI on AWS").doesNotEndWith(".");
    assertThat(parts[1].strip().split("\\s+").length).isBetween(150, 250);
    assertThat(parts[1]).contains("Serverless GenAI on AWS").matches("(?s)[\\x00-\\x7F]+");
    assertThat(stderr())
        .contains("from the local Bedrock emulator")
        .contains("not from a real model");
  }

  @Test
  void run_maxTokensZero_isAUsageError() {
    assertThat(run("--out", dir.toString(), "--max-tokens", "0", "Topic")).isEqualTo(2);
    assertThat(stderr()).contains("maxTokens");
  }

  private int runMain(String... args) {
    return SamplesMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void samplesMain_help_listsEverySample() {
    assertThat(runMain("--help")).isZero();

    assertThat(stdout()).contains("blog", "chat", "images", "search", "sagemaker", "history");
  }

  @Test
  void samplesMain_mistypedSampleName_refusedNotWrittenAbout() {
    assertThat(runMain("chta")).isEqualTo(2);

    assertThat(stderr())
        .contains("unknown sample 'chta'")
        .contains("did you mean 'chat'")
        .contains("blog chta");
    assertThat(stdout()).isEmpty();
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void samplesMain_noArguments_usage() {
    assertThat(runMain()).isEqualTo(2);
    assertThat(stderr()).contains("Samples");
  }

  @Test
  void samplesMain_quotedTopicOrOption_runsTheBlog() {
    PrintStream oldOut = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(runMain("--out", dir.toString(), "Serverless GenAI on AWS")).isZero();
    } finally {
      System.setOut(oldOut);
    }
    assertThat(dir.resolve("blogs").toFile()).isDirectory();
  }
}
