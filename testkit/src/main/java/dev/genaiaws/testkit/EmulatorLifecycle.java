package dev.genaiaws.testkit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 lifecycle both emulator extensions share: on a {@code static} field the emulator runs
 * once for the class, on an instance field around each test; it is reset before each test and can
 * be injected as a test parameter.
 *
 * @param <E> the emulator type
 */
abstract class EmulatorLifecycle<E>
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Class<E> type;
  private @Nullable E emulator;
  private boolean perClass;

  EmulatorLifecycle(Class<E> type) {
    this.type = type;
  }

  abstract E startEmulator();

  abstract void reset(E emulator);

  abstract void stop(E emulator);

  /** The running emulator. */
  public E emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the " + type.getSimpleName() + " runs only while tests run");
    }
    return emulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator = startEmulator();
    perClass = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      emulator = startEmulator();
    } else {
      reset(emulator);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass && emulator != null) {
      stop(emulator);
      emulator = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (emulator != null) {
      stop(emulator);
      emulator = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }
}
