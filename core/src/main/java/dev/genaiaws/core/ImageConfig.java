package dev.genaiaws.core;

import dev.genaiaws.core.exception.InvalidRequestException;
import dev.genaiaws.core.internal.Checks;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How an image model should draw. The prompt is the request's last user message; everything else
 * lives here. Every field is optional ({@code null} is the model's default), and each model accepts
 * its own sizes, counts and ranges: the client checks them against the model before sending.
 *
 * <pre>{@code
 * client.generate(r -> r.modelId("amazon.titan-image-generator-v2:0")
 *     .user("a lighthouse at dawn, watercolour")
 *     .imageConfig(i -> i.width(1024).height(1024).count(2).seed(7L)));
 * }</pre>
 *
 * @param width image width in pixels (models with fixed size lists)
 * @param height image height in pixels
 * @param aspectRatio e.g. {@code 16:9} (models that take a ratio instead of a size)
 * @param count how many images, at least 1
 * @param steps diffusion steps
 * @param cfgScale how strictly to follow the prompt
 * @param seed seed for reproducible images, at least 0
 * @param negativePrompt what the image should not show
 * @param stylePreset a model's named style, e.g. {@code photographic}
 * @param quality e.g. {@code standard} or {@code premium}
 * @param outputFormat e.g. {@code png}, {@code jpeg}
 */
public record ImageConfig(
    @Nullable Integer width,
    @Nullable Integer height,
    @Nullable String aspectRatio,
    @Nullable Integer count,
    @Nullable Integer steps,
    @Nullable Double cfgScale,
    @Nullable Long seed,
    @Nullable String negativePrompt,
    @Nullable String stylePreset,
    @Nullable String quality,
    @Nullable String outputFormat) {

  private static final Pattern RATIO = Pattern.compile("\\d{1,2}:\\d{1,2}");
  private static final ImageConfig EMPTY =
      new ImageConfig(null, null, null, null, null, null, null, null, null, null, null);

  public ImageConfig {
    Checks.atLeast(width, 1, "width");
    Checks.atLeast(height, 1, "height");
    Checks.atLeast(count, 1, "count");
    Checks.atLeast(steps, 1, "steps");
    Checks.atLeast(cfgScale, 0.0, "cfgScale");
    Checks.atLeast(seed, 0L, "seed");
    if (aspectRatio != null && !RATIO.matcher(aspectRatio).matches()) {
      throw new InvalidRequestException(
          "aspectRatio must look like '16:9' but was '" + aspectRatio + "'");
    }
  }

  /** A config with nothing set. */
  public static ImageConfig empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static ImageConfig of(Consumer<Builder> spec) {
    Builder b = builder();
    spec.accept(b);
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Each value set in {@code overrides} wins; the others come from this config. */
  public ImageConfig withOverrides(ImageConfig o) {
    if (o == null) {
      return this;
    }
    return new ImageConfig(
        pick(o.width, width),
        pick(o.height, height),
        pick(o.aspectRatio, aspectRatio),
        pick(o.count, count),
        pick(o.steps, steps),
        pick(o.cfgScale, cfgScale),
        pick(o.seed, seed),
        pick(o.negativePrompt, negativePrompt),
        pick(o.stylePreset, stylePreset),
        pick(o.quality, quality),
        pick(o.outputFormat, outputFormat));
  }

  private static <T> @Nullable T pick(@Nullable T preferred, @Nullable T fallback) {
    return preferred != null ? preferred : fallback;
  }

  @Override
  public String toString() {
    return "ImageConfig[width="
        + width
        + ", height="
        + height
        + ", aspectRatio="
        + aspectRatio
        + ", count="
        + count
        + ", steps="
        + steps
        + ", cfgScale="
        + cfgScale
        + ", seed="
        + seed
        + ", negativePrompt="
        + (negativePrompt == null ? "null" : Checks.describe(negativePrompt))
        + ", stylePreset="
        + stylePreset
        + ", quality="
        + quality
        + ", outputFormat="
        + outputFormat
        + "]";
  }

  /** Builder for {@link ImageConfig}. */
  public static final class Builder {
    private @Nullable Integer width;
    private @Nullable Integer height;
    private @Nullable String aspectRatio;
    private @Nullable Integer count;
    private @Nullable Integer steps;
    private @Nullable Double cfgScale;
    private @Nullable Long seed;
    private @Nullable String negativePrompt;
    private @Nullable String stylePreset;
    private @Nullable String quality;
    private @Nullable String outputFormat;

    private Builder() {}

    private Builder(ImageConfig c) {
      width = c.width;
      height = c.height;
      aspectRatio = c.aspectRatio;
      count = c.count;
      steps = c.steps;
      cfgScale = c.cfgScale;
      seed = c.seed;
      negativePrompt = c.negativePrompt;
      stylePreset = c.stylePreset;
      quality = c.quality;
      outputFormat = c.outputFormat;
    }

    public Builder width(@Nullable Integer width) {
      this.width = width;
      return this;
    }

    public Builder height(@Nullable Integer height) {
      this.height = height;
      return this;
    }

    /** Width and height at once. */
    public Builder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    public Builder aspectRatio(@Nullable String aspectRatio) {
      this.aspectRatio = aspectRatio;
      return this;
    }

    public Builder count(@Nullable Integer count) {
      this.count = count;
      return this;
    }

    public Builder steps(@Nullable Integer steps) {
      this.steps = steps;
      return this;
    }

    public Builder cfgScale(@Nullable Double cfgScale) {
      this.cfgScale = cfgScale;
      return this;
    }

    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder negativePrompt(@Nullable String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    public Builder stylePreset(@Nullable String stylePreset) {
      this.stylePreset = stylePreset;
      return this;
    }

    public Builder quality(@Nullable String quality) {
      this.quality = quality;
      return this;
    }

    public Builder outputFormat(@Nullable String outputFormat) {
      this.outputFormat = outputFormat;
      return this;
    }

    public ImageConfig build() {
      return new ImageConfig(
          width,
          height,
          aspectRatio,
          count,
          steps,
          cfgScale,
          seed,
          negativePrompt,
          stylePreset,
          quality,
          outputFormat);
    }
  }
}
