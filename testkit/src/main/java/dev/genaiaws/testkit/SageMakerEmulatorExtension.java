package dev.genaiaws.testkit;

import java.net.URI;
import java.util.Objects;

/**
 * Runs a {@link SageMakerEmulator} for a JUnit 5 test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SageMakerEmulatorExtension SAGEMAKER = new SageMakerEmulatorExtension(
 *     SageMakerEmulator.builder().endpoint("my-llm", SageMakerEmulator.Container.TGI));
 * }</pre>
 *
 * <p>On a {@code static} field the emulator starts once before all tests and stops after them; on
 * an instance field it runs around each test. Recorded requests and queued faults are cleared
 * before each test. Test methods may declare a {@link SageMakerEmulator} parameter.
 */
public final class SageMakerEmulatorExtension extends EmulatorLifecycle<SageMakerEmulator> {
  private final SageMakerEmulator.Builder builder;

  /** An extension starting emulators from {@code builder}. */
  public SageMakerEmulatorExtension(SageMakerEmulator.Builder builder) {
    super(SageMakerEmulator.class);
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /** An extension with no endpoints registered up front. */
  public SageMakerEmulatorExtension() {
    this(SageMakerEmulator.builder());
  }

  /** The running emulator's endpoint. */
  public URI endpoint() {
    return emulator().endpoint();
  }

  @Override
  SageMakerEmulator startEmulator() {
    return builder.start();
  }

  @Override
  void reset(SageMakerEmulator emulator) {
    emulator.reset();
  }

  @Override
  void stop(SageMakerEmulator emulator) {
    emulator.close();
  }
}
