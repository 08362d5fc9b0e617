package dev.genaiaws.samples.images;

import dev.genaiaws.bedrock.BedrockGenerationClient;
import dev.genaiaws.core.GenerationRequest;
import dev.genaiaws.core.GenerationResponse;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.ImageConfig;
import dev.genaiaws.samples.internal.Cli;
import dev.genaiaws.samples.internal.CommonOptions;
import dev.genaiaws.samples.internal.SampleCommand;
import dev.genaiaws.testkit.BedrockEmulator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jspecify.annotations.NullUnmarked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Draws images from a prompt and saves them as PNG files.
 *
 * <pre>
 * java -jar genai-aws-samples.jar images "a lighthouse at dawn, watercolour"           # offline, ./images
 * java -jar genai-aws-samples.jar images --count 3 --size 512x512 --seed 7 "a lighthouse at dawn"
 * java -jar genai-aws-samples.jar images --aws --model amazon.nova-canvas-v1:0 "a lighthouse at dawn"
 * java -jar genai-aws-samples.jar images --aws --model stability.sd3-5-large-v1:0 --aspect-ratio 16:9 "..."
 * </pre>
 *
 * <p>What it shows: an image request is an ordinary {@link GenerationRequest} (the prompt is the
 * user message) with an {@link ImageConfig}; the answer's {@link GenerationResponse#images()} are
 * {@link ImageBlock}s with their bytes, media type and seed. The same code drives Titan Image, Nova
 * Canvas and Stability models; each checks its own sizes and counts before anything is sent.
 *
 * <p>Files are named after the prompt, the seed and the image's number ({@code
 * a-lighthouse-at-dawn-7-1.png}), never overwrite an existing file, and are always PNG (a JPEG
 * answer is re-encoded). Their paths go to stdout, one per line; everything else to stderr. Exit
 * codes: 0 done, 1 the model or the files failed, 2 bad usage (including a size, count or parameter
 * the model does not take).
 */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    version = "genai-aws images sample 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Draws images from PROMPT and saves them as PNG files, printing their paths.",
      "Runs offline against the built-in Bedrock emulator unless --aws is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the model or the files failed", "2:bad usage"})
@NullUnmarked // nullness not yet annotated: see docs/design/decisions.md, "Build gates"
public final class ImageSample extends SampleCommand {
  /** Amazon Titan Image Generator v2, the default model. */
  public static final String TITAN_IMAGE_V2 = "amazon.titan-image-generator-v2:0";

  /** Amazon Nova Canvas. */
  public static final String NOVA_CANVAS = "amazon.nova-canvas-v1:0";

  private static final Pattern SIZE = Pattern.compile("(\\d{2,5})[xX](\\d{2,5})");

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PROMPT",
      description = "What to draw (quote it, or give it as" + " several words).")
  List<String> prompt;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Folder for the PNG files, created if missing" + " (default: ${DEFAULT-VALUE}).")
  Path outDir = Path.of("images");

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      description = "How many images (default: ${DEFAULT-VALUE}).")
  int count = 1;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      description = "Image size, e.g. 512x512 (Titan and Nova Canvas;" + " default: the model's).")
  String size;

  @Option(
      names = "--aspect-ratio",
      paramLabel = "W:H",
      description = "Aspect ratio, e.g. 16:9 (Stability SD3," + " Core, Ultra).")
  String aspectRatio;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed for reproducible images (default: random).")
  Long seed;

  @Option(
      names = "--negative",
      paramLabel = "TEXT",
      description = "What the images should not show.")
  String negative;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Bedrock image model, e.g. " + NOVA_CANVAS + " (default: ${DEFAULT-VALUE}).")
  String model = TITAN_IMAGE_V2;

  @Option(
      names = "--aws",
      description =
          "Call Amazon Bedrock (default region and credential chains) instead of"
              + " the local emulator.")
  boolean aws;

  @Mixin CommonOptions common;

  private ImageSample(PrintStream out, PrintStream err) {
    super(out, err);
  }

  /** Runs the sample and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the sample on the process's stdout and stderr (UTF-8) and returns the exit code. */
  public static int run(String[] args) {
    return run(args, Cli.utf8(System.out), Cli.utf8(System.err));
  }

  /**
   * Runs the sample: the files' paths to {@code out}, the rest to {@code err}; returns the exit
   * code.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new ImageSample(out, err).execute("images", args);
  }

  @Override
  public Integer call() throws IOException {
    String text = text(spec, prompt, "PROMPT");
    GenerationRequest request =
        GenerationRequest.builder().modelId(model).user(text).imageConfig(imageConfig()).build();
    BedrockEmulator emulator = aws ? null : BedrockEmulator.start();
    try (BedrockGenerationClient client = Cli.bedrockClient(emulator, common.region())) {
      err.println(
          emulator != null
              ? Cli.offlineNotice("images", "Bedrock", "Amazon Bedrock")
              : "Drawing with " + model + " on Amazon Bedrock...");
      GenerationResponse response = client.generate(request);
      List<Path> files = save(text, response.images());
      files.forEach(out::println);
      err.println(
          "Saved "
              + files.size()
              + " image(s) to "
              + outDir.toAbsolutePath().normalize()
              + " (model "
              + model
              + ")");
      return 0;
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  private ImageConfig imageConfig() {
    if (count < 1) {
      throw Cli.usage(spec, "--count must be at least 1 but was " + count);
    }
    ImageConfig.Builder c =
        ImageConfig.builder()
            .count(count)
            .seed(seed)
            .aspectRatio(aspectRatio)
            .negativePrompt(negative);
    if (size != null) {
      Matcher m = SIZE.matcher(size.strip());
      if (!m.matches()) {
        throw Cli.usage(spec, "--size must be WIDTHxHEIGHT, e.g. 512x512, but was '" + size + "'");
      }
      c.size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return c.build();
  }

  /**
   * Writes each image as a new PNG file (never overwriting one) and returns the paths, in order.
   */
  private List<Path> save(String text, List<ImageBlock> images) throws IOException {
    Files.createDirectories(outDir);
    String stem = slug(text);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      ImageBlock image = images.get(i);
      byte[] png = png(image);
      String base = stem + (image.seed() == null ? "" : "-" + image.seed()) + "-" + (i + 1);
      files.add(writeNew(base, png));
    }
    return files;
  }

  private Path writeNew(String base, byte[] png) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path file = outDir.resolve(attempt == 0 ? base + ".png" : base + "_" + attempt + ".png");
      try {
        Files.write(file, png, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return file;
      } catch (FileAlreadyExistsException e) {
        // keep the existing file and try the next name
      }
    }
  }

  /** The image as PNG bytes: as they are when the model sent PNG, re-encoded otherwise. */
  static byte[] png(ImageBlock image) throws IOException {
    if (image.mediaType().equals("image/png")) {
      return image.bytes();
    }
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
    if (decoded == null) {
      throw new IOException(
          "cannot read the "
              + image.mediaType()
              + " image the model returned ("
              + image.size()
              + " bytes)");
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(decoded, "png", png);
    return png.toByteArray();
  }

  /**
   * A file-name-safe stem from the prompt: lower-case ASCII words joined by dashes, at most 40
   * characters.
   */
  static String slug(String text) {
    String slug =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "image" : slug;
  }
}
