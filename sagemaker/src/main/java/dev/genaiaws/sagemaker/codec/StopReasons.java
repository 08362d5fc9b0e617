package dev.genaiaws.sagemaker.codec;

import dev.genaiaws.core.StopReason;
import java.util.Locale;

/** The TGI/LMI {@code finish_reason} vocabulary, mapped to the neutral one (WIRE_FORMATS §17). */
final class StopReasons {
  private StopReasons() {}

  static StopReason of(String raw) {
    if (raw == null) {
      return StopReason.OTHER;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "eos_token", "stop_sequence", "stop", "eos" -> StopReason.STOP;
      case "length", "max_tokens" -> StopReason.LENGTH;
      default -> StopReason.OTHER;
    };
  }
}
