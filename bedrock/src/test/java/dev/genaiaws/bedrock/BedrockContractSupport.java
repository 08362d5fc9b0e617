package dev.genaiaws.bedrock;

import dev.genaiaws.core.GenerationClient;
import dev.genaiaws.core.testing.GenerationClientContractTest;
import dev.genaiaws.core.testing.RecordingSleeper;
import dev.genaiaws.testkit.BedrockEmulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core contract suite run against the Bedrock emulator; one subclass per family names the
 * model. Each test class gets its own emulator and client.
 */
abstract class BedrockContractSupport extends GenerationClientContractTest {
  @RegisterExtension static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();

  private static BedrockGenerationClient client;

  @BeforeAll
  static void startClient() {
    client = EmulatorClients.builder(BEDROCK.endpoint(), new RecordingSleeper()).build();
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Override
  protected GenerationClient client() {
    return client;
  }

  @Override
  protected int requestsSent() {
    return BEDROCK.emulator().requestCount();
  }
}
