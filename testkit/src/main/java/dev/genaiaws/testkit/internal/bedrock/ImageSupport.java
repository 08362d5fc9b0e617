package dev.genaiaws.testkit.internal.bedrock;

import dev.genaiaws.testkit.internal.Images;
import dev.genaiaws.testkit.internal.TextGenerator;
import java.util.Base64;
import org.jspecify.annotations.NullUnmarked;

/** Shared bits of the image families. */
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
final class ImageSupport {
  private ImageSupport() {}

  /** A seed derived from the prompt when the caller gave none (or 0 = "random"). */
  static long effectiveSeed(String prompt, long requested, long bound) {
    if (requested != 0) {
      return requested;
    }
    return Math.floorMod(TextGenerator.seedOf(prompt, null), bound);
  }

  /** A base64 PNG/JPEG for the i-th image of a request. */
  static String base64Image(int width, int height, long seed, int index, String format) {
    return Base64.getEncoder()
        .encodeToString(Images.render(width, height, seed * 31 + index, format));
  }
}
