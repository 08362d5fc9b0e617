package dev.genaiaws.sagemaker;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.testing.GenerationClientContractTest;
import dev.genaiaws.testkit.SageMakerEmulator;
import dev.genaiaws.testkit.SageMakerEmulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core contract, against a TGI endpoint of the SageMaker emulator (payload parts split at
 * random).
 */
class SageMakerGenerationClientContractTest extends GenerationClientContractTest {
  @RegisterExtension
  static final SageMakerEmulatorExtension SAGEMAKER =
      new SageMakerEmulatorExtension(
          SageMakerEmulator.builder()
              .endpoint("tgi-endpoint", SageMakerEmulator.Container.TGI)
              .streamSplitSeed(7, 5));

  private static SageMakerGenerationClient client;

  @BeforeAll
  static void startClient() {
    client = TestClients.builder(SAGEMAKER.endpoint()).defaultFormat(SageMakerFormats.TGI).build();
  }

  @AfterAll
  static void stopClient() {
    client.close();
  }

  @Override
  protected GenerationClient client() {
    return client;
  }

  @Override
  protected String modelId() {
    return "tgi-endpoint";
  }

  @Override
  protected double outOfRangeTemperature() {
    return 150.0;
  }

  /**
   * TGI reports prompt tokens only with {@code decoder_input_details}; the codec reads them when
   * present.
   */
  @Override
  protected boolean reportsInputTokens() {
    return false;
  }

  @Override
  protected int requestsSent() {
    return SAGEMAKER.emulator().requestCount();
  }
}
