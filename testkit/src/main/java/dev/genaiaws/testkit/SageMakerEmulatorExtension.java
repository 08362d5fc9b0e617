package dev.genaiaws.testkit;

import java.net.URI;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link SageMakerEmulator} for a JUnit 5 test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SageMakerEmulatorExtension SAGEMAKER = new SageMakerEmulatorExtension(
 *     SageMakerEmulator.builder().endpoint("my-llm", SageMakerEmulator.Container.TGI));
 * }</pre>
 *
 * <p>On a {@code static} field the emulator starts once before all tests and stops after them;
 * on an instance field it runs around each test. Recorded requests and queued faults are cleared
 * before each test. Test methods may declare a {@link SageMakerEmulator} parameter.
 */
public final class SageMakerEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final SageMakerEmulator.Builder builder;
  private SageMakerEmulator emulator;
  private boolean perClass;

  /** An extension starting emulators from {@code builder}. */
  public SageMakerEmulatorExtension(SageMakerEmulator.Builder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /** An extension with no endpoints registered up front. */
  public SageMakerEmulatorExtension() {
    this(SageMakerEmulator.builder());
  }

  /** The running emulator. */
  public SageMakerEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the SageMaker emulator runs only while tests run");
    }
    return emulator;
  }

  /** The running emulator's endpoint. */
  public URI endpoint() {
    return emulator().endpoint();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator = builder.start();
    perClass = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      emulator = builder.start();
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
    return parameter.getParameter().getType() == SageMakerEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }
}
