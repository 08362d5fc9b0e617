package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** The standalone server's argument handling, in process. */
class MainTest {

  @Test
  void start_endpointsAndAliases_bothEmulatorsServe() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:custom-model/abc";
    try (Main main =
            Main.start(
                "--port",
                "0",
                "--sagemaker-endpoint",
                "chat=tgi",
                "--sagemaker-endpoint",
                "vec=embedding",
                "--alias",
                arn + "=meta.llama3-8b-instruct-v1:0",
                "--stream-part-size",
                "3");
        BedrockRuntimeClient bedrock = Clients.bedrock(main.bedrock().endpoint());
        SageMakerRuntimeClient sageMaker = Clients.sageMaker(main.sageMaker().endpoint())) {
      assertThat(main.bedrock().port()).isNotEqualTo(main.sageMaker().port());
      assertThat(Clients.invoke(bedrock, arn, "{\"prompt\":\"hi\"}").body().asUtf8String())
          .contains("generation");
      assertThat(
              sageMaker
                  .invokeEndpoint(
                      b ->
                          b.endpointName("vec")
                              .contentType("application/json")
                              .body(SdkBytes.fromUtf8String("{\"inputs\":[\"a\"]}")))
                  .body()
                  .asUtf8String())
          .startsWith("[[");
    }
  }

  @Test
  void start_unknownOption_rejected() {
    assertThatThrownBy(() -> Main.start("--bogus", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --bogus");
  }

  @Test
  void start_unknownContainer_rejected() {
    assertThatThrownBy(() -> Main.start("--port", "0", "--sagemaker-endpoint", "x=gpt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown container format gpt");
  }

  @Test
  void start_malformedPair_rejected() {
    assertThatThrownBy(() -> Main.start("--port", "0", "--alias", "novalue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NAME=VALUE");
  }
}
