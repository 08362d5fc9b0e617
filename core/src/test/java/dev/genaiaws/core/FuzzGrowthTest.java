package dev.genaiaws.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaiaws.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The linear-growth check of the fuzz suites tells a linear decoder from a quadratic one. */
class FuzzGrowthTest {
  private static byte[] text(int scale) {
    return "x".repeat(1024 * scale).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void growsLinearly_aLinearDecoder_passes() {
    Fuzz.growsLinearly(
        FuzzGrowthTest::text,
        1,
        b -> {
          var unused = new String(b, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT);
        });
  }

  @Test
  void growsLinearly_aQuadraticDecoder_fails() {
    assertThatThrownBy(
            () ->
                Fuzz.growsLinearly(
                    FuzzGrowthTest::text,
                    1,
                    b -> {
                      String s = "";
                      for (byte x : b) {
                        s = s + (char) x; // a copy of everything read so far, per byte
                      }
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("grows faster than linear");
  }

  @Test
  void grown_everyGrowthMakesTheBodyLarger() {
    byte[] seed = "{\"a\":\"text\",\"b\":[1,2]}".getBytes(StandardCharsets.UTF_8);
    for (Fuzz.Growth g : Fuzz.Growth.values()) {
      assertThat(Fuzz.grown(seed, g, 16).length)
          .as(g.name())
          .isGreaterThan(Fuzz.grown(seed, g, 1).length * 4);
    }
    assertThat(new String(Fuzz.grown(seed, Fuzz.Growth.LONG_STRING, 1), StandardCharsets.UTF_8))
        .startsWith("{\"a\":\"xxxx")
        .endsWith("text\",\"b\":[1,2]}");
  }
}
