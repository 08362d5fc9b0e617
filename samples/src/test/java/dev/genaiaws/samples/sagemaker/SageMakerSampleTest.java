package dev.genaiaws.samples.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The SageMaker sample's real-time and streaming modes offline against the embedded emulator. Async
 * inference needs S3: see {@code S3SamplesTest}.
 */
class SageMakerSampleTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return SageMakerSample.run(
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

  @Test
  void run_realtimeOffline_printsTheAnswerAndSaysItIsTheEmulator() {
    int code = run("What is SageMaker?");

    assertThat(code).as(stderr()).isZero();
    assertThat(stdout()).isNotBlank().doesNotContain("What is SageMaker?");
    assertThat(stderr())
        .contains("Offline: the text below comes from the local SageMaker emulator")
        .contains("output tokens)");
  }

  @Test
  void run_streamOffline_printsTheSameAnswerAsRealtime() {
    assertThat(run("--format", "tgi-llama3", "--system", "Be brief.", "What is SageMaker?"))
        .as(stderr())
        .isZero();
    String realtime = stdout();

    int code =
        run(
            "--mode",
            "stream",
            "--format",
            "tgi-llama3",
            "--system",
            "Be brief.",
            "What is SageMaker?");

    assertThat(code).as(stderr()).isZero();
    assertThat(stdout()).isNotBlank().isEqualTo(realtime);
  }

  @Test
  void run_lmiAndText2TextOffline_answer() {
    assertThat(run("--format", "lmi", "--endpoint", "my-lmi", "Hello")).as(stderr()).isZero();
    assertThat(stdout()).isNotBlank();
    assertThat(run("--format", "text2text", "Translate to German: good morning"))
        .as(stderr())
        .isZero();
    assertThat(stdout()).isNotBlank();
  }

  @Test
  void run_asyncOfflineWithoutS3_exitsTwoSayingWhatIsNeeded() {
    int code = run("--mode", "async", "--input-location", "s3://bucket/in/", "Hello");

    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("--s3-endpoint");
  }

  @Test
  void run_asyncWithoutInputLocation_exitsTwo() {
    assertThat(run("--mode", "ASYNC", "Hello")).isEqualTo(2);
    assertThat(stderr()).contains("--input-location");
  }

  @Test
  void run_awsWithoutEndpointOrUnknownFormatOrMode_exitsTwo() {
    assertThat(run("--aws", "Hello")).isEqualTo(2);
    assertThat(stderr()).contains("--aws needs --endpoint");
    assertThat(run("--format", "onnx", "Hello")).isEqualTo(2);
    assertThat(stderr()).contains("--format must be one of [tgi,");
    assertThat(run("--mode", "batch", "Hello")).isEqualTo(2);
    assertThat(stderr()).contains("realtime, stream or async");
  }
}
