package dev.genaiaws.testkit;

import java.net.URI;
import java.util.Objects;

/**
 * Runs a {@link KnowledgeBaseEmulator} for a JUnit 5 test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KnowledgeBaseEmulatorExtension KB = new KnowledgeBaseEmulatorExtension(
 *     KnowledgeBaseEmulator.builder().knowledgeBase("KB1", "DS1", "docs").bucketFolder("docs", folder));
 * }</pre>
 *
 * <p>On a {@code static} field the emulator starts once before all tests and stops after them; on
 * an instance field it runs around each test. Recorded requests, queued faults, sessions and jobs
 * are cleared before each test (indexed documents stay). Test methods may declare a {@link
 * KnowledgeBaseEmulator} parameter.
 */
public final class KnowledgeBaseEmulatorExtension extends EmulatorLifecycle<KnowledgeBaseEmulator> {
  private final KnowledgeBaseEmulator.Builder builder;

  /** An extension starting emulators from {@code builder}. */
  public KnowledgeBaseEmulatorExtension(KnowledgeBaseEmulator.Builder builder) {
    super(KnowledgeBaseEmulator.class);
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /** The running emulator's endpoint. */
  public URI endpoint() {
    return emulator().endpoint();
  }

  @Override
  KnowledgeBaseEmulator startEmulator() {
    return builder.start();
  }

  @Override
  void reset(KnowledgeBaseEmulator emulator) {
    emulator.reset();
  }

  @Override
  void stop(KnowledgeBaseEmulator emulator) {
    emulator.close();
  }
}
