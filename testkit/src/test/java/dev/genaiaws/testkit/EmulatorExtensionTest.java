package dev.genaiaws.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Instance-field registration: a fresh emulator per test, injectable as a parameter. */
class EmulatorExtensionTest {
  @RegisterExtension final BedrockEmulatorExtension bedrock = new BedrockEmulatorExtension();

  @RegisterExtension
  final SageMakerEmulatorExtension sageMaker =
      new SageMakerEmulatorExtension(
          SageMakerEmulator.builder().endpoint("e", SageMakerEmulator.Container.TGI));

  @Test
  void parameters_injected_sameInstancesAsExtensions(BedrockEmulator b, SageMakerEmulator s) {
    assertThat(b).isSameAs(bedrock.emulator());
    assertThat(s).isSameAs(sageMaker.emulator());
    assertThat(b.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(s.endpoint().getPort()).isPositive().isNotEqualTo(b.port());
  }

  @Test
  void emulators_independent_noSharedState(BedrockEmulator b) {
    try (BedrockEmulator other = BedrockEmulator.start()) {
      b.enqueue(Fault.throttling());
      assertThat(other.requestCount()).isZero();
      assertThat(other.port()).isNotEqualTo(b.port());
    }
  }
}
