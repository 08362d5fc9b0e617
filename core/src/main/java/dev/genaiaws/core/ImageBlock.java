package dev.genaiaws.core;

import dev.genaiaws.core.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image: an input to a vision model, or an output of an image model.
 *
 * <pre>{@code
 * ImageBlock photo = ImageBlock.of(Files.readAllBytes(Path.of("cat.png")), "image/png");
 * }</pre>
 *
 * <p>The bytes are copied in and out, so the block is immutable. {@code toString()} prints the size
 * and media type only.
 *
 * @param bytes the encoded image (PNG, JPEG, ...), not empty
 * @param mediaType e.g. {@code image/png}
 * @param seed the seed the model used to generate it, or {@code null} (inputs, or when not
 *     reported)
 */
public record ImageBlock(byte[] bytes, String mediaType, @Nullable Long seed)
    implements ContentBlock {
  public ImageBlock {
    Checks.notNull(bytes, "image bytes");
    if (bytes.length == 0) {
      throw new dev.genaiaws.core.exception.InvalidRequestException(
          "image bytes must not be empty");
    }
    Checks.notBlank(mediaType, "mediaType");
    if (!mediaType.startsWith("image/")) {
      throw new dev.genaiaws.core.exception.InvalidRequestException(
          "mediaType must start with 'image/' (e.g. image/png) but was '" + mediaType + "'");
    }
    bytes = bytes.clone();
  }

  /** An image without a seed, e.g. an input to a vision model. */
  public static ImageBlock of(byte[] bytes, String mediaType) {
    return new ImageBlock(bytes, mediaType, null);
  }

  /** A copy of the encoded image. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The size of the encoded image in bytes, without copying it. */
  public int size() {
    return bytes.length;
  }

  /** The format part of the media type: {@code png} for {@code image/png}. */
  public String format() {
    return mediaType.substring("image/".length());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageBlock other
        && Arrays.equals(bytes, other.bytes)
        && mediaType.equals(other.mediaType)
        && Objects.equals(seed, other.seed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(bytes), mediaType, seed);
  }

  @Override
  public String toString() {
    return "ImageBlock["
        + mediaType
        + ", "
        + bytes.length
        + " bytes"
        + (seed == null ? "" : ", seed=" + seed)
        + "]";
  }
}
