package dev.genaiaws.testkit;

import java.net.URI;

/**
 * Runs a {@link BedrockEmulator} for a JUnit 5 test class.
 *
 * <pre>{@code
 * class MyServiceTest {
 *   @RegisterExtension
 *   static final BedrockEmulatorExtension BEDROCK = new BedrockEmulatorExtension();
 *
 *   @Test
 *   void summarise_throttledOnce_retries() {
 *     BEDROCK.emulator().enqueue(Fault.throttling());
 *     MyService service = new MyService(clientFor(BEDROCK.endpoint()));
 *     ...
 *     assertThat(BEDROCK.emulator().requestCount()).isEqualTo(2);
 *   }
 * }
 * }</pre>
 *
 * <p>Registered on a {@code static} field, the emulator starts once before all tests of the class
 * and stops after them; on an instance field it starts and stops around each test. Before each test
 * the recorded requests and queued faults are cleared ({@link BedrockEmulator#reset()}). Test
 * methods may also declare a {@link BedrockEmulator} parameter.
 */
public final class BedrockEmulatorExtension extends EmulatorLifecycle<BedrockEmulator> {

  /** An extension whose emulator listens on a free port. */
  public BedrockEmulatorExtension() {
    super(BedrockEmulator.class);
  }

  /** The running emulator's endpoint. */
  public URI endpoint() {
    return emulator().endpoint();
  }

  @Override
  BedrockEmulator startEmulator() {
    return BedrockEmulator.start();
  }

  @Override
  void reset(BedrockEmulator emulator) {
    emulator.reset();
  }

  @Override
  void stop(BedrockEmulator emulator) {
    emulator.close();
  }
}
