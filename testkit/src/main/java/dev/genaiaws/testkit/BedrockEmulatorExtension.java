package dev.genaiaws.testkit;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
 * and stops after them; on an instance field it starts and stops around each test. Before each
 * test the recorded requests and queued faults are cleared ({@link BedrockEmulator#reset()}).
 * Test methods may also declare a {@link BedrockEmulator} parameter.
 */
public final class BedrockEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private BedrockEmulator emulator;
  private boolean perClass;

  /** An extension whose emulator listens on a free port. */
  public BedrockEmulatorExtension() {}

  /** The running emulator. */
  public BedrockEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the Bedrock emulator runs only while tests run");
    }
    return emulator;
  }

  /** The running emulator's endpoint. */
  public URI endpoint() {
    return emulator().endpoint();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator = BedrockEmulator.start();
    perClass = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      emulator = BedrockEmulator.start();
    } else {
      emulator.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass && emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == BedrockEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }
}
